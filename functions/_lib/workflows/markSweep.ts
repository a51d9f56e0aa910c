import { COLLECTIONS, rowsOf } from '../platform/collections';
import { campaignSourceKey, runOfClaimMark } from './campaignCoupons';
import { couponIdFor, couponOfMark, type CouponRecord } from './couponIssue';
import type { Database } from '../platform/handler';
import { clearMark, clearMarks, undoMarked, type CounterMark } from './holds';
import type { OrderRecord } from '../data/orders';
import { holdsOf } from './reservations';

/**
 * Marks left on counters by holders that died (see holds.ts), found by age: a mark older than any
 * function can run is either the record of a move its holder already owns (cleared) or of a move no
 * record stands for (undone, atomically with removing the mark). Orders that died reserving are
 * undone from the order's side (orderTimeout cancels them); here only what no order will look at.
 */
interface MarkedCounter {
  _id: string;
  marks?: CounterMark[];
  [field: string]: unknown;
}

const PAGE = 100;

async function staleCounters(db: Database, collection: string, before: Date): Promise<MarkedCounter[]> {
  return rowsOf<MarkedCounter>(await db.collection(collection).where({ 'marks.at': db.command.lte(before) }).limit(PAGE).get());
}

const staleMarks = (row: MarkedCounter, before: Date) => (row.marks ?? []).filter((m) => m.at.getTime() <= before.getTime());
// `release:<orderId>#<n>` is the n-th refund's release (see reservations.ts).
const orderOfMark = (mark: string) => mark.slice(mark.indexOf(':') + 1).split('#')[0];
const refundOfMark = (mark: string) => Number(mark.split('#')[1] ?? 0);

/**
 * Stock and limited-price counters: a `take:` mark whose order holds its takes (it moved past
 * reserving) is cleared; one whose order was cancelled while reserving is undone (the order's own
 * release would undo it too: both are guarded by the mark, so only one gives anything back); an order
 * still reserving is left to its cancellation. A `release:` mark is cleared once the order recorded
 * its release.
 */
export async function sweepOrderMarks(db: Database, collection: string, before: Date): Promise<number> {
  const _ = db.command;
  const rows = await staleCounters(db, collection, before);
  const ids = [...new Set(rows.flatMap((r) => staleMarks(r, before).map((m) => orderOfMark(m.k))))];
  if (!ids.length) return 0;
  const orders = new Map(rowsOf<OrderRecord>(await db.collection(COLLECTIONS.orders).where({ _id: _.in(ids) }).limit(ids.length).get()).map((o) => [o._id, o]));
  let swept = 0;
  for (const row of rows) {
    // order.create leaves its take marks (one request each saved on every order): a counter's
    // resolved marks go in one update.
    const resolved: string[] = [];
    for (const { k } of staleMarks(row, before)) {
      const order = orders.get(orderOfMark(k));
      if (!order) continue; // an order is written before any of its takes: never expected; left for a person
      if (k.startsWith('take:')) {
        if (order.status === 'reserving') continue;
        const hold = holdsOf(order).find((h) => h.collection === collection && h.id === row._id);
        if (order.cancelledFrom === 'reserving' && hold) await undoMarked(db, { collection, id: row._id, field: hold.field, delta: hold.delta, mark: k });
        else resolved.push(k);
        swept += 1;
      } else if (k.startsWith('release:') && (refundOfMark(k) ? order.refunds?.[refundOfMark(k) - 1]?.released : order.released?.stock)) {
        resolved.push(k);
        swept += 1;
      }
    }
    if (resolved.length) await clearMarks(db, collection, row._id, resolved);
  }
  return swept;
}

/**
 * Coupon counters (a template's `issued`, a member's `count`): an `issue:` mark whose coupon exists
 * and records this very mark is cleared; otherwise the attempt died before its coupon (or another
 * attempt's coupon won the key), and the count it took is given back. A campaign page's `camp|` mark
 * took `n` at once: the part no coupon carrying the mark stands for goes back; a member's `campclaim|`
 * mark stays counted only if the run's coupon reached that member (see campaignCoupons.ts).
 */
export async function sweepCouponMarks(db: Database, collection: string, field: string, before: Date): Promise<number> {
  const _ = db.command;
  const rows = await staleCounters(db, collection, before);
  const all = rows.flatMap((r) => staleMarks(r, before).map((m) => ({ row: r, mark: m.k, n: (m as CounterMark & { n?: number }).n ?? 0 })));
  if (!all.length) return 0;
  const marks = all.filter((m) => m.mark.startsWith('issue:'));
  const couponIds = [...new Set(marks.map((m) => couponOfMark(m.mark)))];
  const coupons = couponIds.length
    ? new Map(rowsOf<CouponRecord>(await db.collection(COLLECTIONS.coupons).where({ _id: _.in(couponIds) }).limit(couponIds.length).get()).map((c) => [c._id, c]))
    : new Map<string, CouponRecord>();
  // Issuing leaves its marks (couponIssue.ts): a counter's resolved ones go in one update, and only a
  // dead attempt's count is given back, one guarded update each.
  const resolved = new Map<string, string[]>();
  for (const { row, mark } of marks) {
    if (coupons.get(couponOfMark(mark))?.issueMark === mark) resolved.set(row._id, [...(resolved.get(row._id) ?? []), mark]);
    else await undoMarked(db, { collection, id: row._id, field, delta: 1, mark });
  }
  for (const [id, ks] of resolved) await clearMarks(db, collection, id, ks);
  for (const { row, mark, n } of all) {
    if (mark.startsWith('camp|')) {
      // A campaign page's stock: `n` taken, the coupons carrying the mark stand for their part.
      const carried = (await db.collection(COLLECTIONS.coupons).where({ issueMark: mark }).count()) as { total: number };
      const surplus = Math.max(0, n - carried.total);
      await db.collection(collection).where({ _id: row._id, 'marks.k': mark }).update({ data: { ...(surplus ? { [field]: _.inc(-surplus) } : {}), marks: _.pull({ k: mark }) } });
    } else if (mark.startsWith('campclaim|')) {
      // A member's claim for a campaign run: kept if the run's coupon reached them.
      const claim = row as MarkedCounter & { templateId?: string; openid?: string };
      const couponId = couponIdFor(String(claim.templateId), String(claim.openid), campaignSourceKey(runOfClaimMark(mark)));
      const [coupon] = rowsOf<{ _id: string }>(await db.collection(COLLECTIONS.coupons).where({ _id: couponId }).field({ _id: true }).limit(1).get());
      if (coupon) await clearMark(db, collection, row._id, mark);
      else await undoMarked(db, { collection, id: row._id, field, delta: 1, mark });
    }
  }
  return all.length;
}
