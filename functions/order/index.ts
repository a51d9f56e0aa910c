import { orderContract } from '../../contract/order';
import { COLLECTIONS, rowsOf } from '../_lib/collections';
import { DomainError } from '../_lib/errors';
import { defineFunction } from '../_lib/handler';
import { cancelUnpaidOrder } from '../_lib/orderRelease';
import { findOrder, orderView, ownOrder, type OrderRecord } from '../_lib/orders';
import { requestPayment } from '../_lib/payment';
import { refundOrder } from '../_lib/refund';
import { createOrder } from './create';
import { priceOrder } from './pricing';

export const main = defineFunction(orderContract, {
  async quote(request, ctx) {
    return (await priceOrder(ctx, request)).view;
  },

  create: (request, ctx) => createOrder(ctx, request),

  /** An unpaid order is cancelled; a paid one not yet picked up is cancelled and refunded. */
  async cancel({ orderId }, { db, openid, now }) {
    const order = await ownOrder(db, orderId, openid);
    if (order.status === 'paid') return orderView(await refundOrder(db, orderId, openid, '取消订单', now), now);
    if (order.status !== 'pending_payment') throw new DomainError('ORDER_STATE', '该订单当前不能取消');
    await cancelUnpaidOrder(db, order, 'member', now);
    const after = await findOrder(db, orderId);
    if (after?.status !== 'cancelled') throw new DomainError('ORDER_STATE', '订单已支付，请刷新后选择退款');
    return orderView(after, now);
  },

  async refund({ orderId, reason }, { db, openid, now }) {
    await ownOrder(db, orderId, openid);
    return orderView(await refundOrder(db, orderId, openid, reason ?? '', now), now);
  },

  async list({ status }, { db, openid, now }) {
    const where: Record<string, unknown> = { openid };
    if (status) where.status = status;
    const orders = rowsOf<OrderRecord>(await db.collection(COLLECTIONS.orders).where(where).orderBy('createdAt', 'desc').limit(50).get());
    return { orders: orders.map((o) => orderView(o, now)) };
  },

  async detail({ orderId }, { db, openid, now }) {
    return orderView(await ownOrder(db, orderId, openid), now);
  },

  /** Pay again for an unpaid order (the first payment sheet was closed, or asking for it failed). */
  async pay({ orderId }, { db, openid, now }) {
    const order = await ownOrder(db, orderId, openid);
    if (order.status !== 'pending_payment' || order.expiresAt.getTime() <= now.getTime()) throw new DomainError('ORDER_STATE', '订单已关闭或已支付');
    const payment = await requestPayment({ outTradeNo: order.outTradeNo, totalFen: order.payableFen, body: `果粒鲜选-${order.storeName}自提订单`, nonce: order.orderId.slice(-16) });
    await db.collection(COLLECTIONS.orders).doc(orderId).update({ data: { payment } });
    return { orderId, payableFen: order.payableFen, outTradeNo: order.outTradeNo, payment, expiresAt: order.expiresAt.toISOString() };
  },
});
