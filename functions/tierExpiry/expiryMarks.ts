import type { LedgerEntry, MemberChange } from '@core/growth';
import type { Member } from '@core/member';
import { tierChangedNotice } from '@core/notice';
import type { Tier } from '@core/tier';
import { COLLECTIONS, isDuplicateKey, rowsOf, updatedOf } from '@lib/platform/collections';
import type { Database } from '@lib/platform/handler';
import { forEachLimited } from '@lib/platform/pool';
import { notifyQuietly } from '@lib/workflows/notices';

/**
 * How a lapsed period is applied without a transaction per member, and why it survives a crash.
 *
 * 1. One guarded update per member: `where({ _id, growth, tier, tierExpiresAt, expiryPending: absent })`
 *    — exactly the values the change was computed from. A member who changed since the page was read
 *    (an order credited, a refund, a payment that settled the period on the fly) fails the guard and
 *    is read again; nothing they did is overwritten and no period is deducted twice.
 * 2. The same update carries the change's ledger lines as a mark on the member (`expiryPending`). The
 *    new balance and the lines it owes are thus written by one atomic request: whatever dies after
 *    it, the member document itself says which lines are still to be written.
 * 3. The page's lines are inserted in batches (one insert of many documents), each with its key as
 *    `_id`, then the marks are cleared (one update for the page). A repeat inserts nothing twice: a
 *    batch that meets a line already there is all-or-nothing, so the lines missing are found and
 *    inserted again.
 * 4. Every run first finishes the marks it finds (served by the `expiry_pending` index), left by a run
 *    that died between 2 and 3 — or by one still running: finishing is idempotent, so two runs doing
 *    it at once write each line once, and each clears only the marks of the run that wrote them.
 *
 * Why not the ledger first (deterministic ids, then the member)? A crash between the two would leave
 * the member's period unsettled beside its lines; a payment or refund settling that period on the fly
 * (withExpirySettled, in its own transaction) would then meet its own line's key already taken and
 * fail until the next run. With the mark the period is settled first, so they never compute it again.
 */
export interface ExpiryMark {
  /** The run that wrote it: only that run's marks are cleared by what it finishes. */
  run: string;
  at: Date;
  entries: LedgerEntry[];
  /** The 等级变更 message the change owes when the tier moved (sent at most once: notices.ts). */
  notice: { from: Tier; to: Tier; ref: string } | null;
}

/** A member as this timer reads it: only what the change and its message need. */
export type DueMember = Pick<Member, '_id' | 'openid' | 'growth' | 'tier' | 'tierExpiresAt' | 'subscriptions'> & { expiryPending?: ExpiryMark };
export type MarkedMember = DueMember & { expiryPending: ExpiryMark };

export const DUE_FIELDS = { _id: true, openid: true, growth: true, tier: true, tierExpiresAt: true, subscriptions: true, expiryPending: true } as const;

/** Lines per insert: a page of members owes one to three each; this keeps a request well under a megabyte. */
const INSERT_CHUNK = 500;
const CONCURRENCY = 16;

export function markOf(member: DueMember, change: MemberChange, run: string, at: Date): ExpiryMark {
  const to = change.set.tier ?? member.tier;
  // One message per lapsed period: the period's end names it (as before the marks).
  const notice = to !== member.tier ? { from: member.tier, to, ref: `expiry:${member.tierExpiresAt?.toISOString() ?? at.toISOString()}` } : null;
  return { run, at, entries: change.entries, notice };
}

/** Applies the change if the member is still as read; answers whether it landed. */
export async function applyIfUnchanged(db: Database, member: DueMember, change: MemberChange, mark: ExpiryMark): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(COLLECTIONS.members)
    .where({ _id: member._id, growth: member.growth, tier: member.tier, tierExpiresAt: member.tierExpiresAt, expiryPending: _.exists(false) })
    .update({ data: { ...change.set, expiryPending: _.set(mark) } });
  return updatedOf(res) === 1;
}

/** Members carrying a mark, a page at a time in _id order. */
export async function markedMembers(db: Database, after: string, limit: number): Promise<MarkedMember[]> {
  const _ = db.command;
  const where = { 'expiryPending.at': _.gt(new Date(0)), ...(after ? { _id: _.gt(after) } : {}) };
  return rowsOf<MarkedMember>(await db.collection(COLLECTIONS.members).where(where).field(DUE_FIELDS).orderBy('_id', 'asc').limit(limit).get());
}

/** Writes the marked members' ledger lines (each once), sends the messages they owe, clears the marks. */
export async function finishMarked(db: Database, members: readonly MarkedMember[]): Promise<void> {
  if (!members.length) return;
  const lines = members.flatMap((m) => m.expiryPending.entries).map((entry) => ({ _id: entry.key, ...entry }));
  for (let i = 0; i < lines.length; i += INSERT_CHUNK) await insertOnce(db, lines.slice(i, i + INSERT_CHUNK));
  // After the lines, before the marks: a crash in between sends again, which notices.ts turns into nothing.
  await forEachLimited(
    members.filter((m) => m.expiryPending.notice),
    CONCURRENCY,
    async (m) => {
      const { notice, at } = m.expiryPending;
      await notifyQuietly(db, m._id, tierChangedNotice({ ...notice!, at }), at, m.subscriptions?.tierChanged ?? 0);
    },
  );
  const _ = db.command;
  const byRun = new Map<string, string[]>();
  for (const m of members) byRun.set(m.expiryPending.run, [...(byRun.get(m.expiryPending.run) ?? []), m._id]);
  for (const [run, ids] of byRun) {
    await db
      .collection(COLLECTIONS.members)
      .where({ _id: _.in(ids), 'expiryPending.run': run })
      .update({ data: { expiryPending: _.remove() } });
  }
}

/**
 * Inserts lines whose ids are their keys, in one request; when some are there already (a run that
 * died after its insert, or another run finishing the same marks), the rest are found and inserted.
 */
async function insertOnce(db: Database, lines: Array<LedgerEntry & { _id: string }>): Promise<void> {
  const _ = db.command;
  let rest = lines;
  for (let attempt = 1; rest.length; attempt += 1) {
    try {
      await db.collection(COLLECTIONS.ledger).add({ data: rest });
      return;
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= 4) throw err;
      const ids = rest.map((l) => l._id);
      const there = new Set(rowsOf<{ _id: string }>(await db.collection(COLLECTIONS.ledger).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get()).map((l) => l._id));
      rest = rest.filter((l) => !there.has(l._id));
    }
  }
}
