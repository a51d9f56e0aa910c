import { businessWeekday } from './businessTime';
import type { Product } from './catalog';
import { percentOfFen } from './money';
import type { PricedSegment } from './pricing';

/** Paid-member extra discount (折上折): 95折 every day, 85折 on Fridays in Shanghai. */
export interface PaidDiscountRules {
  everyDayPercent: number;
  fridayPercent: number;
}
export const DEFAULT_PAID_DISCOUNT: PaidDiscountRules = { everyDayPercent: 95, fridayPercent: 85 };

/** Points at checkout: 100 points = ¥1, in whole hundreds, at most half of what is due. */
export const POINTS_PER_YUAN = 100;
export const POINTS_MAX_SHARE_PERCENT = 50;

export interface QuoteLine extends PricedSegment {
  /** The paid member's extra discount on this line, rounded half up on the line. */
  paidMemberDiscountFen: number;
}

export interface QuoteInput {
  segments: readonly PricedSegment[];
  products: ReadonlyMap<string, Product>;
  paidMember: boolean;
  now: Date;
  /** What the applied coupon takes off (computed by the coupon rules); 0 without one. */
  couponDiscountFen?: number;
  pointsRequested?: number;
  pointsBalance?: number;
  paidDiscount?: PaidDiscountRules;
}

/** The money of a checkout, from list total to payable: the same fields in a quote, an order and their views. */
export interface QuoteTotals {
  listTotalFen: number;
  subtotalFen: number;
  paidMemberPercent: number | null;
  paidMemberDiscountFen: number;
  couponDiscountFen: number;
  pointsUsed: number;
  pointsDiscountFen: number;
  payableFen: number;
}

export interface Quote extends QuoteTotals {
  lines: QuoteLine[];
}

/** Just the totals of a quote or order (for storing and showing them). */
export function quoteTotals(q: QuoteTotals): QuoteTotals {
  const { listTotalFen, subtotalFen, paidMemberPercent, paidMemberDiscountFen, couponDiscountFen, pointsUsed, pointsDiscountFen, payableFen } = q;
  return { listTotalFen, subtotalFen, paidMemberPercent, paidMemberDiscountFen, couponDiscountFen, pointsUsed, pointsDiscountFen, payableFen };
}

/** Friday in Shanghai: the paid member's day of the deeper discount. */
export function isPaidMemberFriday(now: Date): boolean {
  return businessWeekday(now) === 5;
}

export function paidMemberPercent(now: Date, rules: PaidDiscountRules = DEFAULT_PAID_DISCOUNT): number {
  return isPaidMemberFriday(now) ? rules.fridayPercent : rules.everyDayPercent;
}

/** The most points an order may use: whole hundreds, no more than the balance nor half of what is due. */
export function maxPointsFor(dueFen: number, balance: number): number {
  const byShare = Math.floor((dueFen * POINTS_MAX_SHARE_PERCENT) / 100 / POINTS_PER_YUAN) * POINTS_PER_YUAN;
  const byBalance = Math.floor(Math.max(0, balance) / POINTS_PER_YUAN) * POINTS_PER_YUAN;
  return Math.max(0, Math.min(byShare, byBalance));
}

/**
 * Turns priced lines into what the member pays: subtotal → paid-member discount (per line) →
 * coupon → points. The breakdown always sums exactly: payable = subtotal − discounts.
 */
export function buildQuote(input: QuoteInput): Quote {
  const percent = input.paidMember ? paidMemberPercent(input.now, input.paidDiscount) : null;
  const lines: QuoteLine[] = input.segments.map((segment) => {
    const product = input.products.get(segment.skuId);
    const eligible = percent !== null && product !== undefined && !product.noExtraDiscount;
    // The discount is the percentage, rounded half up on the line (docs/domain.md).
    const paidMemberDiscountFen = eligible ? percentOfFen(segment.amountFen, 100 - percent) : 0;
    return { ...segment, paidMemberDiscountFen };
  });
  const listTotalFen = lines.reduce((sum, l) => sum + l.listPriceFen * l.qty, 0);
  const subtotalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  const paidMemberDiscountFen = lines.reduce((sum, l) => sum + l.paidMemberDiscountFen, 0);
  const afterPaid = subtotalFen - paidMemberDiscountFen;
  const couponDiscountFen = Math.min(Math.max(0, input.couponDiscountFen ?? 0), afterPaid);
  const due = afterPaid - couponDiscountFen;
  const requested = Math.floor(Math.max(0, input.pointsRequested ?? 0) / POINTS_PER_YUAN) * POINTS_PER_YUAN;
  const pointsUsed = Math.min(requested, maxPointsFor(due, input.pointsBalance ?? 0));
  // 100 points = ¥1 = 100 fen: a point is worth one fen.
  const pointsDiscountFen = pointsUsed;
  return {
    lines,
    listTotalFen,
    subtotalFen,
    paidMemberPercent: percent,
    paidMemberDiscountFen,
    couponDiscountFen,
    pointsUsed,
    pointsDiscountFen,
    payableFen: due - pointsDiscountFen,
  };
}
