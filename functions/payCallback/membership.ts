import type cloud from 'wx-server-sdk';
import type { PayNotification } from '../../contract/payCallback';
import { activate } from '../../core/membership';
import { loadPlans } from '../_lib/benefits';
import { COLLECTIONS, docOf, rowsOf } from '../_lib/collections';
import { memberInTx } from '../_lib/ledger';
import { withTransaction, type Transaction } from '../_lib/transaction';
import type { MembershipOrderRecord } from '../membership';

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
  return withTransaction(db, async (tx: Transaction) => {
    const current = docOf<MembershipOrderRecord>(await tx.collection(COLLECTIONS.membershipOrders).doc(order._id).get());
    if (current.status === 'paid') return 'already processed';
    const member = await memberInTx(tx, order.openid);
    const card = activate(member.paid, { plan: order.plan, kind: order.kind, priceFen: order.priceFen, creditFen: order.creditFen }, order.orderId, at, prices);
    await tx.collection(COLLECTIONS.members).doc(order.openid).update({ data: { paid: card } });
    await tx.collection(COLLECTIONS.membershipOrders).doc(order._id).update({ data: { status: 'paid', paidAt: at, transactionId: note.transactionId ?? null } });
    return 'activated';
  });
}
