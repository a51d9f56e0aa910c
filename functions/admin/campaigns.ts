import type { CampaignStatusView } from '@contract/admin';
import { campaignState, currentRunKey, type Campaign } from '@core/campaign';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext, Database } from '@lib/platform/handler';
import { runCampaignSlice, startOrResumeRun, type CampaignRecord, type CampaignRunRecord } from '@lib/workflows/campaign';
import { audit } from './audit';

/** An operator's call works for this long and answers; the next call resumes (the function may run 20 s). */
const RUN_BUDGET_MS = 12_000;

export async function loadCampaign(db: Database, campaignId: string): Promise<CampaignRecord> {
  const [found] = rowsOf<CampaignRecord>(await db.collection(COLLECTIONS.campaigns).where({ _id: campaignId }).limit(1).get());
  if (!found) throw new DomainError('NOT_FOUND', '活动不存在');
  return found;
}

async function latestRun(db: Database, campaignId: string): Promise<CampaignRunRecord | null> {
  const [run] = rowsOf<CampaignRunRecord>(await db.collection(COLLECTIONS.campaignRuns).where({ campaignId }).orderBy('startedAt', 'desc').limit(1).get());
  return run ?? null;
}

export function statusView(campaign: Campaign, run: CampaignRunRecord | null, now: Date): CampaignStatusView {
  return {
    campaignId: campaign.campaignId,
    state: campaignState(campaign, run, now),
    runKey: run?.runKey ?? null,
    matched: run?.matched ?? 0,
    issued: run?.issued ?? 0,
    skipped: run?.skipped ?? 0,
    notified: run?.notified ?? 0,
    done: run?.state === 'done',
  };
}

/** 立即执行 / 继续: clears a pause and works on the campaign's current run for up to RUN_BUDGET_MS. */
export async function runCampaign(ctx: CallContext, campaignId: string): Promise<CampaignStatusView> {
  const { db, now } = ctx;
  const campaign = await loadCampaign(db, campaignId);
  const run = await startOrResumeRun(db, campaignId, currentRunKey(campaign, now), now);
  if (campaign.paused || run.paused) {
    await Promise.all([
      db.collection(COLLECTIONS.campaigns).doc(campaignId).update({ data: { paused: false } }),
      db.collection(COLLECTIONS.campaignRuns).doc(run._id).update({ data: { paused: false } }),
    ]);
  }
  // 立即执行 and 继续 are recorded; the calls that only carry on a working run are not.
  if (campaign.paused || run.paused || run.created) await audit(db, ctx, { action: 'runCampaign', entity: 'campaign', id: campaignId, before: { paused: !!campaign.paused }, after: { paused: false, runKey: run.runKey } });
  const slice = await runCampaignSlice(db, { ...campaign, paused: false }, { ...run, paused: false }, now, RUN_BUDGET_MS);
  return statusView({ ...campaign, paused: false }, slice.run, now);
}

/** 暂停: runners stop at their next page; the timer leaves the campaign alone until runCampaign. */
export async function pauseCampaign(ctx: CallContext, campaignId: string): Promise<CampaignStatusView> {
  const { db, now } = ctx;
  const campaign = await loadCampaign(db, campaignId);
  await Promise.all([
    db.collection(COLLECTIONS.campaigns).doc(campaignId).update({ data: { paused: true } }),
    db.collection(COLLECTIONS.campaignRuns).where({ campaignId, state: 'running' }).update({ data: { paused: true } }),
  ]);
  await audit(db, ctx, { action: 'pauseCampaign', entity: 'campaign', id: campaignId, before: { paused: !!campaign.paused }, after: { paused: true } });
  return statusView({ ...campaign, paused: true }, await latestRun(db, campaignId), now);
}

export async function campaignStatus(ctx: CallContext, campaignId: string): Promise<CampaignStatusView> {
  const [campaign, run] = await Promise.all([loadCampaign(ctx.db, campaignId), latestRun(ctx.db, campaignId)]);
  return statusView(campaign, run, ctx.now);
}

/** Saving a campaign: every coupon template it gives must exist. */
export async function checkCampaign(ctx: CallContext, doc: Campaign): Promise<void> {
  const { db } = ctx;
  const templateIds = doc.benefits.flatMap((b) => (b.kind === 'coupon' ? [b.templateId] : []));
  if (!templateIds.length) return;
  const found = new Set(rowsOf<{ _id: string }>(await db.collection(COLLECTIONS.couponTemplates).where({ _id: db.command.in(templateIds) }).field({ _id: true }).limit(templateIds.length).get()).map((t) => t._id));
  const missing = templateIds.find((id) => !found.has(id));
  if (missing) throw new DomainError('NOT_FOUND', `券模板 ${missing} 不存在`, { field: 'benefits' });
}
