import { audienceAllows, issuableAt } from '@core/couponTemplate';
import { buyerOf, newMember, type Member } from '@core/member';
import { aggregateList, COLLECTIONS, subPipeline } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import { claimsId, type CouponTemplateRecord } from '@lib/workflows/couponIssue';

/** What taking a template needs to know, read at once. */
export interface Taking {
  template: CouponTemplateRecord;
  /** The member (a first-time visitor is judged as a new member: nothing is written for them here). */
  member: Member;
  /** The member's claims counter of this template, when it exists. */
  claims: { count: number } | null;
}

/**
 * One request reads the template with the member and their claims counter of it (joined by _id), so
 * that a refusal (sold out, over the limit, not for this member) costs that one request and a claim
 * goes straight to its guarded writes. The stock and the limit read here are only a first answer:
 * the guarded moves in issueCoupon decide.
 */
export async function readTaking(ctx: CallContext, templateId: string): Promise<Taking> {
  const joined = (from: string, _id: string, as: string) => ({ from, pipeline: subPipeline(ctx.db).match({ _id }).limit(1).done(), as });
  const [row] = await aggregateList<CouponTemplateRecord & { claimsRow: Array<{ count: number }>; memberRow: Member[] }>(
    ctx.db
      .collection(COLLECTIONS.couponTemplates)
      .aggregate()
      .match({ _id: templateId })
      .limit(1)
      // The marks of claims in flight (up to a minute's worth on a hot template) are not the claim's business.
      .project({ marks: 0 })
      .lookup(joined(COLLECTIONS.couponClaims, claimsId(templateId, ctx.openid), 'claimsRow'))
      .lookup(joined(COLLECTIONS.members, ctx.openid, 'memberRow')),
  );
  if (!row || row.active === false) throw new DomainError('NOT_FOUND', '券不存在或已下架');
  const { claimsRow, memberRow, ...template } = row;
  return { template, member: memberRow[0] ?? newMember(ctx.openid, ctx.now), claims: claimsRow[0] ?? null };
}

/** Refuses what the reading already shows: ended, not for this member, sold out, over the member's limit. */
export function assertCanTake({ template, member, claims }: Taking, now: Date): void {
  if (!issuableAt(template, now)) throw new DomainError('NOT_ELIGIBLE', '活动已结束');
  if (!audienceAllows(template, buyerOf(member, now))) throw new DomainError('NOT_ELIGIBLE', '该券仅限指定会员领取');
  if (template.totalStock !== undefined && (template.issued ?? 0) >= template.totalStock) throw new DomainError('SOLD_OUT', '券已抢光');
  if (template.perMemberLimit !== undefined && (claims?.count ?? 0) >= template.perMemberLimit) throw new DomainError('LIMIT_REACHED', '已达领取上限');
}
