import type { OrderStatus, QuoteView } from '@contract/order';
import type { ErrorCode } from '@contract/errors';
import type { NoticeKey } from '@contract/vocabulary';
import { formatFen } from '@core/money';
import type { CartLine } from '@/services/cart';
import { MAX_LINE_QTY } from '@/services/cart';

/** 95 → "95折", 90 → "9折" (how Chinese shops name a discount). */
function zhe(percent: number): string {
  return `${percent % 10 === 0 ? percent / 10 : percent}折`;
}

/** The 心享会员 line of the breakdown: "心享会员 95折", or "心享会员 周五 85折" when the server says it is the Friday one. */
export function paidMemberLabel(percent: number, friday: boolean): string {
  return `心享会员 ${friday ? '周五 ' : ''}${zhe(percent)}`;
}

/** Which coupon to quote with: the one that saves most ('best', the default), one the member chose, or none. */
export type CouponChoice = 'best' | string | null;

/** The 优惠券 row: what the applied coupon takes off, or how many could apply. */
export function couponRowText(quote: Pick<QuoteView, 'couponId' | 'couponDiscountFen' | 'coupons'>): string {
  if (quote.couponId && quote.couponDiscountFen > 0) return formatFen(-quote.couponDiscountFen);
  const usable = quote.coupons.filter((c) => c.applies).length;
  if (usable > 0) return `${usable} 张可用`;
  return quote.coupons.length ? '暂无可用' : '暂无优惠券';
}

export interface PointsOffer {
  /** The switch can be turned on. */
  usable: boolean;
  on: boolean;
  text: string;
}

/** The points switch: "使用 1200 积分抵 ¥12.00", at the points' worth the server sends. */
export function pointsOffer(quote: QuoteView, on: boolean): PointsOffer {
  if (on && quote.pointsUsed > 0) return { usable: true, on: true, text: `使用 ${quote.pointsUsed} 积分抵 ${formatFen(quote.pointsDiscountFen)}` };
  if (quote.pointsAvailable <= 0) return { usable: false, on: false, text: `暂无可用积分（${quote.pointsPerYuan} 积分抵 ¥1，最多抵扣一半）` };
  const worthFen = Math.floor((quote.pointsAvailable * 100) / quote.pointsPerYuan);
  return { usable: true, on: false, text: `使用 ${quote.pointsAvailable} 积分抵 ${formatFen(worthFen)}` };
}

/** The buy-now item from the route (?skuId=&qty=), or null to check out the cart. */
export function buyNowItem(params: Partial<Record<string, string>>): CartLine | null {
  const skuId = params.skuId;
  if (!skuId) return null;
  const qty = Number.parseInt(params.qty ?? '1', 10);
  return { skuId, qty: Number.isInteger(qty) && qty > 0 ? Math.min(qty, MAX_LINE_QTY) : 1 };
}

/** The messages paying asks consent for: 支付成功 (sent when the payment lands) and 退款成功 (if it is refunded). */
export const ORDER_NOTICES: NoticeKey[] = ['paid', 'refundDone'];

/**
 * One id per checkout visit, so a double tap or a retry is the same order (order.create is
 * idempotent by requestId). Letters and digits, 8–64 long, as the contract asks.
 */
export function newRequestId(): string {
  const random = () => Math.floor(Math.random() * 36 ** 8).toString(36).padStart(8, '0');
  return `${Date.now().toString(36)}${random()}${random()}`;
}

export interface FailureAdvice {
  title: string;
  message: string;
  /** The order was definitely not made: the next tap must be a new order (a new requestId). */
  definitive: boolean;
  /** Prices may have changed: quote again. */
  requote: boolean;
  /** Turn the points switch off before quoting again. */
  dropPoints?: boolean;
  /** Go back to the best coupon before quoting again. */
  dropCoupon?: boolean;
  /** Say it in a toast rather than a dialog. */
  quiet?: boolean;
}

/** What to tell the member when submitting failed, and what to do next. */
export function failureAdvice(code: ErrorCode, message: string, details: Record<string, unknown> | undefined, nameOf: (skuId: string) => string | undefined): FailureAdvice {
  const skuId = typeof details?.skuId === 'string' ? details.skuId : undefined;
  const product = skuId ? nameOf(skuId) : undefined;
  switch (code) {
    case 'OUT_OF_STOCK':
      return {
        title: '库存不足',
        message: product ? `「${product}」库存不足，请减少数量或换个门店再下单。` : '部分商品库存不足，请减少数量或换个门店再下单。',
        definitive: true,
        requote: true,
      };
    case 'CONFLICT':
      // With a product: a limited price sold out while the member decided. Without: the same order is still being made.
      if (skuId) {
        return {
          title: '限量优惠价已抢完',
          message: `${product ? `「${product}」的` : ''}限量优惠价刚刚被抢完，已按最新价格重新计算，请确认后再提交。`,
          definitive: true,
          requote: true,
        };
      }
      return { title: '正在提交', message: '订单正在提交，请稍候再试', definitive: false, requote: false, quiet: true };
    case 'PAYMENT_FAILED':
      return { title: '发起支付失败', message: `${message || '发起支付失败'}。订单已保留，可再次点击提交订单继续支付。`, definitive: false, requote: false };
    case 'NOT_ELIGIBLE':
      return { title: '暂不符合条件', message: message || '当前优惠暂不可用，已为你重新计算价格。', definitive: true, requote: true, dropPoints: /积分/.test(message), dropCoupon: /券/.test(message) };
    case 'INTERNAL':
      return { title: '网络开小差了', message: message || '请稍后重试', definitive: false, requote: false, quiet: true };
    default:
      return { title: '提交失败', message: message || '请稍后重试', definitive: true, requote: true };
  }
}

/** Waits between `order.detail` polls: about 5 s in all, short at first (the callback is usually already in). */
export const PAID_POLL_DELAYS_MS = [300, 500, 700, 1000, 1200, 1300];

export function isSettled(status: OrderStatus): boolean {
  return status !== 'pending_payment';
}
