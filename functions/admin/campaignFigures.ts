import type { DashboardView } from '@contract/admin';
import { aggregateList, COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { Database } from '@lib/platform/handler';
import type { CampaignRunRecord } from '@lib/workflows/campaign';

const MAX_RUNS = 1000;
type Row = { _id: unknown; [field: string]: unknown };
const num = (value: unknown) => Number(value ?? 0);

/**
 * Each campaign's latest run started in the window (or still running), and what its coupons brought:
 * paid orders that used one (net of refunds). Two requests, however many campaigns.
 */
export async function campaignFigures(db: Database, since: Date, bought: Record<string, unknown>): Promise<DashboardView['campaigns']> {
  const _ = db.command;
  const $ = _.aggregate;
  const [runs, orders] = await Promise.all([
    db
      .collection(COLLECTIONS.campaignRuns)
      .where(_.or([{ startedAt: _.gte(since) }, { state: 'running' }]))
      .orderBy('startedAt', 'desc')
      .limit(MAX_RUNS)
      .get(),
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.orders)
        .aggregate()
        .match({ ...bought, couponCampaignId: _.gt('') })
        .group({ _id: '$couponCampaignId', used: $.sum(1), paidFen: $.sum('$payableFen'), refundedFen: $.sum('$refundedFen') })
        .limit(MAX_RUNS),
    ),
  ]);
  const latest = new Map<string, CampaignRunRecord>();
  for (const run of rowsOf<CampaignRunRecord>(runs)) if (!latest.has(run.campaignId)) latest.set(run.campaignId, run);
  const brought = new Map(orders.map((r) => [String(r._id), r]));
  return [...latest.values()]
    .map((run) => {
      const o = brought.get(run.campaignId);
      return { campaignId: run.campaignId, matched: run.matched, issued: run.issued, skipped: run.skipped, used: num(o?.used), gmvFen: num(o?.paidFen) - num(o?.refundedFen) };
    })
    .sort((a, b) => a.campaignId.localeCompare(b.campaignId));
}
