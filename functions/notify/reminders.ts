import { businessDate } from '@core/businessTime';
import { couponSummary } from '@core/coupon';
import { couponExpiringNotice, liveStartingNotice, tierExpiringNotice } from '@core/notice';
import { keepTierGrowth, type Tier } from '@core/tier';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { Database } from '@lib/platform/handler';
import type { LiveSessionRecord } from '@lib/data/liveData';
import type { CouponRecord } from '@lib/workflows/couponIssue';
import { templateIdFor } from '@lib/workflows/notices';
import { sendPageNotices, type PageNotice } from '@lib/workflows/noticePage';
import { openRun, runPages, type SourcePage, type TimerRunRecord } from '@lib/workflows/timerRun';

const MINUTE = 60_000;
const DAY = 86_400_000;
const PAGE = 500;
const JOB = 'notify';

export interface ReminderTally {
  considered: number;
  sent: number;
}

/** When a firing stops taking pages, and when it started: `Date.now()` against the function's own time limit. */
export interface Budget {
  startedMs: number;
  budgetMs: number;
}

const outOfTime = (b: Budget) => Date.now() - b.startedMs > b.budgetMs;

/** Of these members, the ones with an accept left for the kind (one read per page of ids). */
async function subscribed(db: Database, openids: string[], key: string): Promise<Set<string>> {
  if (!openids.length) return new Set();
  const rows = rowsOf<{ _id: string }>(
    await db
      .collection(COLLECTIONS.members)
      .where({ _id: db.command.in(openids), [`subscriptions.${key}`]: db.command.gt(0) })
      .field({ _id: true })
      .limit(openids.length)
      .get(),
  );
  return new Set(rows.map((r) => r._id));
}

/** Sends a page's messages (workflows/noticePage.ts) and adds them to the tally. */
async function sendPage(db: Database, t: ReminderTally, items: PageNotice[], now: Date): Promise<Record<string, number>> {
  const outcome = await sendPageNotices(db, items, now);
  t.considered += items.length;
  t.sent += outcome.sent;
  return { considered: items.length, sent: outcome.sent };
}

/** Where a session's 开播提醒 stopped when a firing ran out of time (`notify@live:<session>`); a finished pass leaves `after` empty. */
interface LiveProgress {
  _id: string;
  after: string;
  state: 'running' | 'done';
}

/** How long after its start a session whose reminders a firing left unfinished is still reminded. */
const LATE_RESUME_MS = 60 * MINUTE;

/**
 * 开播提醒: sessions starting in the next 10 minutes (or that started in the last 5, for a late timer),
 * to members who reserved them and accepted the reminder. One per (member, session): every firing in
 * the window goes over the session's reservations again (members reserving late are reached; those
 * already reminded cost a read per page of 500, their messages' records say so). A firing out of time
 * notes where it stopped, and the next one continues from there, even up to an hour after the start.
 */
export async function liveStartingReminders(db: Database, now: Date, budget: Budget): Promise<{ tally: ReminderTally; done: boolean }> {
  const t: ReminderTally = { considered: 0, sent: 0 };
  if (!templateIdFor('liveStarting')) return { tally: t, done: true };
  const _ = db.command;
  const sessions = rowsOf<LiveSessionRecord>(
    await db
      .collection(COLLECTIONS.liveSessions)
      .where({ startAt: _.gt(new Date(now.getTime() - 5 * MINUTE - LATE_RESUME_MS)).and(_.lte(new Date(now.getTime() + 10 * MINUTE))) })
      .limit(100)
      .get(),
  );
  if (!sessions.length) return { tally: t, done: true };
  const progressId = (s: LiveSessionRecord) => `${JOB}@live:${s.sessionId}`;
  const progress = new Map(rowsOf<LiveProgress>(await db.collection(COLLECTIONS.jobRuns).where({ _id: _.in(sessions.map(progressId)) }).limit(sessions.length).get()).map((p) => [p._id, p]));
  for (const session of sessions) {
    const left = progress.get(progressId(session));
    const inWindow = session.startAt.getTime() > now.getTime() - 5 * MINUTE;
    const unfinished = left?.state === 'running' && session.endAt.getTime() > now.getTime();
    if (!inWindow && !unfinished) continue;
    const notice = liveStartingNotice(session);
    let after = unfinished ? left!.after : '';
    for (;;) {
      if (outOfTime(budget)) {
        await db.collection(COLLECTIONS.jobRuns).doc(progressId(session)).set({ data: { after, state: 'running', at: now } });
        return { tally: t, done: false };
      }
      const viewers = rowsOf<{ _id: string; openid: string }>(
        await db
          .collection(COLLECTIONS.liveViewers)
          .where({ sessionId: session.sessionId, reservedAt: _.neq(null), ...(after ? { _id: _.gt(after) } : {}) })
          .orderBy('_id', 'asc')
          .limit(PAGE)
          .field({ _id: true, openid: true })
          .get(),
      );
      if (viewers.length) {
        const accepted = await subscribed(db, viewers.map((v) => v.openid), 'liveStarting');
        await sendPage(db, t, [...accepted].map((openid) => ({ openid, notice })), now);
      }
      if (viewers.length < PAGE) break;
      after = viewers[viewers.length - 1]._id;
    }
    if (left?.state === 'running') await db.collection(COLLECTIONS.jobRuns).doc(progressId(session)).set({ data: { after: '', state: 'done', at: now } });
  }
  return { tally: t, done: true };
}

/** One of the day's reminder runs, anchored at the daily firing's instant: its windows do not move with a resumed firing's clock. */
interface DailyRun extends TimerRunRecord {
  date: string;
  phase: DailyPhase;
  at: Date;
}

type DailyPhase = 'tier30' | 'tier7' | 'coupons';
const PHASES: DailyPhase[] = ['tier30', 'tier7', 'coupons'];
const runIdOf = (date: string, phase: DailyPhase) => `${JOB}@${date}:${phase}`;

export interface DailyOutcome {
  tierExpiring: ReminderTally;
  couponExpiring: ReminderTally;
  done: boolean;
}

/**
 * The daily reminders (等级到期 30 and 7 days ahead, 优惠券到期), as three runs of the day paged by _id
 * (workflows/timerRun.ts): the daily firing starts them; a firing out of time leaves the cursors, and
 * the 10-minute firings that follow resume them (`resumeOnly`: they start nothing) until done.
 */
export async function dailyReminders(db: Database, now: Date, budget: Budget, resumeOnly: boolean): Promise<DailyOutcome | null> {
  const tierExpiring: ReminderTally = { considered: 0, sent: 0 };
  const couponExpiring: ReminderTally = { considered: 0, sent: 0 };
  const date = businessDate(now);
  const phases = PHASES.filter((p) => templateIdFor(p === 'coupons' ? 'couponExpiring' : 'tierExpiring'));
  if (!phases.length) return resumeOnly ? null : { tierExpiring, couponExpiring, done: true };
  const found = new Map(rowsOf<DailyRun>(await db.collection(COLLECTIONS.jobRuns).where({ _id: db.command.in(phases.map((p) => runIdOf(date, p))) }).limit(phases.length).get()).map((r) => [r.phase, r]));
  if (resumeOnly && ![...found.values()].some((r) => r.state === 'running')) return null;
  for (const phase of phases) {
    if (resumeOnly && !found.has(phase)) continue;
    const run = await openRun<DailyRun>(db, { _id: runIdOf(date, phase), job: JOB, state: 'running', after: '', pages: 0, figures: {}, startedAt: now, date, phase, at: now }, found.get(phase));
    if (run.state === 'done') continue;
    const at = new Date(run.at);
    const tally = phase === 'coupons' ? couponExpiring : tierExpiring;
    const outcome = await runPages<PageNotice>(db, run, {
      pageSize: PAGE,
      budgetMs: budget.budgetMs,
      startedMs: budget.startedMs,
      now,
      record: false,
      read: (after) => (phase === 'coupons' ? expiringCoupons(db, at, after) : expiringTiers(db, at, phase === 'tier30' ? 30 : 7, after)),
      give: (items) => sendPage(db, tally, items, now),
    });
    if (!outcome.done) return { tierExpiring, couponExpiring, done: false };
  }
  return { tierExpiring, couponExpiring, done: true };
}

/**
 * 等级到期提醒: 30 and 7 days before a tier lapses, with the spend that keeps it. The daily run looks
 * at the day-wide slice of members whose tier ends between lead−1 and lead days from the run's
 * instant, so daily runs tile without gaps; the message's key (period end, lead) keeps a repeated run
 * from sending again. Only members with an accept left are read.
 */
async function expiringTiers(db: Database, at: Date, lead: number, after: string): Promise<SourcePage<PageNotice>> {
  const _ = db.command;
  const from = new Date(at.getTime() + (lead - 1) * DAY);
  const to = new Date(at.getTime() + lead * DAY);
  const members = rowsOf<{ _id: string; tier: Tier; growth: number; tierExpiresAt: Date }>(
    await db
      .collection(COLLECTIONS.members)
      .where({ tierExpiresAt: _.gt(from).and(_.lte(to)), tier: _.neq('normal'), 'subscriptions.tierExpiring': _.gt(0), ...(after ? { _id: _.gt(after) } : {}) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .field({ _id: true, tier: true, growth: true, tierExpiresAt: true })
      .get(),
  );
  return {
    rows: members.length,
    last: members[members.length - 1]?._id ?? after,
    items: members.map((m) => ({ openid: m._id, notice: tierExpiringNotice({ tier: m.tier, tierExpiresAt: m.tierExpiresAt, keepTierGrowth: keepTierGrowth(m.tier, m.growth) }, lead) })),
  };
}

/**
 * 优惠券到期提醒: unused coupons ending between 2 and 3 days from the run's instant (daily runs tile),
 * once per coupon, to members with an accept left.
 */
async function expiringCoupons(db: Database, at: Date, after: string): Promise<SourcePage<PageNotice>> {
  const _ = db.command;
  const coupons = rowsOf<CouponRecord>(
    await db
      .collection(COLLECTIONS.coupons)
      .where({ validTo: _.gt(new Date(at.getTime() + 2 * DAY)).and(_.lte(new Date(at.getTime() + 3 * DAY))), status: 'unused', ...(after ? { _id: _.gt(after) } : {}) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .field({ _id: true, couponId: true, openid: true, name: true, terms: true, validTo: true })
      .get(),
  );
  const accepted = await subscribed(db, [...new Set(coupons.map((c) => c.openid))], 'couponExpiring');
  return {
    rows: coupons.length,
    last: coupons[coupons.length - 1]?._id ?? after,
    items: coupons
      .filter((c) => accepted.has(c.openid))
      .map((c) => ({ openid: c.openid, notice: couponExpiringNotice({ couponId: c.couponId, name: c.name, summary: couponSummary(c.terms), validTo: c.validTo }) })),
  };
}
