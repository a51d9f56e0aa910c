import { randomUUID } from 'node:crypto';
import { adminContract, entitySchemas, type EntityName } from '@contract/admin';
import { grantDays } from '@core/membership';
import { validationMessage } from '@contract/messages';
import { stockId } from '@lib/data/catalogData';
import { COLLECTIONS, docOf, isDuplicateKey, rowsOf, updatedOf } from '@lib/platform/collections';
import { issueCoupon, type CouponTemplateRecord } from '@lib/workflows/couponIssue';
import { DomainError } from '@lib/platform/errors';
import { defineFunction } from '@lib/platform/handler';
import { addLedgerEntry, existsInTx, memberInTx } from '@lib/data/ledger';
import { loadOrCreateMember } from '@lib/data/members';
import { requireAdmin } from '@lib/data/roles';
import { withTransaction, type Transaction } from '@lib/platform/transaction';
import type { CallContext } from '@lib/platform/handler';
import { SETTINGS } from '@lib/data/settings';
import { runSegmentation } from '@lib/workflows/segmentation';
import { dashboard } from './dashboard';
import { campaignStatus, pauseCampaign, runCampaign, upsertCampaign } from './campaigns';
import type { Campaign } from '@core/campaign';

/** Instants arrive as ISO strings and are stored as dates, so queries compare them as time. */
function withInstants(doc: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return { ...doc, ...Object.fromEntries(fields.map((f) => [f, new Date(String(doc[f]))])) };
}

/**
 * A template's issued count belongs to the issuance path, not to the operator: an edit keeps it (and
 * the marks of issues in flight), so changing a template can never hand out its stock again.
 */
async function upsertTemplate(ctx: CallContext, id: string, doc: Record<string, unknown>): Promise<{ id: string }> {
  const data = { ...doc, updatedAt: ctx.now, updatedBy: ctx.openid };
  // In a transaction, so an issue in flight (a guarded update on this document) waits for the edit.
  await withTransaction(ctx.db, async (tx: Transaction) => {
    let kept: { issued: number; marks: unknown[] } = { issued: 0, marks: [] };
    try {
      const stored = docOf<{ issued?: number; marks?: unknown[] }>(await tx.collection(COLLECTIONS.couponTemplates).doc(id).get());
      kept = { issued: stored.issued ?? 0, marks: stored.marks ?? [] };
    } catch {
      // A new template.
    }
    await tx.collection(COLLECTIONS.couponTemplates).doc(id).set({ data: { ...data, ...kept } });
  });
  return { id };
}

/**
 * Sets what is on the shelf. Only the shelf count moves (units held by orders stay theirs, and the
 * marks of orders in flight stay), by a compare-and-set on the count read, and `supplied` — all ever
 * put on the shelf — moves by the same difference, which is what the invariant checker balances
 * stock, held and sold against.
 */
async function setShelfStock(ctx: CallContext, storeId: string, skuId: string, stock: number): Promise<void> {
  const { db } = ctx;
  const _ = db.command;
  const id = stockId(storeId, skuId);
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const [row] = rowsOf<{ stock: number }>(await db.collection(COLLECTIONS.stock).where({ _id: id }).limit(1).get());
    if (!row) {
      try {
        await db.collection(COLLECTIONS.stock).add({ data: { _id: id, storeId, skuId, stock, supplied: stock, marks: [], updatedAt: ctx.now } });
        return;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        continue;
      }
    }
    const res = await db.collection(COLLECTIONS.stock).where({ _id: id, stock: row.stock }).update({ data: { stock, supplied: _.inc(stock - row.stock), updatedAt: ctx.now } });
    if (updatedOf(res) === 1) return;
  }
  throw new DomainError('CONFLICT', '库存正在变动，请稍后再试');
}

/** Where each entity lives and which field is its id (or, for a rule set, its one fixed id). */
const ENTITIES: Record<EntityName, { collection: string; key: string } | { collection: string; fixedId: string }> = {
  store: { collection: COLLECTIONS.stores, key: 'storeId' },
  staff: { collection: COLLECTIONS.staff, key: 'openid' },
  product: { collection: COLLECTIONS.products, key: 'skuId' },
  priceList: { collection: COLLECTIONS.priceLists, key: 'priceListId' },
  couponTemplate: { collection: COLLECTIONS.couponTemplates, key: 'templateId' },
  liveSession: { collection: COLLECTIONS.liveSessions, key: 'sessionId' },
  plan: { collection: COLLECTIONS.plans, key: 'plan' },
  tierBenefit: { collection: COLLECTIONS.tierBenefits, key: 'tier' },
  segmentRules: { collection: COLLECTIONS.settings, fixedId: SETTINGS.segmentRules },
  referralRule: { collection: COLLECTIONS.settings, fixedId: SETTINGS.referralRule },
  campaign: { collection: COLLECTIONS.campaigns, key: 'campaignId' },
};

/** An operator's segmentation may take a few calls: each stops in time to answer within the function's 20 s. */
const SEGMENTATION_BUDGET_MS = 12_000;

export const main = defineFunction(adminContract, {
  async upsert({ entity, doc }, ctx) {
    await requireAdmin(ctx);
    const parsed = entitySchemas[entity].safeParse(doc, { reportInput: true });
    if (!parsed.success) throw new DomainError('INVALID_ARGUMENT', validationMessage(parsed.error.issues), { field: parsed.error.issues[0]?.path.join('.') });
    const where = ENTITIES[entity];
    const { collection } = where;
    const id = 'fixedId' in where ? where.fixedId : String((parsed.data as Record<string, unknown>)[where.key]);
    if (entity === 'couponTemplate') return upsertTemplate(ctx, id, parsed.data as Record<string, unknown>);
    if (entity === 'campaign') return upsertCampaign(ctx, parsed.data as unknown as Campaign);
    const stored = entity === 'liveSession' ? withInstants(parsed.data as Record<string, unknown>, ['startAt', 'endAt']) : parsed.data;
    await ctx.db.collection(collection).doc(id).set({ data: { ...stored, updatedAt: ctx.now, updatedBy: ctx.openid } });
    return { id };
  },

  async runSegmentation(_request, ctx) {
    await requireAdmin(ctx);
    return runSegmentation(ctx.db, ctx.now, SEGMENTATION_BUDGET_MS);
  },

  async runCampaign({ campaignId }, ctx) {
    await requireAdmin(ctx);
    return runCampaign(ctx, campaignId);
  },

  async pauseCampaign({ campaignId }, ctx) {
    await requireAdmin(ctx);
    return pauseCampaign(ctx, campaignId);
  },

  async campaignStatus({ campaignId }, ctx) {
    await requireAdmin(ctx);
    return campaignStatus(ctx, campaignId);
  },

  async dashboard({ weeks = 8 }, ctx) {
    await requireAdmin(ctx);
    return dashboard(ctx, weeks);
  },

  async setStock({ storeId, skuId, stock }, ctx) {
    await requireAdmin(ctx);
    const { db } = ctx;
    const [store, product] = await Promise.all([
      db.collection(COLLECTIONS.stores).where({ _id: storeId }).count(),
      db.collection(COLLECTIONS.products).where({ _id: skuId }).count(),
    ]);
    if (!(store as { total: number }).total || !(product as { total: number }).total) throw new DomainError('NOT_FOUND', '门店或商品不存在');
    await setShelfStock(ctx, storeId, skuId, stock);
    return { storeId, skuId, stock };
  },

  async grant({ openid, kind, points = 0, reason = '', templateId, grantId, plan, days }, ctx) {
    await requireAdmin(ctx);
    await loadOrCreateMember({ db: ctx.db, openid, now: ctx.now });
    if (kind === 'paid' || kind === 'trial') {
      // A trial or operator-granted card: from now, or from the current end; no fee, so no guarantee.
      const termId = `grant-${grantId ?? randomUUID()}`;
      const card = await withTransaction(ctx.db, async (tx: Transaction) => {
        const member = await memberInTx(tx, openid);
        if (member.paid?.terms?.some((t) => t.termId === termId)) return member.paid;
        const next = grantDays(member.paid, plan!, days!, termId, ctx.now, kind === 'trial');
        await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { paid: next } });
        return next;
      });
      return { openid, paidExpiresAt: card.expiresAt.toISOString() };
    }
    if (kind === 'coupon') {
      const [template] = rowsOf<CouponTemplateRecord>(await ctx.db.collection(COLLECTIONS.couponTemplates).where({ _id: templateId }).limit(1).get());
      if (!template) throw new DomainError('NOT_FOUND', '券模板不存在');
      const { coupon } = await issueCoupon(ctx.db, { template, openid, source: 'grant', sourceKey: grantId ? `grant:${grantId}` : null, now: ctx.now });
      return { openid, couponId: coupon.couponId };
    }
    const key = `points:grant:${grantId ?? randomUUID()}`;
    const balance = await withTransaction(ctx.db, async (tx: Transaction) => {
      const member = await memberInTx(tx, openid);
      // A repeated grant (same grantId) finds its ledger entry and changes nothing.
      if (await existsInTx(tx, COLLECTIONS.ledger, key)) return member.points;
      const next = Math.max(0, member.points + points);
      await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { points: next } });
      await addLedgerEntry(tx, { key, openid, kind: 'points', delta: next - member.points, balance: next, reason: `运营发放：${reason}`, ref: ctx.openid, at: ctx.now });
      return next;
    });
    return { openid, points: balance };
  },
});
