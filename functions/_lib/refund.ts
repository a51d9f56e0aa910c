import { reverseForRefund } from '../../core/growth';
import { combineChanges, withExpirySettled } from '../../core/tierExpiry';
import { COLLECTIONS, docOf } from './collections';
import { DomainError } from './errors';
import type { Database } from './handler';
import { applyMemberChange, memberInTx } from './ledger';
import { isRefundable, type OrderRecord } from './orders';
import { stockTakes } from './orderRelease';
import { requestRefund } from './payment';
import { releaseStock } from './reservations';
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
    await applyMemberChange(tx, openid, change);
    return order;
  });
  if (before.status === 'paid') await releaseStock(db, before.storeId, stockTakes(before));
  const refunded = await requestRefund({ outTradeNo: before.outTradeNo, totalFen: before.payableFen, refundFen: before.payableFen, reason: reason || '用户申请退款' });
  // A refund the payment service did not accept stays visible to operators to retry by hand.
  await db.collection(COLLECTIONS.orders).doc(orderId).update({ data: { refundState: refunded ? 'accepted' : 'failed' } });
  return { ...before, status: 'refunded', refundedAt: now, refundReason: reason };
}
