import cloud from 'wx-server-sdk';
import { activeCard, birthdayKeysToday } from '@core/membership';
import { businessDate } from '@core/businessTime';
import type { Member } from '@core/member';
import { tierRank } from '@core/tier';
import { grantTemplates, loadPlans, loadTierBenefits } from '@lib/workflows/benefits';
import { now } from '@lib/platform/clock';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { fetchAll } from '@lib/platform/paging';

/**
 * Timer (daily): birthday coupons for members whose birthday is today in Shanghai (29 February
 * birthdays on 28 February in other years): the plan's 75折 coupon for paid members, the tier's
 * birthday coupon from 银卡 up. Keyed per member and year, so reruns issue nothing twice.
 */
export async function main(): Promise<{ members: number; issued: number } | Refused> {
  if (!calledByTimer()) return REFUSED;
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  const [plans, tiers, lastDate] = await Promise.all([loadPlans(db), loadTierBenefits(db), lastRunDate(db)]);
  // Every day since the last run (at most a week back): a missed run still reaches those birthdays.
  const days: Date[] = [];
  for (let d = 0; d < CATCH_UP_DAYS; d += 1) {
    const day = new Date(at.getTime() - d * DAY_MS);
    if (lastDate && businessDate(day) <= lastDate) break;
    days.push(day);
  }
  const keys = [...new Set(days.flatMap((day) => birthdayKeysToday(day)))];
  const year = businessDate(at).slice(0, 4);
  const members = keys.length ? await fetchAll<Member>(db, COLLECTIONS.members, { birthdayMD: _.in(keys) }) : [];
  let issued = 0;
  for (const member of members) {
    const card = activeCard(member.paid, at);
    const paidTemplate = card ? plans[card.plan].birthdayTemplateId : undefined;
    if (paidTemplate) issued += (await grantTemplates(db, [paidTemplate], member.openid, 'birthday', `birthday:paid:${year}`, at, { perk: 'paidCard' })).created.length;
    const tierTemplate = tierRank(member.tier) >= tierRank('silver') ? tiers.get(member.tier)?.birthdayTemplateId : undefined;
    if (tierTemplate) issued += (await grantTemplates(db, [tierTemplate], member.openid, 'birthday', `birthday:tier:${year}`, at)).created.length;
  }
  await db.collection(COLLECTIONS.jobRuns).doc(JOB).set({ data: { lastDate: businessDate(at), at } });
  return { members: members.length, issued };
}

const JOB = 'birthdayCoupons';
const CATCH_UP_DAYS = 7;
const DAY_MS = 86_400_000;

async function lastRunDate(db: ReturnType<typeof cloud.database>): Promise<string | null> {
  const [row] = rowsOf<{ lastDate: string }>(await db.collection(COLLECTIONS.jobRuns).where({ _id: JOB }).limit(1).get());
  return row?.lastDate ?? null;
}
