import { COLLECTIONS, updatedOf } from './collections';
import { unlockCoupon } from './couponUse';
import type { Database } from './handler';
import type { OrderRecord } from './orders';
import { releasePoints } from './points';
import { releasePriceListTakes, releaseStock } from './reservations';

/**
 * Cancels an unpaid order and gives back what it held, exactly once: the status change is guarded on
 * the order still being unpaid, and only the caller whose update changed it releases anything. An
 * order that crashed while reserving is cancelled without a release (a unit may stay held, but the
 * shop can never sell one it does not have).
 */
export async function cancelUnpaidOrder(db: Database, order: OrderRecord, reason: string, now: Date): Promise<boolean> {
  const fromStatus = order.status === 'reserving' ? 'reserving' : 'pending_payment';
  const res = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: fromStatus })
    .update({ data: { status: 'cancelled', cancelledAt: now, cancelReason: reason } });
  if (updatedOf(res) !== 1) return false;
  if (fromStatus === 'pending_payment') {
    await releaseStock(db, order.storeId, stockTakes(order));
    await releasePriceListTakes(db, order.openid, order.priceListTakes);
    await releasePoints(db, order.openid, order.orderId, order.pointsUsed, now);
    if (order.couponId) await unlockCoupon(db, order.couponId, order.orderId);
  }
  return true;
}

/** Quantities per SKU (a line may be split across prices). */
export function stockTakes(order: Pick<OrderRecord, 'lines'>): Array<{ skuId: string; qty: number }> {
  const bySku = new Map<string, number>();
  for (const line of order.lines) bySku.set(line.skuId, (bySku.get(line.skuId) ?? 0) + line.qty);
  return [...bySku].map(([skuId, qty]) => ({ skuId, qty }));
}
