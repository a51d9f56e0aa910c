import cloud from 'wx-server-sdk';
import { termsToSettle, type PaidCard } from '@core/membership';
import { now } from '@lib/platform/clock';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { CouponTemplateRecord } from '@lib/workflows/couponIssue';
import '@lib/platform/handler';
import type { Database } from '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { ensureSystemTemplate } from '@lib/data/systemTemplates';
import { issuePageCoupons } from '@lib/workflows/pageCoupons';
import { openRun, runPages, type TimerRunRecord } from '@lib/workflows/timerRun';

/** The guarantee coupon: no threshold, the shortfall as its value, 30 days to use it. */
const GUARANTEE_TEMPLATE: CouponTemplateRecord = { _id: 'sys-guarantee', templateId: 'sys-guarantee', name: '开卡保本返还券', kind: 'cash', validity: { days: 30 } };

/** Stop taking new pages after this long (the function may run 60 s); the next firing resumes. */
const TIME_BUDGET_MS = 45_000;
/** Members read per page: one read, the page's record, the coupons in bulk, one update per term position, one cursor move. */
const PAGE = 500;
const JOB = 'membershipSettle';
/**
 * Each run looks again at terms that ended up to a day before the previous run's instant: a term
 * whose end was written just before that run started (an upgrade ends the lite term at its payment)
 * but committed after it read that member is still reached. Settled terms are skipped by the query.
 */
const OVERLAP_MS = 86_400_000;

/** A term to settle, as the page recorded it: where it sits in the member's terms, and what comes back. */
interface TermDue {
  openid: string;
  termId: string;
  index: number;
  refundFen: number;
}

/** One run: the terms that ended in (from, to]. */
interface SettleRun extends TimerRunRecord {
  from: Date | null;
  to: Date;
}

interface Outcome {
  settled: number;
  refunded: number;
  refundedFen: number;
  done: boolean;
}

/**
 * Timer (daily): 开卡保本. For every paid-membership term that has ended, if what it saved the member is
 * below its fee, the difference comes back as a no-threshold cash coupon (keyed by the term, so once);
 * then the term is marked settled. A lapsed card simply stops being active (the profile shows none).
 *
 * Each run covers the terms that ended since the previous run finished (the job's `through`), found
 * by the index on the terms' ends, and pages through their members by _id (workflows/timerRun.ts):
 * a page records its terms before anything is given, issues the page's guarantee coupons in bulk
 * (workflows/pageCoupons.ts), marks the page's terms settled with one guarded update per position in
 * the terms list, then moves the run's cursor. A firing cut by its timeout or a crash is resumed by
 * the next one; a finished run moves `through` on.
 */
export async function main(): Promise<Outcome | Refused> {
  if (!calledByTimer()) return REFUSED;
  const startedMs = Date.now();
  const db = cloud.database();
  const at = now();
  await ensureSystemTemplate(db, GUARANTEE_TEMPLATE);
  const total: Outcome = { settled: 0, refunded: 0, refundedFen: 0, done: false };
  // A run left unfinished (or finished but not yet noted) comes first, then the one up to now.
  for (let round = 0; round < 2; round += 1) {
    const [job] = rowsOf<{ through?: Date | null }>(await db.collection(COLLECTIONS.jobRuns).where({ _id: JOB }).limit(1).get());
    const from = job?.through ? new Date(job.through) : null;
    if (from && from.getTime() >= at.getTime()) return { ...total, done: true };
    const runId = `${JOB}@${from ? from.toISOString() : 'start'}`;
    const [found] = rowsOf<SettleRun>(await db.collection(COLLECTIONS.jobRuns).where({ _id: runId }).limit(1).get());
    const run = await openRun<SettleRun>(db, { _id: runId, job: JOB, state: 'running', after: '', pages: 0, figures: {}, startedAt: at, from, to: at }, found);
    const outcome = await runPages<TermDue>(db, run, {
      pageSize: PAGE,
      budgetMs: TIME_BUDGET_MS,
      startedMs,
      now: at,
      read: (after) => readPage(db, run, after),
      give: (items, pageId) => settlePage(db, items, pageId, at),
    });
    total.settled += outcome.figures.settled ?? 0;
    total.refunded += outcome.figures.refunded ?? 0;
    total.refundedFen += outcome.figures.refundedFen ?? 0;
    if (!outcome.done) return total;
    await db.collection(COLLECTIONS.jobRuns).doc(JOB).set({ data: { through: new Date(run.to), at } });
    if (new Date(run.to).getTime() >= at.getTime()) break;
  }
  return { ...total, done: true };
}

/** Members with a term that ended in the run's window and is not settled, after the cursor. */
async function readPage(db: Database, run: SettleRun, after: string) {
  const _ = db.command;
  const to = new Date(run.to);
  const ended = run.from ? _.gt(new Date(new Date(run.from).getTime() - OVERLAP_MS)).and(_.lte(to)) : _.lte(to);
  const members = rowsOf<{ _id: string; paid: PaidCard | null }>(
    await db
      .collection(COLLECTIONS.members)
      .where({ 'paid.terms.endsAt': ended, 'paid.terms': _.elemMatch({ endsAt: ended, settledAt: null }), ...(after ? { _id: _.gt(after) } : {}) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .field({ _id: true, paid: true })
      .get(),
  );
  const items: TermDue[] = [];
  for (const member of members) {
    if (!member.paid) continue;
    const card = member.paid;
    for (const { term, refundFen } of termsToSettle(card, to)) {
      items.push({ openid: member._id, termId: term.termId, index: card.terms.findIndex((t) => t.termId === term.termId), refundFen: term.trial ? 0 : refundFen });
    }
  }
  return { rows: members.length, last: members[members.length - 1]?._id ?? after, items };
}

/** The page's guarantee coupons, then its terms marked settled (a crash in between: the resumed page gives nothing twice). */
async function settlePage(db: Database, items: TermDue[], pageId: string, at: Date): Promise<Record<string, number>> {
  const owed = items.filter((t) => t.refundFen > 0);
  const created = await issuePageCoupons(db, {
    pageId,
    template: GUARANTEE_TEMPLATE,
    source: 'guarantee',
    grants: owed.map((t) => ({ openid: t.openid, sourceKey: `guarantee:${t.termId}`, valueFen: t.refundFen })),
    now: at,
  });
  // Marks each term only, where it still sits (term ids are unique): a concurrent change to another term is not overwritten.
  const byIndex = new Map<number, TermDue[]>();
  for (const t of items) byIndex.set(t.index, [...(byIndex.get(t.index) ?? []), t]);
  const _ = db.command;
  await Promise.all(
    [...byIndex].map(([index, terms]) =>
      db
        .collection(COLLECTIONS.members)
        .where({ _id: _.in([...new Set(terms.map((t) => t.openid))]), [`paid.terms.${index}.termId`]: _.in(terms.map((t) => t.termId)) })
        .update({ data: { [`paid.terms.${index}.settledAt`]: at } }),
    ),
  );
  return { settled: items.length, refunded: created.length, refundedFen: created.reduce((sum, c) => sum + (c.terms.valueFen ?? 0), 0) };
}
