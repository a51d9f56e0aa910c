import { quoteTotals } from '@core/checkout';
import type { CreatedOrder } from '@contract/order';
import { buyerOf } from '@core/member';
import { shareAttribution } from '@core/referral';
import { COLLECTIONS, isDuplicateKey } from '@lib/platform/collections';
import { stableId } from '@lib/platform/ids';
import { orderSession } from '@lib/data/liveData';
import { lockCoupon } from '@lib/workflows/couponUse';
import { DomainError } from '@lib/platform/errors';
import type { CallContext, Database } from '@lib/platform/handler';
import { cancelUnpaidOrder } from '@lib/workflows/orderRelease';
import { settlePaidOrder } from '@lib/workflows/orderPayment';
import { findOrder, PAYMENT_WINDOW_MS, type OrderRecord } from '@lib/data/orders';
import { requestPayment } from '@lib/platform/payment';
import { lockPoints } from '@lib/workflows/points';
import { reserveHolds } from '@lib/workflows/reservations';
import { priceOrder, type PricingRequest } from './pricing';

/** The same member and requestId always name the same order: a retried or double-tapped create is one order. */
export const orderIdFor = (openid: string, requestId: string): string => stableId('GL', openid, requestId);

function created(order: OrderRecord): CreatedOrder {
  const status = order.status === 'reserving' ? 'pending_payment' : order.status;
  return { orderId: order.orderId, status, payableFen: order.payableFen, outTradeNo: order.outTradeNo, payment: order.payment, expiresAt: order.expiresAt.toISOString() };
}

/** What a repeated create answers: the order as it is, or the failure it ended with. */
async function replay(db: Database, order: OrderRecord, now: Date): Promise<CreatedOrder> {
  if (order.status === 'reserving') throw new DomainError('CONFLICT', '订单正在提交，请稍候');
  if (order.status === 'cancelled' && order.cancelReason?.startsWith('failed:')) {
    const code = order.cancelReason.slice('failed:'.length) as DomainError['code'];
    throw new DomainError(code);
  }
  // A ¥0 order interrupted before it completed: complete it now.
  if (order.status === 'pending_payment' && order.payableFen === 0) return completeFreeOrder(db, order, now);
  return created(order);
}

/** Nothing to pay (coupons and points cover it all): the order is paid at once, without WeChat Pay. */
async function completeFreeOrder(db: Database, order: OrderRecord, now: Date): Promise<CreatedOrder> {
  const outcome = await settlePaidOrder(db, order, null, now);
  if (outcome === 'cancelled') throw new DomainError('ORDER_STATE', '订单已关闭，请重新下单');
  return created({ ...order, status: 'paid', payment: null });
}

const failedReason = (err: unknown) => `failed:${err instanceof DomainError ? err.code : 'INTERNAL'}`;

/**
 * A create that failed after holding something gives all of it back. `stages`: the statuses the
 * order may be in when it failed, likeliest first (a failed write may still have been applied).
 */
async function abandon(db: Database, order: OrderRecord, err: unknown, now: Date, stages: ReadonlyArray<'reserving' | 'pending_payment'>): Promise<never> {
  for (const status of stages) {
    if (await cancelUnpaidOrder(db, { ...order, status }, failedReason(err), now)) break;
  }
  throw err;
}

/** Refused while reserving, having given back what it took (out of stock, a limited price gone): nothing is held. */
async function refuse(db: Database, order: OrderRecord, err: DomainError, now: Date): Promise<never> {
  await db
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: 'reserving' })
    .update({ data: { status: 'cancelled', cancelledAt: now, cancelReason: failedReason(err), cancelledFrom: 'reserving', releasePending: false } });
  throw err;
}

export async function createOrder(ctx: CallContext, request: PricingRequest & { requestId: string; liveSessionId?: string }): Promise<CreatedOrder> {
  const { db, openid, now } = ctx;
  const orderId = orderIdFor(openid, request.requestId);
  // No read for the order first: a repeated requestId is rare, and its insert below finds the order by
  // its key. Only a repeat that can no longer be priced (a product taken off sale since) looks here.
  let priced: Awaited<ReturnType<typeof priceOrder>>;
  try {
    priced = await priceOrder(ctx, request);
  } catch (err) {
    const existing = err instanceof DomainError ? await findOrder(db, orderId) : null;
    if (existing) return replay(db, existing, now);
    throw err;
  }
  const { quote, view } = priced;
  const order: OrderRecord = {
    _id: orderId,
    orderId,
    openid,
    requestId: request.requestId,
    storeId: priced.store.storeId,
    storeName: priced.store.name,
    status: 'reserving',
    lines: view.lines,
    ...quoteTotals(quote),
    couponId: request.couponId ?? null,
    couponTemplateId: priced.couponTemplateId,
    couponCampaignId: priced.couponCampaignId,
    // The buyer's segment when ordering: the dashboard's GMV by segment counts it where it was earned.
    segment: priced.member.segment ?? null,
    attribution: shareAttribution(priced.member, now),
    paidMember: quote.paidMemberPercent !== null,
    membershipSavingsFen: priced.membershipSavingsFen,
    // The live session the order counts for (dashboard funnel, share reward, remedy), however it was
    // placed: the session the member entered (a mark on their record), else the one the room's
    // 去下单 named. No read without either, one indexed read with one (functions/_lib/data/liveData.ts).
    liveSessionId: await orderSession(db, request.liveSessionId, priced.member, buyerOf(priced.member, now), now),
    priceListTakes: priced.takes.map(({ priceListId, skuId, qty, limitedTotal, limitedMember }) => ({ priceListId, skuId, qty, limitedTotal, limitedMember })),
    createdAt: now,
    expiresAt: new Date(now.getTime() + PAYMENT_WINDOW_MS),
    payment: null,
    outTradeNo: orderId,
    paidAt: null,
    transactionId: null,
    growthEarned: 0,
    pointsEarned: 0,
    voucher: null,
    pickedUpAt: null,
    pickedUpBy: null,
    cancelledAt: null,
    cancelReason: null,
    refundedAt: null,
    refundReason: null,
  };
  try {
    await db.collection(COLLECTIONS.orders).add({ data: order });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // A concurrent call with the same requestId got there first: answer what it made.
    const winner = await findOrder(db, orderId);
    if (winner) return replay(db, winner, now);
    throw err;
  }

  // From here on the order exists: whatever fails gives back all it held (see abandon). Stock and
  // limited units carry the order's mark, the coupon its lockedBy, the points their keyed ledger
  // entry, so a crash anywhere here is undone exactly by orderTimeout.
  try {
    await reserveHolds(db, order, priced.takes, now);
  } catch (err) {
    if (err instanceof DomainError) return refuse(db, order, err, now);
    return abandon(db, order, err, now, ['reserving']);
  }
  try {
    if (order.couponId) await lockCoupon(db, order.couponId, openid, orderId);
    await lockPoints(db, openid, orderId, order.pointsUsed, now);
  } catch (err) {
    return abandon(db, order, err, now, ['reserving']);
  }
  // The take marks stay on the counters: orderTimeout clears a counter's resolved marks in one update
  // (markSweep.ts) instead of one request per counter here.
  const pending: OrderRecord = { ...order, status: 'pending_payment' };
  if (order.payableFen === 0) {
    try {
      await db.collection(COLLECTIONS.orders).doc(orderId).update({ data: { status: 'pending_payment' } });
    } catch (err) {
      return abandon(db, order, err, now, ['reserving', 'pending_payment']);
    }
    return completeFreeOrder(db, pending, now);
  }
  try {
    // Held: the order becomes the member's to pay within the window (or the timeout gives it all
    // back), together with its payment parameters in one write. No callback can come before it: the
    // member can only pay with the parameters this very answer carries.
    const payment = await requestPayment({ outTradeNo: orderId, totalFen: order.payableFen, body: `果粒鲜选-${order.storeName}自提订单`, nonce: orderId.slice(-16) });
    await db.collection(COLLECTIONS.orders).doc(orderId).update({ data: { status: 'pending_payment', payment } });
    return created({ ...pending, payment });
  } catch (err) {
    return abandon(db, order, err, now, ['reserving', 'pending_payment']);
  }
}
