import cloud from 'wx-server-sdk';
import { now } from '../_lib/clock';
import { COLLECTIONS, rowsOf } from '../_lib/collections';
import '../_lib/handler';
import { cancelUnpaidOrder } from '../_lib/orderRelease';
import type { OrderRecord } from '../_lib/orders';

/** An order still reserving this long after creation crashed mid-way. */
const STUCK_RESERVING_MS = 2 * 60 * 1000;
const BATCH = 100;

/**
 * Timer (every minute): cancels orders left unpaid past their 15 minutes and gives back their stock
 * and points. Each cancellation is guarded on the order's status, so a run that overlaps another,
 * or a payment arriving at the same moment, never releases anything twice.
 */
export async function main(): Promise<{ cancelled: number; examined: number }> {
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  let cancelled = 0;
  let examined = 0;
  const queries = [
    { status: 'pending_payment', expiresAt: _.lte(at) },
    { status: 'reserving', createdAt: _.lte(new Date(at.getTime() - STUCK_RESERVING_MS)) },
  ];
  for (const where of queries) {
    // Each pass takes the oldest first; cancelled ones leave the query, so the next page is fresh.
    for (let pass = 0; pass < 50; pass += 1) {
      const due = rowsOf<OrderRecord>(await db.collection(COLLECTIONS.orders).where(where).orderBy('createdAt', 'asc').limit(BATCH).get());
      examined += due.length;
      for (const order of due) if (await cancelUnpaidOrder(db, order, 'timeout', at)) cancelled += 1;
      if (due.length < BATCH) break;
    }
  }
  return { cancelled, examined };
}
