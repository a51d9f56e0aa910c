import { formatFen, percentOfFen } from './money';

/**
 * Coupons (优惠券): what a coupon takes off an order, why one does not apply, and which one saves
 * most. Pure: the functions load the member's coupons and the order's lines, and write the result.
 */
export type CouponKind = 'cash' | 'threshold' | 'discount' | 'gift';
export type CouponStatus = 'unused' | 'locked' | 'used' | 'expired';

export interface CouponTerms {
  kind: CouponKind;
  /** cash / threshold: the amount off. */
  valueFen?: number;
  /** threshold (满X减Y), and optionally discount: the least eligible amount. */
  thresholdFen?: number;
  /** discount: what is paid, in percent (75 = 75折). */
  payPercent?: number;
  /** discount: the most it may take off. */
  maxDiscountFen?: number;
  /** gift: the SKU one unit of which becomes free. */
  giftSkuId?: string;
  scope?: { categories?: readonly string[]; skuIds?: readonly string[] };
}

export interface WalletCoupon extends CouponTerms {
  couponId: string;
  name: string;
  status: CouponStatus;
  validFrom: Date;
  validTo: Date;
}

/** An order line as coupons see it: after the paid member's discount. */
export interface CouponLine {
  skuId: string;
  category: string;
  qty: number;
  unitPriceFen: number;
  amountFen: number;
  paidMemberDiscountFen: number;
}

export type CouponCheck = { applies: true; discountFen: number } | { applies: false; reason: string };

function inScope(terms: CouponTerms, line: CouponLine): boolean {
  const scope = terms.scope;
  if (!scope || (!scope.categories?.length && !scope.skuIds?.length)) return true;
  return !!scope.categories?.includes(line.category) || !!scope.skuIds?.includes(line.skuId);
}

/** What the coupon takes off these lines, never more than the amount it applies to. */
export function couponDiscount(terms: CouponTerms, lines: readonly CouponLine[]): CouponCheck {
  const eligible = lines.filter((l) => inScope(terms, l));
  const eligibleFen = eligible.reduce((sum, l) => sum + l.amountFen - l.paidMemberDiscountFen, 0);
  if (eligibleFen <= 0) return { applies: false, reason: '订单中没有适用商品' };
  const threshold = terms.thresholdFen ?? 0;
  if (eligibleFen < threshold) return { applies: false, reason: `适用商品还差 ${formatFen(threshold - eligibleFen)} 可用` };
  switch (terms.kind) {
    case 'cash':
    case 'threshold':
      return { applies: true, discountFen: Math.min(terms.valueFen ?? 0, eligibleFen) };
    case 'discount': {
      const off = percentOfFen(eligibleFen, 100 - (terms.payPercent ?? 100));
      return { applies: true, discountFen: Math.min(off, terms.maxDiscountFen ?? off, eligibleFen) };
    }
    case 'gift': {
      const gift = eligible.find((l) => l.skuId === terms.giftSkuId);
      if (!gift) return { applies: false, reason: '请先将赠品加入购物车' };
      // One unit free, at what the member pays for it.
      const unitFen = Math.floor((gift.amountFen - gift.paidMemberDiscountFen) / gift.qty);
      return { applies: true, discountFen: Math.min(unitFen, eligibleFen) };
    }
    default:
      return { applies: false, reason: '券类型无效' };
  }
}

/** The whole check for one wallet coupon: status and validity, then the order's lines. */
export function checkCoupon(coupon: WalletCoupon, lines: readonly CouponLine[], now: Date): CouponCheck {
  if (coupon.status === 'used') return { applies: false, reason: '已使用' };
  if (coupon.status === 'locked') return { applies: false, reason: '已被其他待支付订单占用' };
  if (coupon.status === 'expired' || now.getTime() >= coupon.validTo.getTime()) return { applies: false, reason: '已过期' };
  if (now.getTime() < coupon.validFrom.getTime()) return { applies: false, reason: '未到可用时间' };
  return couponDiscount(coupon, lines);
}

export interface CouponChoice {
  couponId: string;
  check: CouponCheck;
}

/**
 * Every wallet coupon checked against the order, and the one that saves most (ties: the one that
 * expires first, so the member keeps the longer-lived one).
 */
export function chooseBestCoupon(coupons: readonly WalletCoupon[], lines: readonly CouponLine[], now: Date): { best: string | null; choices: CouponChoice[] } {
  const choices = coupons.map((c) => ({ couponId: c.couponId, check: checkCoupon(c, lines, now) }));
  let best: WalletCoupon | null = null;
  let bestFen = 0;
  for (const coupon of coupons) {
    const check = choices.find((c) => c.couponId === coupon.couponId)!.check;
    if (!check.applies || check.discountFen <= 0) continue;
    const better = check.discountFen > bestFen || (check.discountFen === bestFen && best !== null && coupon.validTo.getTime() < best.validTo.getTime());
    if (better) {
      best = coupon;
      bestFen = check.discountFen;
    }
  }
  return { best: best?.couponId ?? null, choices };
}

/** How a coupon reads on its face: "满¥99.00减¥15.00", "无门槛减¥5.00", "75折 最高减¥20.00", "赠品券". */
export function couponSummary(terms: CouponTerms): string {
  switch (terms.kind) {
    case 'cash':
      return `无门槛减${formatFen(terms.valueFen ?? 0)}`;
    case 'threshold':
      return `满${formatFen(terms.thresholdFen ?? 0)}减${formatFen(terms.valueFen ?? 0)}`;
    case 'discount': {
      const rate = `${(terms.payPercent ?? 100) / 10}折`;
      const threshold = terms.thresholdFen ? `满${formatFen(terms.thresholdFen)}` : '';
      return `${threshold}${rate}${terms.maxDiscountFen !== undefined ? ` 最高减${formatFen(terms.maxDiscountFen)}` : ''}`;
    }
    case 'gift':
      return '赠品券';
    default:
      return '';
  }
}
