import { randomUUID } from 'node:crypto';
import { adminContract, entitySchemas, type EntityName } from '../../contract/admin';
import { ERROR_MESSAGES } from '../../contract/errors';
import { stockId } from '../_lib/catalogData';
import { COLLECTIONS } from '../_lib/collections';
import { DomainError } from '../_lib/errors';
import { defineFunction } from '../_lib/handler';
import { addLedgerEntry, memberInTx } from '../_lib/ledger';
import { loadOrCreateMember } from '../_lib/members';
import { requireAdmin } from '../_lib/roles';
import { withTransaction, type Transaction } from '../_lib/transaction';

/** Where each entity lives and which field is its id. */
const ENTITIES: Record<EntityName, { collection: string; key: string }> = {
  store: { collection: COLLECTIONS.stores, key: 'storeId' },
  staff: { collection: COLLECTIONS.staff, key: 'openid' },
  product: { collection: COLLECTIONS.products, key: 'skuId' },
  priceList: { collection: COLLECTIONS.priceLists, key: 'priceListId' },
};

export const main = defineFunction(adminContract, {
  async upsert({ entity, doc }, ctx) {
    await requireAdmin(ctx);
    const parsed = entitySchemas[entity].safeParse(doc);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DomainError('INVALID_ARGUMENT', `${ERROR_MESSAGES.INVALID_ARGUMENT}（${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}）`);
    }
    const { collection, key } = ENTITIES[entity];
    const id = (parsed.data as Record<string, string>)[key];
    await ctx.db.collection(collection).doc(id).set({ data: { ...parsed.data, updatedAt: ctx.now, updatedBy: ctx.openid } });
    return { id };
  },

  async setStock({ storeId, skuId, stock }, ctx) {
    await requireAdmin(ctx);
    const { db } = ctx;
    const [store, product] = await Promise.all([
      db.collection(COLLECTIONS.stores).where({ _id: storeId }).count(),
      db.collection(COLLECTIONS.products).where({ _id: skuId }).count(),
    ]);
    if (!(store as { total: number }).total || !(product as { total: number }).total) throw new DomainError('NOT_FOUND', '门店或商品不存在');
    await db.collection(COLLECTIONS.stock).doc(stockId(storeId, skuId)).set({ data: { storeId, skuId, stock, updatedAt: ctx.now } });
    return { storeId, skuId, stock };
  },

  async grant({ openid, points, reason }, ctx) {
    await requireAdmin(ctx);
    await loadOrCreateMember({ db: ctx.db, openid, now: ctx.now });
    const balance = await withTransaction(ctx.db, async (tx: Transaction) => {
      const member = await memberInTx(tx, openid);
      const next = Math.max(0, member.points + points);
      await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { points: next } });
      await addLedgerEntry(tx, { key: `points:grant:${randomUUID()}`, openid, kind: 'points', delta: next - member.points, balance: next, reason: `运营发放：${reason}`, ref: ctx.openid, at: ctx.now });
      return next;
    });
    return { openid, points: balance };
  },
});
