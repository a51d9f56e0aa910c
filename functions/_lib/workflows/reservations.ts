import { stockId, usageMemberId, usageTotalId } from '../data/catalogData';
import { COLLECTIONS, isDuplicateKey } from '../platform/collections';
import { DomainError } from '../platform/errors';
import type { Database } from '../platform/handler';
import { clearMark, moveMarked, undoMarked, type MarkedMove } from './holds';
import type { OrderRecord, RefundEntry } from '../data/orders';
import { limitedBack } from '@core/refund';

/**
 * What an order takes off the shelf and out of limited prices while it lives: each SKU's stock in
 * its store (a line may be split across prices, so quantities are summed per SKU) and the limited
 * price-list counters, overall and the member's own. Every move carries the order's mark (see
 * holds.ts), so an order that dies half-way through reserving can be undone exactly.
 */
type HoldingOrder = Pick<OrderRecord, 'orderId' | 'openid' | 'storeId' | 'lines' | 'priceListTakes'>;

export const takeMark = (orderId: string) => `take:${orderId}`;
export const releaseMark = (orderId: string) => `release:${orderId}`;

/** The limits a reservation checks, from the pricing that chose the limited prices. */
export interface TakeLimits {
  priceListId: string;
  skuId: string;
  totalQty?: number;
  perMemberQty?: number;
}

export interface Hold {
  collection: string;
  id: string;
  field: string;
  /** The move that takes it (stock goes down, a used-units counter goes up). */
  delta: number;
  kind: 'stock' | 'limited';
  skuId: string;
  priceListId?: string;
  /** For limited counters: the most the counter may reach. */
  limit?: number;
}

/** Quantities per SKU (a line may be split across prices). */
export function stockTakes(order: Pick<OrderRecord, 'lines'>): Array<{ skuId: string; qty: number }> {
  const bySku = new Map<string, number>();
  for (const line of order.lines) bySku.set(line.skuId, (bySku.get(line.skuId) ?? 0) + line.qty);
  return [...bySku].map(([skuId, qty]) => ({ skuId, qty }));
}

export function holdsOf(order: HoldingOrder, limits: readonly TakeLimits[] = []): Hold[] {
  const holds: Hold[] = stockTakes(order).map(({ skuId, qty }) => ({ collection: COLLECTIONS.stock, id: stockId(order.storeId, skuId), field: 'stock', delta: -qty, kind: 'stock', skuId }));
  for (const take of order.priceListTakes) {
    const limit = limits.find((l) => l.priceListId === take.priceListId && l.skuId === take.skuId);
    const limited = (id: string, max: number | undefined): Hold => ({ collection: COLLECTIONS.priceListUsage, id, field: 'qty', delta: take.qty, kind: 'limited', skuId: take.skuId, priceListId: take.priceListId, limit: max });
    if (take.limitedTotal) holds.push(limited(usageTotalId(take.priceListId, take.skuId), limit?.totalQty));
    if (take.limitedMember) holds.push(limited(usageMemberId(take.priceListId, take.skuId, order.openid), limit?.perMemberQty));
  }
  return holds;
}

const asMove = (hold: Hold, mark: string, delta = hold.delta): MarkedMove => ({ collection: hold.collection, id: hold.id, field: hold.field, delta, mark });

/** Limited counters start at zero the first time anyone buys at that price. */
async function ensureCounter(db: Database, id: string): Promise<void> {
  try {
    await db.collection(COLLECTIONS.priceListUsage).add({ data: { _id: id, qty: 0 } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/**
 * Takes the order's stock and limited units with guarded, marked moves, so concurrent orders never
 * oversell and never exceed a limited quantity. If one cannot be taken, those already taken are
 * given back before the refusal is answered.
 */
export async function reserveHolds(db: Database, order: HoldingOrder, limits: readonly TakeLimits[], now: Date): Promise<void> {
  const _ = db.command;
  const mark = takeMark(order.orderId);
  const done: Hold[] = [];
  for (const hold of holdsOf(order, limits)) {
    let guard: Record<string, unknown>;
    if (hold.kind === 'stock') guard = { stock: _.gte(-hold.delta) };
    else {
      await ensureCounter(db, hold.id);
      guard = hold.limit === undefined ? {} : { qty: _.lte(hold.limit - hold.delta) };
    }
    if (!(await moveMarked(db, { ...asMove(hold, mark), guard }, now))) {
      for (const taken of done.reverse()) await undoMarked(db, asMove(taken, mark));
      if (hold.kind === 'stock') throw new DomainError('OUT_OF_STOCK', '库存不足，请减少数量或换个门店', { skuId: hold.skuId });
      throw new DomainError('CONFLICT', '限量优惠价刚刚被抢完，请返回刷新价格后再下单', { skuId: hold.skuId, priceListId: hold.priceListId });
    }
    done.push(hold);
  }
}

/** Gives back whatever of the order's takes happened (an order that died while reserving): exact, repeatable. */
export async function undoTakes(db: Database, order: HoldingOrder): Promise<void> {
  const mark = takeMark(order.orderId);
  for (const hold of holdsOf(order)) await undoMarked(db, asMove(hold, mark));
}

/** The order has recorded that it holds its takes: their marks are no longer needed. */
export async function clearTakeMarks(db: Database, order: HoldingOrder): Promise<void> {
  const mark = takeMark(order.orderId);
  for (const hold of holdsOf(order)) await clearMark(db, hold.collection, hold.id, mark);
}

/**
 * Puts an order's stock and limited units back, each once: the release mark makes a repeat after a
 * crash a no-op, and `released.stock` (written before the marks are cleared) stops any later run.
 */
export async function releaseHolds(db: Database, order: HoldingOrder & Pick<OrderRecord, 'released'>, now: Date): Promise<void> {
  if (order.released?.stock) return;
  const mark = releaseMark(order.orderId);
  const holds = holdsOf(order);
  for (const hold of holds) await moveMarked(db, asMove(hold, mark, -hold.delta), now);
  await db.collection(COLLECTIONS.orders).doc(order.orderId).update({ data: { released: { stock: true } } });
  for (const hold of holds) await clearMark(db, hold.collection, hold.id, mark);
}

export const refundReleaseMark = (orderId: string, n: number) => `release:${orderId}#${n}`;

/** The holds a refund's units stand for: their stock and the limited-price units they were bought at. */
export function refundHolds(order: HoldingOrder, entry: Pick<RefundEntry, 'lines'>): Hold[] {
  const all = holdsOf(order);
  const holds: Hold[] = [];
  for (const line of entry.lines) {
    const stock = all.find((h) => h.kind === 'stock' && h.skuId === line.skuId);
    if (stock) holds.push({ ...stock, delta: -line.qty });
    const takes = order.priceListTakes.filter((t) => t.skuId === line.skuId);
    limitedBack(takes.map((t) => t.qty), line.before, line.before + line.qty).forEach((back, i) => {
      if (back <= 0) return;
      for (const h of all) if (h.kind === 'limited' && h.skuId === line.skuId && h.priceListId === takes[i].priceListId) holds.push({ ...h, delta: back });
    });
  }
  return holds;
}

/**
 * Puts a refund's units back on the shelf once: each move carries the refund's own release mark (a
 * repeat after a crash moves nothing), the refund records `released` before the marks are cleared.
 */
export async function releaseRefunded(db: Database, order: HoldingOrder & Pick<OrderRecord, '_id'>, entry: RefundEntry, index: number, now: Date): Promise<void> {
  const mark = refundReleaseMark(order.orderId, entry.n);
  const holds = refundHolds(order, entry);
  for (const hold of holds) await moveMarked(db, asMove(hold, mark, -hold.delta), now);
  await db.collection(COLLECTIONS.orders).doc(order._id).update({ data: { [`refunds.${index}.released`]: true } });
  for (const hold of holds) await clearMark(db, hold.collection, hold.id, mark);
}
