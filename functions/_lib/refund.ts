import { reverseForRefund } from '../../core/growth';
import { addSavings } from '../../core/membership';
import { combineChanges, withExpirySettled } from '../../core/tierExpiry';
import { COLLECTIONS, docOf } from './collections';
import { DomainError } from './errors';
import type { Database } from './handler';
import { applyMemberChange, memberInTx } from './ledger';
import { isRefundable, type OrderRecord } from './orders';
import { releaseStockOnce } from './orderRelease';
import { requestRefund } from './payment';
import { withTransaction, type Transaction } from './transaction';

/**
 * Refunds a paid order (before pickup) or a picked-up one within 7 days. The order's status change
 * and the member's reversals (growth, earned points, spent points, tier) commit together, once.
 * Goods not yet handed over go back on the shelf; the money goes back through cloud payment.
 */
export async function refundOrder(db: Database, orderId: string, openid: string, reason: string, now: Date): Promise<OrderRecord> {
  const before = await withTransaction(db, async (tx: Transaction) => {
    let order: OrderRecord;
    try {
      order = docOf<OrderRecord>(await tx.collection(COLLECTIONS.orders).doc(orderId).get());
    } catch {
      throw new DomainError('NOT_FOUND', '订单不存在');
    }
    if (order.openid !== openid) throw new DomainError('NOT_FOUND', '订单不存在');
    if (!isRefundable(order, now)) {
      throw new DomainError('ORDER_STATE', order.status === 'picked_up' ? '已超过提货后 7 天的退款期限' : '该订单当前不能退款');
    }
    await tx.collection(COLLECTIONS.orders).doc(orderId).update({ data: { status: 'refunded', refundedAt: now, refundReason: reason, refundState: 'requested' } });
    const { member, change: expiry } = withExpirySettled(await memberInTx(tx, openid), now);
    const change = combineChanges(expiry, reverseForRefund(member, { orderId, growthEarned: order.growthEarned, pointsEarned: order.pointsEarned, pointsSpent: order.pointsUsed, now }));
    // A refunded purchase no longer counts as what the paid card saved (开卡保本).
    const card = member.paid && order.paidAt && order.membershipSavingsFen ? addSavings(member.paid, order.paidAt, -order.membershipSavingsFen) : null;
    await applyMemberChange(tx, openid, change, card ? { paid: card } : {});
    return order;
  });
  // Goods not yet handed over go back on the shelf (once, even if this refund is retried).
  if (before.status === 'paid') await releaseStockOnce(db, orderId);
  await retryRefund(db, { ...before, refundReason: reason });
  return { ...before, status: 'refunded', refundedAt: now, refundReason: reason };
}

/**
 * Asks cloud payment for the money back and records whether it accepted. The refund number is
 * derived from the order, so asking again (orderTimeout retries `requested` and `failed` ones) never
 * refunds twice.
 */
export async function retryRefund(db: Database, order: Pick<OrderRecord, '_id' | 'outTradeNo' | 'payableFen' | 'refundReason'>): Promise<boolean> {
  const accepted = await requestRefund({ outTradeNo: order.outTradeNo, totalFen: order.payableFen, refundFen: order.payableFen, reason: order.refundReason || '用户申请退款' });
  await db.collection(COLLECTIONS.orders).doc(order._id).update({ data: { refundState: accepted ? 'accepted' : 'failed' } });
  return accepted;
}
