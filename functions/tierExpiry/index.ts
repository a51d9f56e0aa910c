import cloud from 'wx-server-sdk';
import type { Member } from '@core/member';
import { settleTierExpiry } from '@core/tierExpiry';
import { tierChangedNotice } from '@core/notice';
import { now } from '@lib/platform/clock';
import { notifyQuietly } from '@lib/workflows/notices';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { applyMemberChange, memberInTx } from '@lib/data/ledger';
import { PAGE_SIZE } from '@lib/platform/paging';
import { forEachLimited } from '@lib/platform/pool';
import { withTransaction, type Transaction } from '@lib/platform/transaction';

/** Stop taking new pages after this long; the next scheduled run picks up the rest (the function may run 60 s). */
const TIME_BUDGET_MS = 45_000;
const CONCURRENCY = 16;

/**
 * Timer (every 10 minutes from 02:00 to 04:50, Shanghai): applies every ended tier period of every
 * member whose tier has expired. Each member is settled in a transaction from a fresh read, and each
 * period's ledger key is unique, so an overlapping, repeated or resumed run never deducts twice; and
 * since every elapsed period is applied in order, a late or missed run changes nothing in the outcome.
 */
export async function main(): Promise<{ examined: number; changed: number; done: boolean } | Refused> {
  if (!calledByTimer()) return REFUSED;
  const started = Date.now();
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  let examined = 0;
  let changed = 0;
  let after = '';
  for (;;) {
    if (Date.now() - started > TIME_BUDGET_MS) return { examined, changed, done: false };
    const where = { tier: _.neq('normal'), tierExpiresAt: _.lte(at), ...(after ? { _id: _.gt(after) } : {}) };
    const page = rowsOf<Member>(await db.collection(COLLECTIONS.members).where(where).orderBy('_id', 'asc').limit(PAGE_SIZE).get());
    examined += page.length;
    await forEachLimited(page, CONCURRENCY, async (candidate) => {
      const applied = await withTransaction(db, async (tx: Transaction) => {
        const member = await memberInTx(tx, candidate._id);
        const change = settleTierExpiry(member, at);
        if (!change) return null;
        await applyMemberChange(tx, member._id, change);
        return { member, to: change.set.tier ?? member.tier };
      });
      if (!applied) return;
      changed += 1;
      const { member, to } = applied;
      if (to !== member.tier) {
        // One message per lapsed period: the period's end names it.
        const ref = `expiry:${member.tierExpiresAt?.toISOString() ?? at.toISOString()}`;
        await notifyQuietly(db, member._id, tierChangedNotice({ from: member.tier, to, at, ref }), at, member.subscriptions?.tierChanged ?? 0);
      }
    });
    if (page.length < PAGE_SIZE) return { examined, changed, done: true };
    after = page[page.length - 1]._id;
  }
}
