import cloud from 'wx-server-sdk';
import type { Member } from '@core/member';
import { termsToSettle, type PaidCard } from '@core/membership';
import { now } from '@lib/platform/clock';
import { COLLECTIONS } from '@lib/platform/collections';
import { issueCoupon, type CouponTemplateRecord } from '@lib/workflows/couponIssue';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { ensureSystemTemplate } from '@lib/data/systemTemplates';
import { fetchAll } from '@lib/platform/paging';

/** The guarantee coupon: no threshold, the shortfall as its value, 30 days to use it. */
const GUARANTEE_TEMPLATE: CouponTemplateRecord = { _id: 'sys-guarantee', templateId: 'sys-guarantee', name: '开卡保本返还券', kind: 'cash', validity: { days: 30 } };

/**
 * Timer (daily): 开卡保本. For every paid-membership term that has ended, if what it saved the member is
 * below its fee, the difference comes back as a no-threshold cash coupon (keyed by the term, so once);
 * then the term is marked settled. A lapsed card simply stops being active (the profile shows none).
 */
export async function main(): Promise<{ settled: number; refunded: number; refundedFen: number } | Refused> {
  if (!calledByTimer()) return REFUSED;
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  await ensureSystemTemplate(db, GUARANTEE_TEMPLATE);
  const candidates = await fetchAll<Member>(db, COLLECTIONS.members, { 'paid.terms': _.elemMatch({ endsAt: _.lte(at), settledAt: null }) });
  let settled = 0;
  let refunded = 0;
  let refundedFen = 0;
  for (const member of candidates) {
    const card = member.paid as PaidCard;
    for (const { term, refundFen } of termsToSettle(card, at)) {
      if (refundFen > 0 && !term.trial) {
        const { created } = await issueCoupon(db, { template: { ...GUARANTEE_TEMPLATE, valueFen: refundFen }, openid: member.openid, source: 'guarantee', sourceKey: `guarantee:${term.termId}`, now: at });
        if (created) {
          refunded += 1;
          refundedFen += refundFen;
        }
      }
      // Marks this term only: a concurrent change to another term is not overwritten.
      const index = card.terms.findIndex((t) => t.termId === term.termId);
      await db.collection(COLLECTIONS.members).where({ _id: member._id, [`paid.terms.${index}.termId`]: term.termId }).update({ data: { [`paid.terms.${index}.settledAt`]: at } });
      settled += 1;
    }
  }
  return { settled, refunded, refundedFen };
}
