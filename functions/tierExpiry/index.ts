import { randomUUID } from 'node:crypto';
import cloud from 'wx-server-sdk';
import { settleTierExpiry } from '@core/tierExpiry';
import { TIERS } from '@core/tier';
import type { MemberChange } from '@core/growth';
import { now } from '@lib/platform/clock';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { Database } from '@lib/platform/handler';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { PAGE_SIZE } from '@lib/platform/paging';
import { forEachLimited } from '@lib/platform/pool';
import { applyIfUnchanged, DUE_FIELDS, finishMarked, markedMembers, markOf, type DueMember, type MarkedMember } from './expiryMarks';

/** Stop taking new pages after this long; the next scheduled run picks up the rest (the function may run 60 s). */
const TIME_BUDGET_MS = 45_000;
const CONCURRENCY = 16;
/** A member who keeps changing under us is read again this many times in a run, then left to the next. */
const ROUNDS = 3;
const LAPSING_TIERS = TIERS.filter((t) => t !== 'normal');

/**
 * Timer (every 10 minutes from 02:00 to 04:50, Shanghai): applies every ended tier period of every
 * member whose tier has expired. Per page of due members: one read, one guarded update per member
 * that changed (conditioned on the values read), the page's ledger lines in batch inserts, one update
 * clearing the marks; see expiryMarks.ts for why a crash anywhere loses no line and writes none
 * twice. Each period's ledger key is unique and a member is only updated as read, so an overlapping,
 * repeated or resumed run never deducts twice; and since every elapsed period is applied in order, a
 * late or missed run changes nothing in the outcome.
 */
export async function main(): Promise<{ examined: number; changed: number; done: boolean } | Refused> {
  if (!calledByTimer()) return REFUSED;
  const started = Date.now();
  const overBudget = () => Date.now() - started > TIME_BUDGET_MS;
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  const run = randomUUID();
  // What a run that died between its updates and its ledger lines left: finished before anything else.
  for (let after = ''; ; ) {
    if (overBudget()) return { examined: 0, changed: 0, done: false };
    const marked = await markedMembers(db, after, PAGE_SIZE);
    await finishMarked(db, marked);
    if (marked.length < PAGE_SIZE) break;
    after = marked[marked.length - 1]._id;
  }
  let examined = 0;
  let changed = 0;
  let leftOver = false;
  const due = { tier: _.in(LAPSING_TIERS), tierExpiresAt: _.lte(at) };
  for (let after = ''; ; ) {
    if (overBudget()) return { examined, changed, done: false };
    const page = rowsOf<DueMember>(await db.collection(COLLECTIONS.members).where({ ...due, ...(after ? { _id: _.gt(after) } : {}) }).field(DUE_FIELDS).orderBy('_id', 'asc').limit(PAGE_SIZE).get());
    examined += page.length;
    let members = page;
    for (let round = 1; members.length; round += 1) {
      const { applied, lost } = await settlePage(db, members, at, run);
      changed += applied;
      if (!lost.length) break;
      if (round >= ROUNDS) {
        leftOver = true;
        break;
      }
      // Changed under us: read again, as they are now, those still due.
      members = rowsOf<DueMember>(await db.collection(COLLECTIONS.members).where({ ...due, _id: _.in(lost) }).field(DUE_FIELDS).limit(lost.length).get());
    }
    if (page.length < PAGE_SIZE) return { examined, changed, done: !leftOver };
    after = page[page.length - 1]._id;
  }
}

/** Settles each member as read; answers how many changes landed and who had changed meanwhile. */
async function settlePage(db: Database, members: readonly DueMember[], at: Date, run: string): Promise<{ applied: number; lost: string[] }> {
  const changes = members.map((member) => ({ member, change: settleTierExpiry(member, at) })).filter((c): c is { member: DueMember; change: MemberChange } => c.change !== null);
  const landed: MarkedMember[] = [];
  const lost: string[] = [];
  await forEachLimited(changes, CONCURRENCY, async ({ member, change }) => {
    const mark = markOf(member, change, run, at);
    if (await applyIfUnchanged(db, member, change, mark)) landed.push({ ...member, expiryPending: mark });
    else lost.push(member._id);
  });
  await finishMarked(db, landed);
  return { applied: landed.length, lost };
}
