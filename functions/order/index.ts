import { orderContract } from '@contract/order';
import { cancelMeaning } from '@core/order';
import { COLLECTIONS } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import { defineFunction } from '@lib/platform/handler';
import { cancelUnpaidOrder } from '@lib/workflows/orderRelease';
import { settlePaidOrder } from '@lib/workflows/orderPayment';
import { orderView, ownOrder } from '@lib/data/orders';
import { requestPayment } from '@lib/platform/payment';
import { quoteRefund, refundOrder } from '@lib/workflows/refund';
import { orderPage } from './list';
import { createOrder } from './create';
import { priceOrder } from './pricing';

export const main = defineFunction(orderContract, {
  async quote(request, ctx) {
    return (await priceOrder(ctx, request)).view;
  },

  create: (request, ctx) => createOrder(ctx, request),

  /**
   * An unpaid order is cancelled; a paid one not yet picked up is cancelled and refunded. Once the
   * cancellation or refund is recorded the answer is ok, and asking again answers the order as it is.
   */
  async cancel({ orderId }, { db, openid, now }) {
    const order = await ownOrder(db, orderId, openid);
    switch (cancelMeaning(order.status)) {
      case 'refund':
        await refundOrder(db, order, { reason: '取消订单' }, now);
        break;
      case 'cancel':
        if (!(await cancelUnpaidOrder(db, order, 'member', now))) {
          // Paid (or cancelled by the timeout) between our read and the cancellation.
          const current = await ownOrder(db, orderId, openid);
          if (current.status !== 'cancelled') throw new DomainError('ORDER_STATE', '订单已支付，请刷新后选择退款');
        }
        break;
      case 'wait':
        // Still reserving: it belongs to its create call; only the timer may cancel it, minutes later.
        throw new DomainError('CONFLICT', '订单正在提交，请稍候再试');
      case 'refuse':
        throw new DomainError('ORDER_STATE', '订单已提货，如有问题请申请退款');
      case 'asItIs':
        break;
    }
    return orderView(await ownOrder(db, orderId, openid), now);
  },

  /** Some lines and units, or all that is left; answers the order after it and what this refund gave back. */
  async refund({ orderId, lines, reason, requestId }, { db, openid, now }) {
    const order = await ownOrder(db, orderId, openid);
    const refunded = await refundOrder(db, order, { lines, reason: reason ?? '', requestId }, now);
    return { ...orderView(refunded.order, now), refundFen: refunded.entry?.refundFen ?? 0 };
  },

  async refundQuote({ orderId, lines }, { db, openid, now }) {
    const share = quoteRefund(await ownOrder(db, orderId, openid), lines, now);
    return {
      lines: share.lines.map(({ skuId, name, qty, refundFen }) => ({ skuId, name, qty, refundFen })),
      refundFen: share.refundFen,
      pointsReturned: share.pointsReturned,
      growthReversed: share.growthReversed,
      pointsReversed: share.pointsReversed,
      whole: share.whole,
    };
  },

  list: (request, ctx) => orderPage(ctx, request.status, request.cursor),

  async detail({ orderId }, { db, openid, now }) {
    return orderView(await ownOrder(db, orderId, openid), now);
  },

  /** Pay again for an unpaid order (the first payment sheet was closed, or asking for it failed). */
  async pay({ orderId }, { db, openid, now }) {
    const order = await ownOrder(db, orderId, openid);
    if (order.status !== 'pending_payment' || order.expiresAt.getTime() <= now.getTime()) throw new DomainError('ORDER_STATE', '订单已关闭或已支付');
    // A ¥0 order whose completion was interrupted: nothing to pay, complete it.
    if (order.payableFen === 0) {
      if ((await settlePaidOrder(db, order, null, now)) === 'cancelled') throw new DomainError('ORDER_STATE', '订单已关闭，请重新下单');
      return { orderId, status: 'paid' as const, payableFen: 0, outTradeNo: order.outTradeNo, payment: null, expiresAt: order.expiresAt.toISOString() };
    }
    const payment = await requestPayment({ outTradeNo: order.outTradeNo, totalFen: order.payableFen, body: `果粒鲜选-${order.storeName}自提订单`, nonce: order.orderId.slice(-16) });
    await db.collection(COLLECTIONS.orders).doc(orderId).update({ data: { payment } });
    return { orderId, status: 'pending_payment' as const, payableFen: order.payableFen, outTradeNo: order.outTradeNo, payment, expiresAt: order.expiresAt.toISOString() };
  },
});
