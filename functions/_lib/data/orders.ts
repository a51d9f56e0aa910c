import type { OrderStatus, OrderView, PaymentParams, QuoteLineView, RefundView, TimelineStatus } from '@contract/order';
import { quoteTotals, type QuoteTotals } from '@core/checkout';
import { isRefundable, type StoredOrderStatus } from '@core/order';
import { COLLECTIONS, rowsOf } from '../platform/collections';
import { skusOf, type RefundShare } from '@core/refund';
import { DomainError } from '../platform/errors';
import type { Database } from '../platform/handler';

export { isRefundable, PAYMENT_WINDOW_MS, REFUND_AFTER_PICKUP_MS } from '@core/order';

/** `reserving` is internal: the order exists while its stock and points are being reserved. */
export type StoredStatus = StoredOrderStatus;

export interface PriceListTake {
  priceListId: string;
  skuId: string;
  qty: number;
  limitedTotal: boolean;
  limitedMember: boolean;
}

export interface OrderRecord extends QuoteTotals {
  _id: string;
  orderId: string;
  openid: string;
  requestId: string;
  storeId: string;
  storeName: string;
  status: StoredStatus;
  lines: QuoteLineView[];
  couponId: string | null;
  couponTemplateId?: string | null;
  /** The campaign whose coupon the order used (for the dashboard's campaign figures). */
  couponCampaignId?: string | null;
  /** The buyer's segment (S1–S6) when the order was placed; null for a member without one. */
  segment?: string | null;
  /** The share the buyer opened within 24 hours before ordering: the sharer earns the attribution. */
  attribution?: { shareId: string; sharer: string } | null;
  /** The first paid order of an invitee: the invitation's rewards it pays (and a refund takes back). */
  referral?: { inviter: string; inviterTemplateId: string; inviteeTemplateId: string };
  /** Refunded so far (partial refunds); the whole payable once fully refunded. */
  refundedFen?: number;
  /** Each refund, partial or the last, in order (workflows/refund.ts). */
  refunds?: RefundEntry[];
  /** Units refunded so far, by SKU. */
  refundedQty?: Record<string, number>;
  /** A refund's goods or money are still on their way back: orderTimeout finishes them. */
  refundsPending?: boolean;
  lastRefundAt?: Date;
  paidMember: boolean;
  /** What the paid membership saved on this order (its discounts and pack coupons), for 开卡保本. */
  membershipSavingsFen?: number;
  liveSessionId: string | null;
  priceListTakes: PriceListTake[];
  createdAt: Date;
  expiresAt: Date;
  payment: PaymentParams | null;
  outTradeNo: string;
  paidAt: Date | null;
  transactionId: string | null;
  growthEarned: number;
  pointsEarned: number;
  voucher: { code: string; shortCode: string; expiresAt: Date } | null;
  pickedUpAt: Date | null;
  pickedUpBy: string | null;
  /** The handover's audit record, written with the status change: who, at which store, scanned or typed, when. */
  redemption?: { storeId: string; staffOpenid: string; staffName: string | null; method: 'qr' | 'short'; at: Date };
  cancelledAt: Date | null;
  cancelReason: string | null;
  refundedAt: Date | null;
  refundReason: string | null;
  /** Where a cancellation came from: an order cancelled while still reserving gives back only what its marks show. */
  cancelledFrom?: 'reserving' | 'pending_payment';
  /**
   * Set in the same write that records a cancellation or refund, cleared once its stock, coupon and
   * points are back: the durable note that lets orderTimeout finish what a crash interrupted.
   */
  releasePending?: boolean;
  /** Stock and limited units back on the shelf (written before the release marks are cleared). */
  released?: { stock?: boolean };
  /** The money's way back through cloud payment: asked, accepted, failed (retried), or none owed (¥0). */
  refundState?: 'requested' | 'accepted' | 'failed' | 'none';
  /** A payment that arrived after the order was closed, and its refund. */
  latePaymentRefund?: { transactionId: string | null; at: Date; state: 'requested' | 'accepted' | 'failed' };
  /** Coupons this purchase caused that its refund took back. */
  revokedCoupons?: string[];
}

/**
 * One refund of an order (partial or the last), as stored in the order's `refunds`: its share of the
 * order (core/refund.ts) and how its goods and money went back.
 */
export interface RefundEntry extends Pick<RefundShare, 'lines' | 'refundFen' | 'pointsReturned' | 'growthReversed' | 'pointsReversed' | 'savingsFen'> {
  /** 1, 2, …: the refund's place in the order's refunds. */
  n: number;
  refundId: string;
  requestId: string | null;
  at: Date;
  reason: string;
  /** Its goods go back on the shelf (refunded before pickup); `released` once they are. */
  release: boolean;
  released: boolean;
  /** The money's way back through cloud payment; `none` when nothing is owed. */
  refundState: 'requested' | 'accepted' | 'failed' | 'none';
}

export async function findOrder(db: Database, orderId: string): Promise<OrderRecord | null> {
  const [order] = rowsOf<OrderRecord>(await db.collection(COLLECTIONS.orders).where({ _id: orderId }).limit(1).get());
  return order ?? null;
}

/** The caller's own order; another member's order is answered as not found, not as forbidden. */
export async function ownOrder(db: Database, orderId: string, openid: string): Promise<OrderRecord> {
  const order = await findOrder(db, orderId);
  if (!order || order.openid !== openid) throw new DomainError('NOT_FOUND', '订单不存在');
  return order;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function orderView(order: OrderRecord, now: Date): OrderView {
  const status: OrderStatus = order.status === 'reserving' ? 'pending_payment' : order.status;
  return {
    orderId: order.orderId,
    status,
    storeId: order.storeId,
    storeName: order.storeName,
    lines: order.lines,
    ...quoteTotals(order),
    couponId: order.couponId,
    createdAt: order.createdAt.toISOString(),
    expiresAt: status === 'pending_payment' ? order.expiresAt.toISOString() : null,
    paidAt: iso(order.paidAt),
    pickedUpAt: iso(order.pickedUpAt),
    cancelledAt: iso(order.cancelledAt),
    refundedAt: iso(order.refundedAt),
    growthEarned: order.growthEarned,
    pointsEarned: order.pointsEarned,
    // The voucher is shown only while it can still be used.
    voucher: order.voucher && order.status === 'paid' ? { code: order.voucher.code, shortCode: order.voucher.shortCode, expiresAt: order.voucher.expiresAt.toISOString() } : null,
    refundable: isRefundable(order, now) && order.status !== 'refunded',
    refundedQty: order.refundedQty ?? {},
    refundedFen: order.refundedFen ?? (order.status === 'refunded' ? order.payableFen : 0),
    refunds: refundsOf(order),
    timeline: timelineOf(order),
  };
}

/** Each refund as the member sees it; an order refunded whole before partial refunds existed shows as one. */
function refundsOf(order: OrderRecord): RefundView[] {
  if (order.refunds?.length) return order.refunds.map((r) => ({ refundId: r.refundId, lines: r.lines.map(({ skuId, name, qty }) => ({ skuId, name, qty })), refundFen: r.refundFen, at: r.at.toISOString() }));
  if (order.status !== 'refunded' || !order.refundedAt) return [];
  const lines = skusOf(order.lines).map(({ skuId, name, qty }) => ({ skuId, name, qty }));
  return [{ refundId: `${order.orderId}-R1`, lines, refundFen: order.payableFen, at: order.refundedAt.toISOString() }];
}

/** What happened to the order, oldest first. */
function timelineOf(order: OrderRecord): OrderView['timeline'] {
  const steps: Array<{ status: TimelineStatus; at: Date; refundFen?: number }> = [{ status: 'placed', at: order.createdAt }];
  if (order.paidAt) steps.push({ status: 'paid', at: order.paidAt });
  if (order.pickedUpAt) steps.push({ status: 'picked_up', at: order.pickedUpAt });
  const refunds = refundsOf(order);
  refunds.forEach((r, i) => steps.push({ status: order.status === 'refunded' && i === refunds.length - 1 ? 'refunded' : 'partially_refunded', at: new Date(r.at), refundFen: r.refundFen }));
  if (order.cancelledAt) steps.push({ status: 'cancelled', at: order.cancelledAt });
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime()).map((s) => ({ status: s.status, at: s.at.toISOString(), ...(s.refundFen !== undefined ? { refundFen: s.refundFen } : {}) }));
}
