import cloud from 'wx-server-sdk';
import { activeCard, birthdayKeysToday } from '../../core/membership';
import { businessDate } from '../../core/businessTime';
import type { Member } from '../../core/member';
import { tierRank } from '../../core/tier';
import { grantTemplates, loadPlans, loadTierBenefits } from '../_lib/benefits';
import { now } from '../_lib/clock';
import { COLLECTIONS } from '../_lib/collections';
import '../_lib/handler';
import { fetchAll } from '../_lib/paging';

/**
 * Timer (daily): birthday coupons for members whose birthday is today in Shanghai (29 February
 * birthdays on 28 February in other years): the plan's 75折 coupon for paid members, the tier's
 * birthday coupon from 银卡 up. Keyed per member and year, so reruns issue nothing twice.
 */
export async function main(): Promise<{ members: number; issued: number }> {
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  const year = businessDate(at).slice(0, 4);
  const [plans, tiers] = await Promise.all([loadPlans(db), loadTierBenefits(db)]);
  const members = await fetchAll<Member>(db, COLLECTIONS.members, { birthdayMD: _.in(birthdayKeysToday(at)) });
  let issued = 0;
  for (const member of members) {
    const card = activeCard(member.paid, at);
    const paidTemplate = card ? plans[card.plan].birthdayTemplateId : undefined;
    if (paidTemplate) issued += (await grantTemplates(db, [paidTemplate], member.openid, 'birthday', `birthday:paid:${year}`, at)).created.length;
    const tierTemplate = tierRank(member.tier) >= tierRank('silver') ? tiers.get(member.tier)?.birthdayTemplateId : undefined;
    if (tierTemplate) issued += (await grantTemplates(db, [tierTemplate], member.openid, 'birthday', `birthday:tier:${year}`, at)).created.length;
  }
  return { members: members.length, issued };
}
