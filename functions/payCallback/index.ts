import cloud from 'wx-server-sdk';
import { payNotification, type PayCallbackAnswer } from '@contract/payCallback';
import { now } from '@lib/platform/clock';
import { activateMembership } from './membership';
import { COLLECTIONS } from '@lib/platform/collections';
import '@lib/platform/handler';
import { settlePayment } from '@lib/workflows/orderPayment';
import { findOrder, type OrderRecord } from '@lib/data/orders';
import { requestRefund } from '@lib/platform/payment';

const done = (errmsg: string): PayCallbackAnswer => ({ errcode: 0, errmsg });

/**
 * The cloud-payment callback: the only thing that marks an order paid. WeChat may deliver it many
 * times and concurrently; `settlePayment` commits the order's status change, the voucher and the
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
  // Every delivery is kept for reconciliation: the one that marks an order paid is recorded on the
  // order itself (its transactionId and paidAt, in the same transaction), every other one here.
  const keep = async (errmsg: string) => {
    await db.collection(COLLECTIONS.paymentEvents).add({
      data: { outTradeNo: note.outTradeNo ?? null, transactionId: note.transactionId ?? null, returnCode: note.returnCode, resultCode: note.resultCode ?? null, totalFee: note.totalFee ?? null, at, answer: errmsg },
    });
    return done(errmsg);
  };
  if (note.returnCode !== 'SUCCESS' || note.resultCode !== 'SUCCESS' || !note.outTradeNo) return keep('noted: payment not successful');
  if (note.outTradeNo.startsWith('GM')) return keep(await activateMembership(db, { ...note, outTradeNo: note.outTradeNo }, at));

  const { outcome, order } = await settlePayment(db, note.outTradeNo, note.transactionId ?? null, at, note.totalFee);
  if (outcome === 'unknown' || !order) return keep('ignored: unknown order');
  if (outcome === 'amount mismatch') {
    console.error('[payCallback] amount mismatch', note.outTradeNo, note.totalFee, order.payableFen);
    return keep('ignored: amount mismatch');
  }
  if (outcome === 'cancelled') {
    const answer = await refundLatePayment(db, order, note.transactionId ?? null, at);
    await keep(answer.errmsg);
    return answer;
  }
  return outcome === 'paid' ? done(outcome) : keep(outcome);
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
