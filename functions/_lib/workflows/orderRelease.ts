import { COLLECTIONS, updatedOf } from '../platform/collections';
import { unlockCoupon } from './couponUse';
import type { Database } from '../platform/handler';
import type { OrderRecord } from '../data/orders';
import { releasePoints } from './points';
import { releaseHolds, undoTakes } from './reservations';

/**
 * Cancels an unpaid order and gives back what it held, exactly once. The status change is guarded on
 * the order still being unpaid and writes `releasePending`; once it is recorded the cancellation
 * stands, whatever happens to the giving back: that finishes here when it can, and otherwise
 * orderTimeout finishes it from the pending mark. Each kind of hold is given back idempotently, so
 * finishing twice gives nothing twice.
 */
export async function cancelUnpaidOrder(db: Database, order: OrderRecord, reason: string, now: Date): Promise<boolean> {
  const cancelledFrom = order.status === 'reserving' ? 'reserving' : 'pending_payment';
  const res = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: order._id, status: cancelledFrom })
    .update({ data: { status: 'cancelled', cancelledAt: now, cancelReason: reason, cancelledFrom, releasePending: true } });
  if (updatedOf(res) !== 1) return false;
  await afterCommit(`release of cancelled order ${order.orderId}`, () => releaseHeld(db, { ...order, status: 'cancelled', cancelledFrom }, now));
  return true;
}

/**
 * Gives back what a cancelled order holds: its stock and limited units (for an order that died
 * while reserving, exactly the takes its marks show), its locked points (through their keyed ledger
 * entry), and its coupon if this order still holds it; then clears the pending mark.
 */
export async function releaseHeld(db: Database, order: OrderRecord, now: Date): Promise<void> {
  const diedReserving = order.cancelledFrom === 'reserving';
  if (diedReserving) await undoTakes(db, order);
  else await releaseHolds(db, order, now);
  await releasePoints(db, order.openid, order.orderId, order.pointsUsed, now, { onlyIfLocked: diedReserving });
  if (order.couponId) await unlockCoupon(db, order.couponId, order.orderId);
  await db.collection(COLLECTIONS.orders).doc(order._id).update({ data: { releasePending: false } });
}

/**
 * Work that follows a change already recorded (a cancellation, a refund): its failure must not turn
 * the recorded change into an error for the member, because the change stands and a pending mark
 * lets the timer finish the work. Logged for the operators instead.
 */
export async function afterCommit(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    console.error(`[afterCommit] ${what} did not finish now; orderTimeout will finish it`, err);
  }
}
