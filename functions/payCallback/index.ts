import cloud from 'wx-server-sdk';
import { payNotification, type PayCallbackAnswer } from '@contract/payCallback';
import { now } from '@lib/platform/clock';
import { grantDueUpgradePacks } from '@lib/workflows/benefits';
import { activateMembership } from './membership';
import { COLLECTIONS } from '@lib/platform/collections';
import '@lib/platform/handler';
import { settlePaidOrder } from '@lib/workflows/orderPayment';
import { findOrder, type OrderRecord } from '@lib/data/orders';
import { requestRefund } from '@lib/platform/payment';

const done = (errmsg: string): PayCallbackAnswer => ({ errcode: 0, errmsg });

/**
 * The cloud-payment callback: the only thing that marks an order paid. WeChat may deliver it many
 * times and concurrently; `settlePaidOrder` commits the order's status change, the voucher and the
 * member's credit in one transaction guarded on the order still being unpaid, so they happen once.
 */
export async function main(event: unknown): Promise<PayCallbackAnswer> {
  const { SOURCE } = cloud.getWXContext();
  // Any client can call any function: only cloud payment's own delivery may mark anything paid.
  if (!String(SOURCE ?? '').split(',').includes('wx_paycallback')) return { errcode: 403, errmsg: 'not a payment callback' };
  const parsed = payNotification.safeParse(event);
  if (!parsed.success) return done('ignored: malformed notification');
  const note = parsed.data;
  const db = cloud.database();
  const at = now();
  // Every delivery is kept for reconciliation with the merchant's statement.
  await db.collection(COLLECTIONS.paymentEvents).add({
    data: { outTradeNo: note.outTradeNo ?? null, transactionId: note.transactionId ?? null, returnCode: note.returnCode, resultCode: note.resultCode ?? null, totalFee: note.totalFee ?? null, at },
  });
  if (note.returnCode !== 'SUCCESS' || note.resultCode !== 'SUCCESS' || !note.outTradeNo) return done('noted: payment not successful');
  if (note.outTradeNo.startsWith('GM')) return done(await activateMembership(db, { ...note, outTradeNo: note.outTradeNo }, at));

  const order = await findOrder(db, note.outTradeNo);
  if (!order) return done('ignored: unknown order');
  if (note.totalFee !== order.payableFen) {
    console.error('[payCallback] amount mismatch', note.outTradeNo, note.totalFee, order.payableFen);
    return done('ignored: amount mismatch');
  }
  if (order.status === 'cancelled') return refundLatePayment(db, order, note.transactionId ?? null, at);
  if (order.status !== 'pending_payment') {
    await grantDueUpgradePacks(db, order.openid, at);
    return done('already processed');
  }
  const outcome = await settlePaidOrder(db, order, note.transactionId ?? null, at);
  if (outcome === 'cancelled') return refundLatePayment(db, order, note.transactionId ?? null, at);
  return done(outcome);
}

/**
 * Paid after the order was closed (its stock, coupon and points already released): the money goes
 * back. The claim on the order makes one delivery the refunder; a refund the payment service did not
 * accept answers non-zero, so WeChat delivers again and the next delivery tries again (the refund
 * number is derived from the order, so the service never refunds twice).
 */
async function refundLatePayment(db: ReturnType<typeof cloud.database>, order: OrderRecord, transactionId: string | null, at: Date): Promise<PayCallbackAnswer> {
  const _ = db.command;
  await db.collection(COLLECTIONS.orders).where({ _id: order._id, status: 'cancelled', latePaymentRefund: _.exists(false) }).update({ data: { latePaymentRefund: { transactionId, at, state: 'requested' } } });
  const current = await findOrder(db, order._id);
  const claim = (current as (OrderRecord & { latePaymentRefund?: { state: string } }) | null)?.latePaymentRefund;
  if (claim?.state === 'accepted') return done('refunded: order was closed');
  const accepted = await requestRefund({ outTradeNo: order.outTradeNo, totalFen: order.payableFen, refundFen: order.payableFen, reason: '订单已关闭，自动退款' });
  await db.collection(COLLECTIONS.orders).doc(order._id).update({ data: { 'latePaymentRefund.state': accepted ? 'accepted' : 'failed' } });
  return accepted ? done('refunded: order was closed') : { errcode: 1, errmsg: 'refund of a late payment failed; deliver again' };
}
