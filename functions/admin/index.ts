import { adminContract } from '@contract/admin';
import { defineFunction } from '@lib/platform/handler';
import { requireAdmin, requireConsole, requireStoreManager } from '@lib/data/roles';
import { runSegmentation } from '@lib/workflows/segmentation';
import { auditPage } from './audit';
import { campaignStatus, pauseCampaign, runCampaign } from './campaigns';
import { dashboard } from './dashboard';
import { listEntity, upsertEntity } from './entities';
import { grant } from './grant';
import { setStock } from './stock';

/** An operator's segmentation may take a few calls: each stops in time to answer within the function's 20 s. */
const SEGMENTATION_BUDGET_MS = 12_000;

/** The operators' API (运营后台): admins only, every write audited. */
export const main = defineFunction(adminContract, {
  async upsert({ entity, doc }, ctx) {
    await requireAdmin(ctx);
    return upsertEntity(ctx, entity, doc);
  },

  async list({ entity, cursor }, ctx) {
    // A store manager's console shows their shelf: the products and stores, read-only.
    if (entity === 'product' || entity === 'store') await requireConsole(ctx);
    else await requireAdmin(ctx);
    return listEntity(ctx, entity, cursor);
  },

  async audit({ cursor }, ctx) {
    await requireAdmin(ctx);
    return auditPage(ctx, cursor);
  },

  async setStock({ storeId, skuId, stock }, ctx) {
    await requireStoreManager(ctx, storeId);
    return setStock(ctx, storeId, skuId, stock);
  },

  async grant(request, ctx) {
    await requireAdmin(ctx);
    const { action: _action, ...rest } = request;
    return grant(ctx, rest);
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
});
