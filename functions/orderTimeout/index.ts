import cloud from 'wx-server-sdk';
import { now } from '@lib/platform/clock';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import '@lib/platform/handler';
import { sweepCouponMarks, sweepOrderMarks } from '@lib/workflows/markSweep';
import { cancelUnpaidOrder, releaseHeld } from '@lib/workflows/orderRelease';
import type { OrderRecord } from '@lib/data/orders';
import { finishRefunds } from '@lib/workflows/refund';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';

/**
 * How long after its last sign of life a holder is certainly dead: longer than any function may run
 * (60 s at most), so nothing found here is still being worked on by the call that started it.
 */
const STALE_MS = 2 * 60 * 1000;
const BATCH = 100;
const MAX_PASSES = 20;

export interface TimeoutRun {
  cancelled: number;
  resumed: number;
  refundsFinished: number;
  marksSwept: number;
  examined: number;
  /** Orders that could not be finished this run (retried by the next). */
  failed: number;
}

/**
 * Timer (every minute): cancels orders left unpaid past their 15 minutes and gives back their stock,
 * coupon and points; finishes what an earlier call or run left half-done (cancellations and refunds
 * still releasing, refunds the payment service has not accepted yet, orders that died while
 * reserving); and clears or undoes the marks dead holders left on stock, limited-price and coupon
 * counters. Each step is guarded or keyed, so a run that overlaps another, or a payment arriving at
 * the same moment, never releases or refunds anything twice.
 */
export async function main(): Promise<TimeoutRun | Refused> {
  if (!calledByTimer()) return REFUSED;
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  const stale = new Date(at.getTime() - STALE_MS);
  const result: TimeoutRun = { cancelled: 0, resumed: 0, refundsFinished: 0, marksSwept: 0, examined: 0, failed: 0 };
  const pages = async (where: Record<string, unknown>, each: (order: OrderRecord) => Promise<boolean>) => {
    // Each pass takes the oldest first; handled orders leave the query, so the next page is fresh.
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      const due = rowsOf<OrderRecord>(await db.collection(COLLECTIONS.orders).where(where).orderBy('createdAt', 'asc').limit(BATCH).get());
      result.examined += due.length;
      let handled = 0;
      for (const order of due) {
        // One order that cannot be finished now (a lock still held, a refund refused) must not stop the
        // run: it stays as it is and the next run tries again.
        try {
          if (await each(order)) handled += 1;
        } catch (err) {
          result.failed += 1;
          console.error('[orderTimeout] left for the next run', order._id, err);
        }
      }
      if (due.length < BATCH || handled === 0) return;
    }
  };
  const cancel = async (o: OrderRecord) => (await cancelUnpaidOrder(db, o, 'timeout', at)) && ++result.cancelled > 0;
  await pages({ status: 'pending_payment', expiresAt: _.lte(at) }, cancel);
  await pages({ status: 'reserving', createdAt: _.lte(stale) }, cancel);
  await pages({ status: 'cancelled', releasePending: true, cancelledAt: _.lte(stale) }, async (o) => {
    await releaseHeld(db, o, at);
    result.resumed += 1;
    return true;
  });
  // Refunds whose goods or money are not back yet (a crash, or cloud payment refused for now).
  await pages({ refundsPending: true, lastRefundAt: _.lte(stale) }, async (o) => {
    if (!(await finishRefunds(db, o, at))) return false;
    result.refundsFinished += 1;
    return true;
  });
  for (const collection of [COLLECTIONS.stock, COLLECTIONS.priceListUsage]) result.marksSwept += await sweepOrderMarks(db, collection, stale);
  result.marksSwept += await sweepCouponMarks(db, COLLECTIONS.couponTemplates, 'issued', stale);
  result.marksSwept += await sweepCouponMarks(db, COLLECTIONS.couponClaims, 'count', stale);
  return result;
}
