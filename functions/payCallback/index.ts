import cloud from 'wx-server-sdk';
import { payNotification, type PayCallbackAnswer } from '../../contract/payCallback';
import { endOfBusinessDay } from '../../core/businessTime';
import { creditPayment } from '../../core/growth';
import { isPaidActive } from '../../core/member';
import { addSavings } from '../../core/membership';
import { combineChanges, withExpirySettled } from '../../core/tierExpiry';
import { VOUCHER_VALID_DAYS } from '../../core/voucher';
import { now } from '../_lib/clock';
import { grantDueUpgradePacks, tiersReached } from '../_lib/benefits';
import { activateMembership } from './membership';
import { COLLECTIONS, docOf, isDuplicateKey, rowsOf } from '../_lib/collections';
import '../_lib/handler';
import { useCouponInTx } from '../_lib/couponUse';
import { applyMemberChange, memberInTx } from '../_lib/ledger';
import { findOrder, type OrderRecord } from '../_lib/orders';
import { requestRefund } from '../_lib/payment';
import { withTransaction, type Transaction } from '../_lib/transaction';
import { issueVoucherCode, shortCodeFor } from '../_lib/voucher';

const done = (errmsg: string): PayCallbackAnswer => ({ errcode: 0, errmsg });

/** Claims a short code for the order; the same order always ends with the same code. */
async function claimShortCode(db: ReturnType<typeof cloud.database>, order: OrderRecord, expiresAt: Date): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const shortCode = shortCodeFor(order.orderId, attempt);
    try {
      await db.collection(COLLECTIONS.voucherCodes).add({ data: { _id: shortCode, orderId: order.orderId, storeId: order.storeId, expiresAt } });
      return shortCode;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const [taken] = rowsOf<{ orderId: string }>(await db.collection(COLLECTIONS.voucherCodes).where({ _id: shortCode }).limit(1).get());
      if (taken?.orderId === order.orderId) return shortCode;
    }
  }
  throw new Error(`no free short code for ${order.orderId}`);
}

/**
 * The cloud-payment callback: the only thing that marks an order paid. WeChat may deliver it many
 * times and concurrently; the order's status change, the voucher and the member's credit commit in
 * one transaction guarded on the order still being unpaid, so they happen exactly once.
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

  const voucherExpiresAt = endOfBusinessDay(at, VOUCHER_VALID_DAYS);
  const shortCode = await claimShortCode(db, order, voucherExpiresAt);
  const code = issueVoucherCode({ orderId: order.orderId, storeId: order.storeId, expiresAtMs: voucherExpiresAt.getTime() });

  const outcome = await withTransaction(db, async (tx: Transaction) => {
    const current = docOf<OrderRecord>(await tx.collection(COLLECTIONS.orders).doc(order._id).get());
    // Cancelled between our first read and now (the timeout or the member): the money goes back.
    if (current.status === 'cancelled') return 'cancelled';
    if (current.status !== 'pending_payment') return 'already processed';
    const stored = await memberInTx(tx, order.openid);
    const { member, change: expiry } = withExpirySettled(stored, at);
    const credit = creditPayment(member, { orderId: order.orderId, paidFen: order.payableFen, paidMember: isPaidActive(member, at), now: at });
    const change = combineChanges(expiry, credit);
    await tx.collection(COLLECTIONS.orders).doc(order._id).update({
      data: {
        status: 'paid',
        paidAt: at,
        transactionId: note.transactionId ?? null,
        growthEarned: credit.set.growth! - member.growth,
        pointsEarned: credit.set.points! - member.points,
        voucher: { code, shortCode, expiresAt: voucherExpiresAt },
      },
    });
    const reached = tiersReached(member.tier, change.set.tier ?? member.tier);
    const card = member.paid ? addSavings(member.paid, at, order.membershipSavingsFen ?? 0) : null;
    await applyMemberChange(tx, order.openid, change, {
      paidOrderCount: (member.paidOrderCount ?? 0) + 1,
      ...(reached.length ? { upgradePacksDue: [...new Set([...(stored.upgradePacksDue ?? []), ...reached])] } : {}),
      ...(card && card !== member.paid ? { paid: card } : {}),
    });
    if (order.couponId) await useCouponInTx(tx, order.couponId, order.orderId, at);
    return 'paid';
  });
  if (outcome === 'cancelled') return refundLatePayment(db, order, note.transactionId ?? null, at);
  // Upgrade gift packs due from this (or an earlier, interrupted) payment.
  await grantDueUpgradePacks(db, order.openid, at);
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
