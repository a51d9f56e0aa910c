import { stockId, usageMemberId, usageTotalId } from './catalogData';
import { COLLECTIONS, docOf, updatedOf } from './collections';
import { unlockCoupon } from './couponUse';
import type { Database } from './handler';
import { existsInTx } from './ledger';
import type { OrderRecord } from './orders';
import { releasePoints } from './points';
import { withTransaction, type Transaction } from './transaction';

/**
 * Cancels an unpaid order and gives back what it held, exactly once. The status change is guarded on
 * the order still being unpaid, and marks the release as pending; `releaseHeld` then gives back each
 * kind of hold idempotently and clears the mark, so a run that dies half-way is finished by the next
 * orderTimeout run without giving anything back twice.
 */
export async function cancelUnpaidOrder(db: Database, order: OrderRecord, reason: string, now: Date): Promise<boolean> {
  const fromStatus = order.status === 'reserving' ? 'reserving' : 'pending_payment';
  const res = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: fromStatus })
    .update({ data: { status: 'cancelled', cancelledAt: now, cancelReason: reason, cancelledFrom: fromStatus, releasePending: true } });
  if (updatedOf(res) !== 1) return false;
  await releaseHeld(db, { ...order, status: 'cancelled' }, fromStatus === 'reserving', now);
  return true;
}

/**
 * Gives back what an order holds. Stock and limited-price counters go back in one transaction with
 * the order's `released.stock` mark (so never twice); points through their keyed ledger entry; the
 * coupon only if this order still holds it. An order that died while reserving cannot tell which
 * stock it took, so its stock stays held (the shop never sells a unit it does not have).
 */
export async function releaseHeld(db: Database, order: OrderRecord, diedReserving: boolean, now: Date): Promise<void> {
  if (!diedReserving) await releaseStockOnce(db, order._id);
  await releasePoints(db, order.openid, order.orderId, order.pointsUsed, now, { onlyIfLocked: diedReserving });
  if (order.couponId) await unlockCoupon(db, order.couponId, order.orderId);
  await db.collection(COLLECTIONS.orders).doc(order._id).update({ data: { releasePending: false } });
}

/** Stock (and limited-price units) back on the shelf, exactly once per order. */
export async function releaseStockOnce(db: Database, orderId: string): Promise<void> {
  const incBy = (n: number) => db.command.inc(n);
  await withTransaction(db, async (tx: Transaction) => {
    const order = docOf<OrderRecord & { released?: { stock?: boolean } }>(await tx.collection(COLLECTIONS.orders).doc(orderId).get());
    if (order.released?.stock) return;
    for (const take of stockTakes(order)) await tx.collection(COLLECTIONS.stock).doc(stockId(order.storeId, take.skuId)).update({ data: { stock: incBy(take.qty) } });
    for (const take of order.priceListTakes) {
      if (take.limitedTotal && (await existsInTx(tx, COLLECTIONS.priceListUsage, usageTotalId(take.priceListId, take.skuId)))) {
        await tx.collection(COLLECTIONS.priceListUsage).doc(usageTotalId(take.priceListId, take.skuId)).update({ data: { qty: incBy(-take.qty) } });
      }
      if (take.limitedMember && (await existsInTx(tx, COLLECTIONS.priceListUsage, usageMemberId(take.priceListId, take.skuId, order.openid)))) {
        await tx.collection(COLLECTIONS.priceListUsage).doc(usageMemberId(take.priceListId, take.skuId, order.openid)).update({ data: { qty: incBy(-take.qty) } });
      }
    }
    await tx.collection(COLLECTIONS.orders).doc(orderId).update({ data: { released: { stock: true } } });
  });
}

/** Quantities per SKU (a line may be split across prices). */
export function stockTakes(order: Pick<OrderRecord, 'lines'>): Array<{ skuId: string; qty: number }> {
  const bySku = new Map<string, number>();
  for (const line of order.lines) bySku.set(line.skuId, (bySku.get(line.skuId) ?? 0) + line.qty);
  return [...bySku].map(([skuId, qty]) => ({ skuId, qty }));
}
