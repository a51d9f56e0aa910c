import type { HandoverLine, StoreDay } from '@contract/staff';
import { businessDate, endOfBusinessDay } from '@core/businessTime';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { CallContext } from '@lib/platform/handler';
import type { OrderRecord } from '@lib/data/orders';
import type { StaffRecord } from '@lib/data/roles';
import { IN_STORE_COLLECTIONS, type CounterUse, type ReceiptRecord } from '@lib/data/inStore';
import { handoverLines } from './handover';

/** A day at one counter is far below this; the list stops here rather than read without bound. */
export const TODAY_LIMIT = 100;

/**
 * The store's day at the counter (Shanghai date): orders picked up here, receipts credited and gift
 * coupons handed over, newest first. Three indexed queries, read side by side.
 */
export async function storeDay(staff: StaffRecord, { db, now }: CallContext): Promise<StoreDay> {
  const _ = db.command;
  const end = endOfBusinessDay(now);
  const start = new Date(endOfBusinessDay(now, -1).getTime() + 1);
  const today = _.gte(start).and(_.lte(end));
  const [orders, receipts, gifts] = await Promise.all([
    db.collection(COLLECTIONS.orders).where({ storeId: staff.storeId, pickedUpAt: today }).orderBy('pickedUpAt', 'desc').limit(TODAY_LIMIT).get(),
    db.collection(IN_STORE_COLLECTIONS.receipts).where({ storeId: staff.storeId, creditedAt: today }).orderBy('creditedAt', 'desc').limit(TODAY_LIMIT).get(),
    db.collection(COLLECTIONS.coupons).where({ 'usedInStore.storeId': staff.storeId, 'usedInStore.at': today }).orderBy('usedInStore.at', 'desc').limit(TODAY_LIMIT).get(),
  ]);
  return {
    date: businessDate(now),
    pickups: rowsOf<OrderRecord>(orders)
      .filter((o) => o.redemption?.storeId === staff.storeId && o.pickedUpAt)
      .map((o) => ({ orderId: o.orderId, at: o.pickedUpAt!.toISOString(), by: o.redemption?.staffName ?? null, lines: handoverLines(o).lines as HandoverLine[] })),
    credits: rowsOf<ReceiptRecord>(receipts).map((r) => ({
      receiptNo: r.receiptNo,
      amountFen: r.amountFen,
      memberName: r.memberName,
      growthEarned: r.growthEarned,
      pointsEarned: r.pointsEarned,
      at: r.creditedAt.toISOString(),
      refundedAt: r.refundedAt ? r.refundedAt.toISOString() : null,
    })),
    gifts: rowsOf<{ couponId: string; usedInStore: CounterUse }>(gifts).map((c) => ({
      couponId: c.couponId,
      skuId: c.usedInStore.skuId,
      productName: c.usedInStore.productName,
      at: c.usedInStore.at.toISOString(),
      memberName: c.usedInStore.memberName,
    })),
  };
}
