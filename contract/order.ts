import { z } from 'zod';
import type { PriceSource } from './vocabulary';
import { id, requestId } from './common';
import { defineContract } from './define';
import type { CouponAppliesTo } from './coupon';

const items = z
  .array(z.object({ skuId: id, qty: z.number().int().min(1).max(99) }).strict())
  .min(1)
  .max(50)
  .refine((list) => new Set(list.map((i) => i.skuId)).size === list.length, '同一商品请合并为一行');

const refundLines = z
  .array(z.object({ skuId: id, qty: z.number().int().min(1).max(99) }).strict())
  .min(1)
  .max(50)
  .refine((list) => new Set(list.map((i) => i.skuId)).size === list.length, '同一商品请合并为一行');

export const ORDER_PAGE_SIZE = 20;

const quoteFields = {
  storeId: id,
  items,
  couponId: id.optional(),
  points: z.number().int().min(0).max(10_000_000).optional(),
  liveSessionId: id.optional(),
  /**
   * The share card the member came from, if the app knows it. Accepted, but attribution is the
   * server's alone: the order is the sharer's of the card the member last opened (member.openShare)
   * within the last 24 hours, whatever this field says.
   */
  shareId: z.string().regex(/^[A-Za-z0-9]{16}$/).optional(),
};

export const orderRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('quote'), ...quoteFields }).strict(),
  z.object({ action: z.literal('create'), ...quoteFields, requestId }).strict(),
  z.object({ action: z.literal('cancel'), orderId: id }).strict(),
  /**
   * Refunds the lines and units given (a partial refund), or all that is left without `lines`. A
   * `requestId` makes a retried or double-tapped refund one refund.
   */
  z.object({ action: z.literal('refund'), orderId: id, lines: refundLines.optional(), reason: z.string().max(200).optional(), requestId: requestId.optional() }).strict(),
  /** What `refund` with these lines would give back, without refunding: for the confirmation. */
  z.object({ action: z.literal('refundQuote'), orderId: id, lines: refundLines.optional() }).strict(),
  /** Newest first, ORDER_PAGE_SIZE a page; pass back `cursor` for the next page. */
  z.object({ action: z.literal('list'), status: z.enum(['pending_payment', 'paid', 'picked_up', 'cancelled', 'refunded']).optional(), cursor: z.string().min(1).max(200).nullable().optional() }).strict(),
  z.object({ action: z.literal('detail'), orderId: id }).strict(),
  z.object({ action: z.literal('pay'), orderId: id }).strict(),
]);

export type OrderStatus = 'pending_payment' | 'paid' | 'picked_up' | 'cancelled' | 'refunded';

export interface QuoteLineView {
  skuId: string;
  name: string;
  unit: string;
  qty: number;
  unitPriceFen: number;
  listPriceFen: number;
  priceSource: PriceSource;
  priceLabel: string;
  /** Why this price applies ("A群会员日", "金卡会员价"). */
  reason: string;
  amountFen: number;
  paidMemberDiscountFen: number;
}

/** A wallet coupon at checkout: whether it applies to this order, and why not. */
export interface CouponOption {
  couponId: string;
  name: string;
  summary: string;
  validTo: string;
  applies: boolean;
  discountFen: number;
  reason: string | null;
  /** What the coupon applies to (optional in the type; quote sends it). */
  appliesTo?: CouponAppliesTo;
}

/** The money of a quote or an order, all integer fen, in the order the checkout shows them. */
export interface QuoteTotals {
  /** The lines at 零售价 (list price). */
  listTotalFen: number;
  /** The lines at the prices charged (member, group, segment … prices). */
  subtotalFen: number;
  /** The paid card's discount applied (95 or Friday's 85), null when none. */
  paidMemberPercent: number | null;
  paidMemberDiscountFen: number;
  couponDiscountFen: number;
  pointsUsed: number;
  pointsDiscountFen: number;
  /** What WeChat Pay charges; 0 completes the order without paying. */
  payableFen: number;
}

export interface QuoteView extends QuoteTotals {
  lines: QuoteLineView[];
  /** The most points this order could use, for the checkout switch. */
  pointsAvailable: number;
  /** What a point is worth, as the server counts it: this many points take ¥1 off. */
  pointsPerYuan: number;
  /** The paid member's discount today is the Friday one (周五85折), so the checkout can say so. */
  paidMemberFriday: boolean;
  bestCouponId: string | null;
  /** The coupon applied (the one asked for), if any. */
  couponId: string | null;
  coupons: CouponOption[];
}

/** What wx.requestPayment needs (from cloudPay.unifiedOrder). */
export interface PaymentParams {
  appId?: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface CreatedOrder {
  orderId: string;
  /** `paid` at once for an order whose payable is ¥0 (no WeChat Pay: `payment` is null). */
  status: OrderStatus;
  payableFen: number;
  outTradeNo: string;
  payment: PaymentParams | null;
  expiresAt: string;
}

export interface VoucherView {
  /** The QR content. */
  code: string;
  /** The short numeric code staff may type. */
  shortCode: string;
  expiresAt: string;
}

export interface OrderView extends Omit<QuoteView, 'bestCouponId' | 'pointsAvailable' | 'pointsPerYuan' | 'paidMemberFriday' | 'coupons' | 'couponId'> {
  /** The coupon the order used (or holds while unpaid). */
  couponId?: string | null;
  orderId: string;
  status: OrderStatus;
  storeId: string;
  storeName: string;
  createdAt: string;
  expiresAt: string | null;
  paidAt: string | null;
  pickedUpAt: string | null;
  cancelledAt: string | null;
  refundedAt: string | null;
  growthEarned: number;
  pointsEarned: number;
  voucher: VoucherView | null;
  /** Refund allowed now (before pickup, or within 7 days after it) and something is left to refund. */
  refundable: boolean;
  /** Units of each line refunded so far (partial refunds), by skuId; absent lines: none. */
  refundedQty: Record<string, number>;
  /** Money given back so far, all refunds together. */
  refundedFen: number;
  /** Each refund, oldest first. */
  refunds: RefundView[];
  /** What happened to the order, oldest first: placed, paid, picked up, each refund, cancelled. */
  timeline: Array<{ status: TimelineStatus; at: string; refundFen?: number }>;
}

export type TimelineStatus = 'placed' | 'paid' | 'picked_up' | 'partially_refunded' | 'refunded' | 'cancelled';

export interface RefundView {
  refundId: string;
  lines: Array<{ skuId: string; name: string; qty: number }>;
  refundFen: number;
  at: string;
}

/** What a refund of some lines gives back: the money, the points spent returned, what it takes back. */
export interface RefundQuote {
  lines: Array<{ skuId: string; name: string; qty: number; refundFen: number }>;
  refundFen: number;
  pointsReturned: number;
  growthReversed: number;
  pointsReversed: number;
  /** Nothing is left after this refund: the order becomes 已退款. */
  whole: boolean;
}

export interface OrderCounts {
  pending_payment: number;
  paid: number;
  picked_up: number;
  refunded: number;
  cancelled: number;
}

export interface OrderResponses {
  quote: QuoteView;
  create: CreatedOrder;
  cancel: OrderView;
  refund: OrderView & { refundFen: number };
  refundQuote: RefundQuote;
  /** `counts` comes with the first page (no cursor) only; null on the pages after it. */
  list: { orders: OrderView[]; cursor: string | null; counts: OrderCounts | null };
  detail: OrderView;
  pay: CreatedOrder;
}

export const orderContract = defineContract<OrderResponses>()('order', orderRequest);
