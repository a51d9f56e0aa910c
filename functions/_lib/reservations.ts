import { stockId, usageMemberId, usageTotalId } from './catalogData';
import { COLLECTIONS, isDuplicateKey, updatedOf } from './collections';
import { DomainError } from './errors';
import type { Database } from './handler';
import type { PriceListTake } from './orders';

export interface StockTake {
  skuId: string;
  qty: number;
}

/**
 * Reserves stock line by line with the documented guard (`stock >= qty` in the same update that
 * decrements it), so concurrent orders can never oversell. If a line cannot be reserved, the lines
 * already taken are given back before OUT_OF_STOCK is answered.
 */
export async function reserveStock(db: Database, storeId: string, takes: readonly StockTake[]): Promise<void> {
  const _ = db.command;
  const done: StockTake[] = [];
  for (const take of takes) {
    const res = await db
      .collection(COLLECTIONS.stock)
      .where({ _id: stockId(storeId, take.skuId), stock: _.gte(take.qty) })
      .update({ data: { stock: _.inc(-take.qty) } });
    if (updatedOf(res) !== 1) {
      await releaseStock(db, storeId, done);
      throw new DomainError('OUT_OF_STOCK', '库存不足，请减少数量或换个门店', { skuId: take.skuId });
    }
    done.push(take);
  }
}

export async function releaseStock(db: Database, storeId: string, takes: readonly StockTake[]): Promise<void> {
  const _ = db.command;
  for (const take of takes) {
    await db
      .collection(COLLECTIONS.stock)
      .where({ _id: stockId(storeId, take.skuId) })
      .update({ data: { stock: _.inc(take.qty) } });
  }
}

async function ensureCounter(db: Database, id: string): Promise<void> {
  try {
    await db.collection(COLLECTIONS.priceListUsage).add({ data: { _id: id, qty: 0 } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

async function takeFromCounter(db: Database, id: string, qty: number, limit: number): Promise<boolean> {
  const _ = db.command;
  await ensureCounter(db, id);
  const res = await db
    .collection(COLLECTIONS.priceListUsage)
    .where({ _id: id, qty: _.lte(limit - qty) })
    .update({ data: { qty: _.inc(qty) } });
  return updatedOf(res) === 1;
}

async function giveBack(db: Database, id: string, qty: number): Promise<void> {
  const _ = db.command;
  await db.collection(COLLECTIONS.priceListUsage).where({ _id: id }).update({ data: { qty: _.inc(-qty) } });
}

/**
 * Takes limited price-list quantities (overall and per member) with guarded counters. When another
 * buyer took the last units since the quote, nothing is kept and the member is asked to look again.
 */
export async function reservePriceListTakes(db: Database, openid: string, takes: readonly (PriceListTake & { totalQty?: number; perMemberQty?: number })[]): Promise<void> {
  const done: Array<{ id: string; qty: number }> = [];
  for (const take of takes) {
    const steps: Array<{ id: string; limit: number | undefined }> = [
      { id: usageTotalId(take.priceListId, take.skuId), limit: take.totalQty },
      { id: usageMemberId(take.priceListId, take.skuId, openid), limit: take.perMemberQty },
    ];
    for (const step of steps) {
      if (step.limit === undefined) continue;
      if (!(await takeFromCounter(db, step.id, take.qty, step.limit))) {
        for (const d of done) await giveBack(db, d.id, d.qty);
        throw new DomainError('CONFLICT', '限量优惠价刚刚被抢完，请返回刷新价格后再下单', { skuId: take.skuId, priceListId: take.priceListId });
      }
      done.push({ id: step.id, qty: take.qty });
    }
  }
}

export async function releasePriceListTakes(db: Database, openid: string, takes: readonly PriceListTake[]): Promise<void> {
  for (const take of takes) {
    if (take.limitedTotal) await giveBack(db, usageTotalId(take.priceListId, take.skuId), take.qty);
    if (take.limitedMember) await giveBack(db, usageMemberId(take.priceListId, take.skuId, openid), take.qty);
  }
}
