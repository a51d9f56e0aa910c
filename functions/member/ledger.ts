import { LEDGER_PAGE_SIZE, type LedgerLine, type LedgerPage } from '@contract/member';
import type { LedgerEntry } from '@core/growth';
import { TIER_NAMES } from '@core/tier';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import { decodeCursor, encodeCursor } from '@lib/platform/paging';
import type { CallContext } from '@lib/platform/handler';

/** What each history shows. A tier change belongs with growth: growth is what moves a tier. */
const KINDS: Record<'growth' | 'points', Array<LedgerEntry['kind']>> = {
  growth: ['growth', 'tier'],
  points: ['points'],
};

type StoredEntry = LedgerEntry & { _id: string };

export { decodeCursor, encodeCursor } from '@lib/platform/paging';

function lineOf(entry: StoredEntry): LedgerLine {
  const at = (entry.at instanceof Date ? entry.at : new Date(entry.at)).toISOString();
  const base = { at, balance: entry.balance, ref: entry.ref };
  if (entry.kind === 'tier') {
    const change = entry.fromTier && entry.toTier ? `：${TIER_NAMES[entry.fromTier]}→${TIER_NAMES[entry.toTier]}` : '';
    return {
      ...base,
      delta: 0,
      reason: `${entry.reason}${change}`,
      kind: 'tier',
      ...(entry.fromTier ? { fromTier: entry.fromTier } : {}),
      ...(entry.toTier ? { toTier: entry.toTier } : {}),
    };
  }
  return { ...base, delta: entry.delta, reason: entry.reason, kind: entry.kind, ...(entry.shortfall ? { shortfall: entry.shortfall } : {}) };
}

/**
 * The caller's growth or points history, newest first, a page at a time. Keyset paging on (at, _id)
 * descending, so lines written while the member pages never shift a page (no skip/offset).
 */
export async function ledgerPage(kind: 'growth' | 'points', cursor: string | null | undefined, { db, openid }: Pick<CallContext, 'db' | 'openid'>): Promise<LedgerPage> {
  const _ = db.command;
  const mine = { openid, kind: _.in(KINDS[kind]) };
  const after = cursor ? decodeCursor(cursor) : null;
  const query = after ? _.and([mine, _.or([{ at: _.lt(after.at) }, { at: _.eq(after.at), _id: _.lt(after.id) }])]) : mine;
  const rows = rowsOf<StoredEntry>(
    await db
      .collection(COLLECTIONS.ledger)
      .where(query)
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .limit(LEDGER_PAGE_SIZE + 1)
      .get(),
  );
  const page = rows.slice(0, LEDGER_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    entries: page.map(lineOf),
    cursor: rows.length > LEDGER_PAGE_SIZE && last ? encodeCursor({ at: last.at instanceof Date ? last.at : new Date(last.at), id: last._id }) : null,
  };
}
