import { stockId } from '@lib/data/catalogData';
import { COLLECTIONS, isDuplicateKey, rowsOf, updatedOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import { audit } from './audit';

/** 设置库存: the store and product must exist; the change is audited with the shelf count before and after. */
export async function setStock(ctx: CallContext, storeId: string, skuId: string, stock: number): Promise<{ storeId: string; skuId: string; stock: number }> {
  const { db } = ctx;
  const [store, product] = await Promise.all([
    db.collection(COLLECTIONS.stores).where({ _id: storeId }).count(),
    db.collection(COLLECTIONS.products).where({ _id: skuId }).count(),
  ]);
  if (!(store as { total: number }).total || !(product as { total: number }).total) throw new DomainError('NOT_FOUND', '门店或商品不存在');
  const before = await setShelfStock(ctx, storeId, skuId, stock);
  await audit(db, ctx, { action: 'setStock', entity: 'stock', id: stockId(storeId, skuId), before: before === null ? null : { stock: before }, after: { stock } });
  return { storeId, skuId, stock };
}

/**
 * Sets what is on the shelf. Only the shelf count moves (units held by orders stay theirs, and the
 * marks of orders in flight stay), by a compare-and-set on the count read, and `supplied` — all ever
 * put on the shelf — moves by the same difference, which is what the invariant checker balances
 * stock, held and sold against. Answers the shelf count it replaced (null for a new shelf).
 */
async function setShelfStock(ctx: CallContext, storeId: string, skuId: string, stock: number): Promise<number | null> {
  const { db } = ctx;
  const _ = db.command;
  const id = stockId(storeId, skuId);
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const [row] = rowsOf<{ stock: number }>(await db.collection(COLLECTIONS.stock).where({ _id: id }).limit(1).get());
    if (!row) {
      try {
        await db.collection(COLLECTIONS.stock).add({ data: { _id: id, storeId, skuId, stock, supplied: stock, marks: [], updatedAt: ctx.now } });
        return null;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        continue;
      }
    }
    const res = await db.collection(COLLECTIONS.stock).where({ _id: id, stock: row.stock }).update({ data: { stock, supplied: _.inc(stock - row.stock), updatedAt: ctx.now } });
    if (updatedOf(res) === 1) return row.stock;
  }
  throw new DomainError('CONFLICT', '库存正在变动，请稍后再试');
}

