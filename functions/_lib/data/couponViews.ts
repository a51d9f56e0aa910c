import type { CouponAppliesTo, OfferView, WalletCouponView } from '@contract/coupon';
import { businessDate } from '@core/businessTime';
import { couponSummary, type CouponTerms } from '@core/coupon';
import { SOURCE_NAMES, validityFor } from '@core/couponTemplate';
import type { CouponRecord, CouponTemplateRecord } from '../workflows/couponIssue';

/**
 * Unused past its end shows as expired, whether or not the nightly sweep has marked it; a coupon
 * taken back by a refund (revoked) is no longer usable either, and shows there too (已失效, with why).
 */
export function effectiveStatus(coupon: Pick<CouponRecord, 'status' | 'validTo'>, now: Date): WalletCouponView['status'] {
  if (coupon.status === 'revoked') return 'expired';
  if (coupon.status === 'unused' && now.getTime() >= coupon.validTo.getTime()) return 'expired';
  return coupon.status;
}

/** What a coupon applies to, as ids the app names (categories, products, the gift's product). */
export function appliesToOf(terms: CouponTerms): CouponAppliesTo {
  return { categories: [...(terms.scope?.categories ?? [])], skuIds: [...(terms.scope?.skuIds ?? [])], giftSkuId: terms.kind === 'gift' ? (terms.giftSkuId ?? null) : null };
}

export function walletView(coupon: CouponRecord, now: Date): WalletCouponView {
  const t = coupon.terms;
  return {
    couponId: coupon.couponId,
    templateId: coupon.templateId,
    name: coupon.name,
    kind: t.kind,
    valueFen: t.valueFen ?? null,
    thresholdFen: t.thresholdFen ?? null,
    discountRate: t.payPercent ?? null,
    maxDiscountFen: t.maxDiscountFen ?? null,
    status: effectiveStatus(coupon, now),
    validFrom: coupon.validFrom.toISOString(),
    validTo: coupon.validTo.toISOString(),
    source: coupon.source,
    sourceName: SOURCE_NAMES[coupon.source],
    summary: couponSummary(t),
    invalidReason: coupon.status === 'revoked' ? (coupon.revokedReason ?? '已收回') : null,
    appliesTo: appliesToOf(t),
  };
}

export function offerView(template: CouponTemplateRecord, claimedByMe: number, blockedReason: string | null, now: Date): OfferView {
  const { validTo } = validityFor(template, now);
  const v = template.validity;
  return {
    templateId: template.templateId,
    name: template.name,
    kind: template.kind,
    summary: couponSummary(template),
    pointsCost: template.pointsCost ?? null,
    remaining: template.totalStock === undefined ? null : Math.max(0, template.totalStock - (template.issued ?? 0)),
    claimedByMe,
    perMemberLimit: template.perMemberLimit ?? null,
    blockedReason,
    appliesTo: appliesToOf(template),
    validityText: 'days' in v ? `领取后 ${v.days} 天内有效` : `${businessDate(new Date(validTo.getTime() - 1))} 前有效`,
  };
}
