import type cloud from 'wx-server-sdk';
import type { PayNotification } from '@contract/payCallback';
import { activate, quotePurchase } from '@core/membership';
import { requestRefund } from '@lib/platform/payment';
import { loadPlans } from '@lib/workflows/benefits';
import { COLLECTIONS, docOf, rowsOf } from '@lib/platform/collections';
import { memberInTx } from '@lib/data/ledger';
import { withTransaction, type Transaction } from '@lib/platform/transaction';
import type { MembershipOrderRecord } from '@lib/data/membershipOrders';

type Database = ReturnType<typeof cloud.database>;

/** Membership purchases (out_trade_no `GM…`): the card is activated, renewed or upgraded exactly once. */
export async function activateMembership(db: Database, note: PayNotification & { outTradeNo: string }, at: Date): Promise<string> {
  const [order] = rowsOf<MembershipOrderRecord>(await db.collection(COLLECTIONS.membershipOrders).where({ _id: note.outTradeNo }).limit(1).get());
  if (!order) return 'ignored: unknown order';
  if (note.totalFee !== order.priceFen) {
    console.error('[payCallback] membership amount mismatch', note.outTradeNo, note.totalFee, order.priceFen);
    return 'ignored: amount mismatch';
  }
  if (order.status === 'paid') return 'already processed';
  const plans = await loadPlans(db);
  const prices = { lite: plans.lite.priceFen, premium: plans.premium.priceFen };
  const outcome = await withTransaction(db, async (tx: Transaction) => {
    const current = docOf<MembershipOrderRecord>(await tx.collection(COLLECTIONS.membershipOrders).doc(order._id).get());
    if (current.status !== 'pending_payment') return current.status === 'paid' ? 'already processed' : 'refunding';
    const member = await memberInTx(tx, order.openid);
    // The card may have changed since the purchase was priced (another purchase paid first, or the
    // card lapsed): only a purchase that still means the same thing at the same price is activated.
    const now = quotePurchase(member.paid, order.plan, at, prices);
    if (!now.ok || now.quote.kind !== order.kind || now.quote.priceFen !== order.priceFen) {
      await tx.collection(COLLECTIONS.membershipOrders).doc(order._id).update({ data: { status: 'refunding', paidAt: at, transactionId: note.transactionId ?? null } });
      return 'refunding';
    }
    const card = activate(member.paid, now.quote, order.orderId, at, prices);
    await tx.collection(COLLECTIONS.members).doc(order.openid).update({ data: { paid: card } });
    await tx.collection(COLLECTIONS.membershipOrders).doc(order._id).update({ data: { status: 'paid', paidAt: at, transactionId: note.transactionId ?? null } });
    return 'activated';
  });
  if (outcome !== 'refunding') return outcome;
  const accepted = await requestRefund({ outTradeNo: order.orderId, totalFen: order.priceFen, refundFen: order.priceFen, reason: '会员卡状态已变化，自动退款' });
  await db.collection(COLLECTIONS.membershipOrders).doc(order._id).update({ data: { status: accepted ? 'refunded' : 'refunding' } });
  if (!accepted) throw new Error(`refund of membership order ${order.orderId} failed; WeChat will deliver again`);
  return 'refunded: the card changed since the purchase';
}
