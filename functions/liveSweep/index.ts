import cloud from 'wx-server-sdk';
import { now } from '@lib/platform/clock';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import '@lib/platform/handler';
import type { Database } from '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { loadTemplates, rewardKey, type LiveSessionRecord, type LiveViewerRecord } from '@lib/data/liveData';
import { issuePageCoupons } from '@lib/workflows/pageCoupons';
import { openRun, runPages, type TimerRunRecord } from '@lib/workflows/timerRun';

/** Stop taking new pages after this long (the function may run 60 s); the next firing resumes. */
const TIME_BUDGET_MS = 45_000;
/** Viewers read per page: one read, the page's buyers, the page's record, the coupons in bulk, one cursor move. */
const PAGE = 500;
const JOB = 'liveSweep';
/** Orders that count as having bought from the session: no remedy for them. */
const BOUGHT = ['paid', 'picked_up', 'refunded'];
const ORDERS_PAGE = 1000;

/**
 * Timer (every 10 minutes): after a session ends, a remedy coupon (错过补救券) for every member who
 * reserved or entered but placed no paid order from it. Each grant is keyed per member and session,
 * so a run that is repeated, overlaps another or stops half-way and runs again issues nothing twice.
 *
 * Each ended session is one run through its viewers by _id (workflows/timerRun.ts): a page looks up
 * which of its viewers bought from the session (one read), records who is owed a remedy before any is
 * given, issues them in bulk per template (workflows/pageCoupons.ts), then moves the session's
 * cursor. A firing cut by its timeout or a crash is resumed by the next; the session is marked swept
 * when its run is done.
 */
export async function main(): Promise<{ sessions: number; remedied: number; done: boolean } | Refused> {
  if (!calledByTimer()) return REFUSED;
  const startedMs = Date.now();
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  const due = rowsOf<LiveSessionRecord>(await db.collection(COLLECTIONS.liveSessions).where({ endAt: _.lte(at), sweptAt: _.exists(false) }).limit(100).get());
  if (!due.length) return { sessions: 0, remedied: 0, done: true };
  const withMissed = due.filter((s) => s.rewards.some((r) => r.trigger === 'missed'));
  const runIds = withMissed.map((s) => `${JOB}@${s.sessionId}`);
  const [runs, templates] = await Promise.all([
    runIds.length ? db.collection(COLLECTIONS.jobRuns).where({ _id: _.in(runIds) }).limit(runIds.length).get() : Promise.resolve({ data: [] }),
    loadTemplates(db, withMissed.flatMap((s) => s.rewards.filter((r) => r.trigger === 'missed').map((r) => r.templateId))),
  ]);
  const found = new Map(rowsOf<TimerRunRecord>(runs).map((r) => [r._id, r]));
  let remedied = 0;
  let sessions = 0;
  for (const session of due) {
    const missed = session.rewards.filter((r) => r.trigger === 'missed');
    if (missed.length) {
      const runId = `${JOB}@${session.sessionId}`;
      const run = await openRun<TimerRunRecord>(db, { _id: runId, job: JOB, state: 'running', after: '', pages: 0, figures: {}, startedAt: at }, found.get(runId));
      const outcome = await runPages<string>(db, run, {
        pageSize: PAGE,
        budgetMs: TIME_BUDGET_MS,
        startedMs,
        now: at,
        read: (after) => owedViewers(db, session, after),
        give: async (openids, pageId) => {
          let issued = 0;
          // One key per session and trigger: a template listed twice among the remedies is one coupon.
          for (const templateId of new Set(missed.map((r) => r.templateId))) {
            const template = templates.get(templateId);
            if (!template || template.active === false) continue;
            const sourceKey = rewardKey(session.sessionId, missed.find((r) => r.templateId === templateId)!);
            issued += (await issuePageCoupons(db, { pageId, template, source: 'live', grants: openids.map((openid) => ({ openid, sourceKey })), now: at })).length;
          }
          return { issued };
        },
      });
      remedied += outcome.figures.issued ?? 0;
      if (!outcome.done) return { sessions, remedied, done: false };
    }
    await db.collection(COLLECTIONS.liveSessions).doc(session._id).update({ data: { sweptAt: at } });
    sessions += 1;
  }
  return { sessions, remedied, done: due.length < 100 };
}

/** The page of the session's viewers after `after`, and of them those who reserved or entered and bought nothing from it. */
async function owedViewers(db: Database, session: LiveSessionRecord, after: string) {
  const _ = db.command;
  const viewers = rowsOf<Pick<LiveViewerRecord, '_id' | 'openid' | 'reservedAt' | 'enteredAt'>>(
    await db
      .collection(COLLECTIONS.liveViewers)
      .where({ sessionId: session.sessionId, ...(after ? { _id: _.gt(after) } : {}) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .field({ _id: true, openid: true, reservedAt: true, enteredAt: true })
      .get(),
  );
  const came = viewers.filter((v) => v.reservedAt || v.enteredAt).map((v) => v.openid);
  const buyers = came.length ? await buyersAmong(db, session.sessionId, came) : new Set<string>();
  return { rows: viewers.length, last: viewers[viewers.length - 1]?._id ?? after, items: came.filter((openid) => !buyers.has(openid)) };
}

/** Which of these members bought from the session: one read, more only if they hold over 1,000 such orders between them. */
async function buyersAmong(db: Database, sessionId: string, openids: string[]): Promise<Set<string>> {
  const _ = db.command;
  const buyers = new Set<string>();
  let after = '';
  for (;;) {
    const orders = rowsOf<{ _id: string; openid: string }>(
      await db
        .collection(COLLECTIONS.orders)
        .where({ liveSessionId: sessionId, openid: _.in(openids), status: _.in(BOUGHT), ...(after ? { _id: _.gt(after) } : {}) })
        .orderBy('_id', 'asc')
        .limit(ORDERS_PAGE)
        .field({ _id: true, openid: true })
        .get(),
    );
    for (const o of orders) buyers.add(o.openid);
    if (orders.length < ORDERS_PAGE) return buyers;
    after = orders[orders.length - 1]._id;
  }
}
