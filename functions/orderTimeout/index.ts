import cloud from 'wx-server-sdk';
import { now } from '../_lib/clock';
import { COLLECTIONS, rowsOf } from '../_lib/collections';
import '../_lib/handler';
import { cancelUnpaidOrder, releaseHeld } from '../_lib/orderRelease';
import type { OrderRecord } from '../_lib/orders';
import { retryRefund } from '../_lib/refund';
import { calledByTimer, REFUSED, type Refused } from '../_lib/timer';

/** An order still reserving this long after creation crashed mid-way. */
const STUCK_MS = 2 * 60 * 1000;
const BATCH = 100;
const MAX_PASSES = 20;

type Due = OrderRecord & { releasePending?: boolean; refundState?: string; cancelledFrom?: string };

/**
 * Timer (every minute): cancels orders left unpaid past their 15 minutes and gives back their stock,
 * coupon and points; finishes releases and refunds that an earlier run or call left half-done. Each
 * step is guarded or keyed, so a run that overlaps another, or a payment arriving at the same moment,
 * never releases or refunds anything twice.
 */
export async function main(): Promise<{ cancelled: number; resumed: number; refundsRetried: number; examined: number } | Refused> {
  if (!calledByTimer()) return REFUSED;
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  const stuck = new Date(at.getTime() - STUCK_MS);
  const result = { cancelled: 0, resumed: 0, refundsRetried: 0, examined: 0 };
  const pages = async (where: Record<string, unknown>, each: (order: Due) => Promise<boolean>) => {
    // Each pass takes the oldest first; handled orders leave the query, so the next page is fresh.
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      const due = rowsOf<Due>(await db.collection(COLLECTIONS.orders).where(where).orderBy('createdAt', 'asc').limit(BATCH).get());
      result.examined += due.length;
      let handled = 0;
      for (const order of due) if (await each(order)) handled += 1;
      if (due.length < BATCH || handled === 0) return;
    }
  };
  await pages({ status: 'pending_payment', expiresAt: _.lte(at) }, async (o) => (await cancelUnpaidOrder(db, o, 'timeout', at)) && ++result.cancelled > 0);
  await pages({ status: 'reserving', createdAt: _.lte(stuck) }, async (o) => (await cancelUnpaidOrder(db, o, 'timeout', at)) && ++result.cancelled > 0);
  await pages({ status: 'cancelled', releasePending: true, cancelledAt: _.lte(stuck) }, async (o) => {
    await releaseHeld(db, o, o.cancelledFrom === 'reserving', at);
    result.resumed += 1;
    return true;
  });
  await pages({ status: 'refunded', refundState: _.in(['requested', 'failed']), refundedAt: _.lte(stuck) }, async (o) => {
    result.refundsRetried += 1;
    return retryRefund(db, o);
  });
  return result;
}
