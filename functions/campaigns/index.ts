import cloud from 'wx-server-sdk';
import { businessIsoWeek } from '@core/businessTime';
import { dueRunKey } from '@core/campaign';
import { now } from '@lib/platform/clock';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { runCampaignSlice, startOrResumeRun, type CampaignRecord } from '@lib/workflows/campaign';

/** Stop starting new pages after this long; the next firing resumes (the function may run 60 s). */
const TIME_BUDGET_MS = 45_000;
/** Campaigns looked at per firing, oldest start first. */
const MAX_CAMPAIGNS = 100;

interface CampaignsOutcome {
  runs: Array<{ campaignId: string; runKey: string; matched: number; issued: number; done: boolean }>;
  done: boolean;
}

/**
 * Timer (every 10 minutes): starts campaigns whose start has come, resumes runs a timeout, a crash or
 * an operator's pause left unfinished, and starts each weekly campaign's run for the week once the
 * Monday segmentation is done. A finished run answers at the cost of one read; the same run is never
 * given twice (see workflows/campaign.ts), also when an operator starts it at the same moment.
 */
export async function main(): Promise<CampaignsOutcome | Refused> {
  if (!calledByTimer()) return REFUSED;
  const started = Date.now();
  const db = cloud.database();
  const at = now();
  const [campaigns, segmented] = await Promise.all([
    db.collection(COLLECTIONS.campaigns).where({ paused: db.command.neq(true), startAt: db.command.lte(at) }).orderBy('startAt', 'asc').limit(MAX_CAMPAIGNS).get(),
    db.collection(COLLECTIONS.segmentRuns).where({ _id: businessIsoWeek(at), state: 'done' }).field({ _id: true }).limit(1).get(),
  ]);
  const segmentedWeek = rowsOf<{ _id: string }>(segmented)[0]?._id ?? null;
  const outcome: CampaignsOutcome = { runs: [], done: true };
  for (const campaign of rowsOf<CampaignRecord>(campaigns)) {
    const runKey = dueRunKey(campaign, at, segmentedWeek);
    if (!runKey) continue;
    const run = await startOrResumeRun(db, campaign.campaignId, runKey, at);
    if (run.state === 'done' || run.paused) continue;
    const left = TIME_BUDGET_MS - (Date.now() - started);
    if (left <= 0) {
      outcome.done = false;
      break;
    }
    const slice = await runCampaignSlice(db, campaign, run, at, left);
    outcome.runs.push({ campaignId: campaign.campaignId, runKey, matched: slice.run.matched, issued: slice.run.issued, done: slice.done });
    if (!slice.done) outcome.done = false;
  }
  return outcome;
}
