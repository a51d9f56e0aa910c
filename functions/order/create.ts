import { quoteTotals } from '../../core/checkout';
import type { CreatedOrder } from '../../contract/order';
import { buyerOf } from '../../core/member';
import { COLLECTIONS, isDuplicateKey } from '../_lib/collections';
import { stableId } from '../_lib/ids';
import { attributableSession } from '../_lib/liveData';
import { lockCoupon, unlockCoupon } from '../_lib/couponUse';
import { DomainError } from '../_lib/errors';
import type { CallContext } from '../_lib/handler';
import { findOrder, PAYMENT_WINDOW_MS, type OrderRecord } from '../_lib/orders';
import { stockTakes } from '../_lib/orderRelease';
import { requestPayment } from '../_lib/payment';
import { lockPoints } from '../_lib/points';
import { releasePriceListTakes, releaseStock, reservePriceListTakes, reserveStock } from '../_lib/reservations';
import { priceOrder, type PricingRequest } from './pricing';

/** The same member and requestId always name the same order: a retried or double-tapped create is one order. */
export const orderIdFor = (openid: string, requestId: string): string => stableId('GL', openid, requestId);

function created(order: OrderRecord): CreatedOrder {
  return { orderId: order.orderId, payableFen: order.payableFen, outTradeNo: order.outTradeNo, payment: order.payment, expiresAt: order.expiresAt.toISOString() };
}

/** What a repeated create answers: the order as it is, or the failure it ended with. */
function replay(order: OrderRecord): CreatedOrder {
  if (order.status === 'reserving') throw new DomainError('CONFLICT', '订单正在提交，请稍候');
  if (order.status === 'cancelled' && order.cancelReason?.startsWith('failed:')) {
    const code = order.cancelReason.slice('failed:'.length) as DomainError['code'];
    throw new DomainError(code);
  }
  return created(order);
}

export async function createOrder(ctx: CallContext, request: PricingRequest & { requestId: string; liveSessionId?: string }): Promise<CreatedOrder> {
  const { db, openid, now } = ctx;
  const orderId = orderIdFor(openid, request.requestId);
  const existing = await findOrder(db, orderId);
  if (existing) return replay(existing);

  const priced = await priceOrder(ctx, request);
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
    paidMember: quote.paidMemberPercent !== null,
    membershipSavingsFen: priced.membershipSavingsFen,
    liveSessionId: await attributableSession(db, request.liveSessionId, buyerOf(priced.member, now), now),
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
    if (winner) return replay(winner);
    throw err;
  }

  const stock = stockTakes(order);
  const undo: Array<() => Promise<void>> = [];
  try {
    await reserveStock(db, order.storeId, stock);
    undo.push(() => releaseStock(db, order.storeId, stock));
    await reservePriceListTakes(db, openid, priced.takes);
    undo.push(() => releasePriceListTakes(db, openid, order.priceListTakes));
    if (order.couponId) {
      await lockCoupon(db, order.couponId, openid, orderId);
      const couponId = order.couponId;
      undo.push(() => unlockCoupon(db, couponId, orderId));
    }
    await lockPoints(db, openid, orderId, order.pointsUsed, now);
  } catch (err) {
    for (const step of undo.reverse()) await step();
    const code = err instanceof DomainError ? err.code : 'INTERNAL';
    await db.collection(COLLECTIONS.orders).doc(orderId).update({ data: { status: 'cancelled', cancelledAt: now, cancelReason: `failed:${code}` } });
    throw err;
  }

  // Held: the order is now the member's to pay within the window (or the timeout gives it all back).
  // It is payable before the prepay request, so that even the fastest callback finds it waiting.
  await db.collection(COLLECTIONS.orders).doc(orderId).update({ data: { status: 'pending_payment' } });
  const payment = await requestPayment({ outTradeNo: orderId, totalFen: order.payableFen, body: `果粒鲜选-${order.storeName}自提订单`, nonce: orderId.slice(-16) });
  await db.collection(COLLECTIONS.orders).doc(orderId).update({ data: { payment } });
  return created({ ...order, status: 'pending_payment', payment });
}
