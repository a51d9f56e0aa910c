import type { Product } from '@core/catalog';
import type { PriceList } from '@core/priceList';
import type { PriceListUsage, UsageLookup } from '@core/pricing';
import { COLLECTIONS, rowsOf } from '../platform/collections';
import { DomainError } from '../platform/errors';
import type { Database } from '../platform/handler';
import { fetchAll } from '../platform/paging';

export interface StoreRecord {
  _id: string;
  storeId: string;
  name: string;
  address: string;
  hours?: string;
  phone?: string;
  /** Where it is (GCJ-02), as the operator entered it; `geo` holds the same point for the 2dsphere index. */
  location?: { lat: number; lng: number };
  /** The operators' order (the flagship first). */
  sort?: number;
}

export interface StockRecord {
  _id: string;
  storeId: string;
  skuId: string;
  stock: number;
}

export type ProductRecord = Product & { _id: string };
export type PriceListRecord = PriceList & { _id: string };

export const stockId = (storeId: string, skuId: string) => `${storeId}:${skuId}`;
export const usageTotalId = (priceListId: string, skuId: string) => `${priceListId}:${skuId}`;
export const usageMemberId = (priceListId: string, skuId: string, openid: string) => `${priceListId}:${skuId}:${openid}`;

export async function loadStore(db: Database, storeId: string): Promise<StoreRecord> {
  const [store] = rowsOf<StoreRecord>(await db.collection(COLLECTIONS.stores).where({ _id: storeId }).limit(1).get());
  if (!store) throw new DomainError('NOT_FOUND', '门店不存在');
  return store;
}

export async function loadProducts(db: Database, skuIds?: readonly string[]): Promise<Map<string, ProductRecord>> {
  const _ = db.command;
  const rows = skuIds
    ? rowsOf<ProductRecord>(await db.collection(COLLECTIONS.products).where({ _id: _.in([...skuIds]) }).limit(1000).get())
    : await fetchAll<ProductRecord>(db, COLLECTIONS.products);
  return new Map(rows.filter((p) => p.onSale !== false).map((p) => [p.skuId, p]));
}

export async function loadStock(db: Database, storeId: string, skuIds?: readonly string[]): Promise<Map<string, number>> {
  const _ = db.command;
  const where = skuIds ? { storeId, skuId: _.in([...skuIds]) } : { storeId };
  const rows = skuIds ? rowsOf<StockRecord>(await db.collection(COLLECTIONS.stock).where(where).limit(1000).get()) : await fetchAll<StockRecord>(db, COLLECTIONS.stock, where);
  return new Map(rows.map((s) => [s.skuId, s.stock]));
}

/** Price lists switched on; whether each is in its window and audience is the core's decision. */
export async function loadPriceLists(db: Database): Promise<PriceListRecord[]> {
  const _ = db.command;
  return fetchAll<PriceListRecord>(db, COLLECTIONS.priceLists, { active: _.neq(false) });
}

interface UsageRecord {
  _id: string;
  qty: number;
}

/** How much of each limited price-list item is used, overall and by this member. */
export async function loadUsage(db: Database, lists: readonly PriceList[], openid: string): Promise<UsageLookup> {
  const _ = db.command;
  const ids = lists.flatMap((list) =>
    list.items.filter((i) => i.totalQty !== undefined || i.perMemberQty !== undefined).flatMap((i) => [usageTotalId(list.priceListId, i.skuId), usageMemberId(list.priceListId, i.skuId, openid)]),
  );
  const used = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = rowsOf<UsageRecord>(await db.collection(COLLECTIONS.priceListUsage).where({ _id: _.in(ids.slice(i, i + 500)) }).field({ qty: true }).limit(1000).get());
    for (const row of rows) used.set(row._id, row.qty);
  }
  return (priceListId, skuId): PriceListUsage => ({
    soldQty: used.get(usageTotalId(priceListId, skuId)) ?? 0,
    memberQty: used.get(usageMemberId(priceListId, skuId, openid)) ?? 0,
  });
}
