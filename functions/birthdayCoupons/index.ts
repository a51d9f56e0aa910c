import cloud from 'wx-server-sdk';
import { activeCard, birthdayKeysToday } from '@core/membership';
import { businessDate } from '@core/businessTime';
import type { Member } from '@core/member';
import { tierRank } from '@core/tier';
import { loadPlans, loadTierBenefits } from '@lib/workflows/benefits';
import { now } from '@lib/platform/clock';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { loadTemplates } from '@lib/data/liveData';
import { issuePageCoupons, type PageGrant } from '@lib/workflows/pageCoupons';
import { openRun, runPages, type TimerRunRecord } from '@lib/workflows/timerRun';

/** Stop taking new pages after this long (the function may run 60 s); the next firing resumes. */
const TIME_BUDGET_MS = 45_000;
/** Members read per page: one read, the page's record, two reads and a few writes per template, one cursor move. */
const PAGE = 500;
const JOB = 'birthdayCoupons';
const CATCH_UP_DAYS = 7;
const DAY_MS = 86_400_000;

/** One birthday coupon owed: the template and the key it issues under (`birthday:paid:2026`). */
interface Owed {
  templateId: string;
  grant: PageGrant;
}

/** The day's run: which birthdays (MM-DD) it covers, each with the year its coupon is keyed by. */
interface BirthdayRun extends TimerRunRecord {
  date: string;
  days: Array<{ md: string; year: string }>;
  at: Date;
}

/**
 * Timer (daily): birthday coupons for members whose birthday is today in Shanghai (29 February
 * birthdays on 28 February in other years): the plan's 75折 coupon for paid members, the tier's
 * birthday coupon from 银卡 up. Keyed per member and year, so reruns issue nothing twice.
 *
 * The day's run pages through the members with those birthdays by _id (see workflows/timerRun.ts):
 * each page records who gets which coupon before any is given, issues them in bulk per template
 * (workflows/pageCoupons.ts), then moves the day's cursor. A firing cut by its timeout or a crash is
 * resumed by the next one, from the page it stopped in; days since the last finished run (at most a
 * week back) are covered again, their coupons keyed by their own year.
 */
export async function main(): Promise<{ members: number; issued: number; done: boolean } | Refused> {
  if (!calledByTimer()) return REFUSED;
  const startedMs = Date.now();
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  const today = businessDate(at);
  const runId = `${JOB}@${today}`;
  const rows = rowsOf<{ _id: string; lastDate?: string } & Partial<BirthdayRun>>(await db.collection(COLLECTIONS.jobRuns).where({ _id: _.in([JOB, runId]) }).limit(2).get());
  const found = rows.find((r) => r._id === runId) as BirthdayRun | undefined;
  const lastDate = rows.find((r) => r._id === JOB)?.lastDate ?? null;
  if (found?.state === 'done') {
    // Done today; only if the firing that finished it died before noting the day, note it now.
    if (lastDate !== today) await noteDay(db, today, at);
    return { members: 0, issued: 0, done: true };
  }
  const run = await openRun<BirthdayRun>(db, { _id: runId, job: JOB, state: 'running', after: '', pages: 0, figures: {}, startedAt: at, date: today, days: daysSince(at, lastDate), at }, found);
  const mds = [...new Set(run.days.map((d) => d.md))];
  const yearOf = new Map(run.days.map((d) => [d.md, d.year]));
  const [plans, tiers] = await Promise.all([loadPlans(db), loadTierBenefits(db)]);
  const runAt = new Date(run.at);
  // Every template a page may give, read once for the firing (each page still reads its stock).
  const templates = await loadTemplates(db, [...Object.values(plans).map((p) => p.birthdayTemplateId), ...[...tiers.values()].map((t) => t.birthdayTemplateId)].filter((id): id is string => !!id));
  const outcome = await runPages<Owed>(db, run, {
    pageSize: PAGE,
    budgetMs: TIME_BUDGET_MS,
    startedMs,
    now: at,
    read: async (after) => {
      const members = rowsOf<Pick<Member, '_id' | 'tier' | 'paid'> & { birthdayMD?: string }>(
        await db
          .collection(COLLECTIONS.members)
          .where({ birthdayMD: _.in(mds), ...(after ? { _id: _.gt(after) } : {}) })
          .orderBy('_id', 'asc')
          .limit(PAGE)
          .field({ _id: true, tier: true, paid: true, birthdayMD: true })
          .get(),
      );
      const items: Owed[] = [];
      for (const member of members) {
        const year = yearOf.get(member.birthdayMD ?? '') ?? today.slice(0, 4);
        const card = activeCard(member.paid, runAt);
        const paidTemplate = card ? plans[card.plan].birthdayTemplateId : undefined;
        if (paidTemplate) items.push({ templateId: paidTemplate, grant: { openid: member._id, sourceKey: `birthday:paid:${year}`, perk: 'paidCard' } });
        const tierTemplate = tierRank(member.tier) >= tierRank('silver') ? tiers.get(member.tier)?.birthdayTemplateId : undefined;
        if (tierTemplate) items.push({ templateId: tierTemplate, grant: { openid: member._id, sourceKey: `birthday:tier:${year}` } });
      }
      return { rows: members.length, last: members[members.length - 1]?._id ?? after, items };
    },
    give: async (items, pageId) => {
      let issued = 0;
      for (const [templateId, grants] of groupBy(items)) {
        const template = templates.get(templateId);
        if (!template || template.active === false) continue;
        issued += (await issuePageCoupons(db, { pageId, template, source: 'birthday', grants, now: runAt })).length;
      }
      return { members: new Set(items.map((i) => i.grant.openid)).size, issued };
    },
  });
  if (outcome.done) await noteDay(db, run.date, at);
  return { members: outcome.figures.members ?? 0, issued: outcome.figures.issued ?? 0, done: outcome.done };
}

/** The last day whose run finished: the next run covers the days after it. */
async function noteDay(db: ReturnType<typeof cloud.database>, date: string, at: Date): Promise<void> {
  await db.collection(COLLECTIONS.jobRuns).doc(JOB).set({ data: { lastDate: date, at } });
}

/** Today and every day since the last finished run (at most a week back), each birthday with the year of its own day. */
function daysSince(at: Date, lastDate: string | null): Array<{ md: string; year: string }> {
  const days: Array<{ md: string; year: string }> = [];
  for (let d = 0; d < CATCH_UP_DAYS; d += 1) {
    const day = new Date(at.getTime() - d * DAY_MS);
    if (lastDate && businessDate(day) <= lastDate) break;
    const year = businessDate(day).slice(0, 4);
    for (const md of birthdayKeysToday(day)) if (!days.some((x) => x.md === md)) days.push({ md, year });
  }
  return days;
}

/** Grants by template, each list in the page's order (a template may be both a plan's and a tier's: two keys). */
function groupBy(items: readonly Owed[]): Map<string, PageGrant[]> {
  const out = new Map<string, PageGrant[]>();
  for (const item of items) out.set(item.templateId, [...(out.get(item.templateId) ?? []), item.grant]);
  return out;
}
