import { benefitsText, campaignRunId, inAudience, type AudienceMember, type Campaign, type CampaignBenefit } from '@core/campaign';
import { couponSummary } from '@core/coupon';
import { issuableAt } from '@core/couponTemplate';
import { campaignGiftNotice } from '@core/notice';
import { COLLECTIONS, docOf, isDuplicateKey, rowsOf } from '../platform/collections';
import type { Database } from '../platform/handler';
import { forEachLimited } from '../platform/pool';
import { withTransaction, type Transaction } from '../platform/transaction';
import { grantCampaignCoupons } from './campaignCoupons';
import { grantCampaignPoints } from './campaignPoints';
import { noticeId, notifyQuietly } from './notices';
import type { CouponTemplateRecord } from './couponIssue';

/** Members read per page: one read, one page record, a few bulk writes per benefit. */
export const CAMPAIGN_PAGE = 500;

export function campaignPageSize(): number {
  const configured = Number(process.env.CAMPAIGN_PAGE_SIZE);
  return Number.isInteger(configured) && configured >= 1 && configured <= 1000 ? configured : CAMPAIGN_PAGE;
}

export type CampaignRecord = Campaign & { _id: string };

export interface CampaignRunRecord {
  _id: string;
  campaignId: string;
  runKey: string;
  state: 'running' | 'done';
  /** The last member (by _id) whose page is finished. */
  after: string;
  pages: number;
  matched: number;
  issued: number;
  skipped: number;
  notified: number;
  /** Set by pauseCampaign: runners stop at the next page. */
  paused: boolean;
  startedAt: Date;
  finishedAt?: Date;
}

interface CampaignPageRecord {
  _id: string;
  runId: string;
  /** The last member read (matched or not): where the next page starts. */
  last: string;
  /** Members of the page in the audience, by _id. */
  openids: string[];
  /** Of those, the ones with a campaignGift accept left when the page was read. */
  subscribed: string[];
}

export interface RunSlice {
  run: CampaignRunRecord;
  /** The slice stopped at its time budget or a pause; another call resumes. */
  done: boolean;
}

/** The run's record, made by the first caller (the timer or an operator: both get the same one); `created` for that first caller. */
export async function startOrResumeRun(db: Database, campaignId: string, runKey: string, now: Date): Promise<CampaignRunRecord & { created?: boolean }> {
  const runs = db.collection(COLLECTIONS.campaignRuns);
  const id = campaignRunId(campaignId, runKey);
  const [found] = rowsOf<CampaignRunRecord>(await runs.where({ _id: id }).limit(1).get());
  if (found) return found;
  const fresh: CampaignRunRecord = { _id: id, campaignId, runKey, state: 'running', after: '', pages: 0, matched: 0, issued: 0, skipped: 0, notified: 0, paused: false, startedAt: now };
  try {
    await runs.add({ data: fresh });
    return { ...fresh, created: true };
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return docOf<CampaignRunRecord>(await runs.doc(id).get());
  }
}

/**
 * Works through the run's audience a page at a time until done, paused, or out of budget. A page is
 * recorded before any benefit is given, so a resumed or concurrent runner starting from the same
 * cursor gives to the same members; every benefit is keyed by (run, member), so giving it again gives
 * nothing; and the cursor moves, with the page's figures, in one transaction guarded on the cursor
 * still being where the page started, so a page is counted once however many runners finished it.
 */
export async function runCampaignSlice(db: Database, campaign: CampaignRecord, run: CampaignRunRecord, now: Date, budgetMs: number, clockMs: () => number = Date.now): Promise<RunSlice> {
  const started = clockMs();
  let current = run;
  if (current.state === 'done' || current.paused) return { run: current, done: current.state === 'done' };
  const templates = await loadTemplates(db, campaign.benefits);
  for (;;) {
    const page = await readPage(db, campaign, current, now);
    if (!page) return { run: await finish(db, current, now), done: true };
    const figures = await givePage(db, campaign, current, page, templates, now);
    current = await advance(db, current, page, figures);
    if (current.state === 'done') return { run: current, done: true };
    if (current.paused) return { run: current, done: false };
    if (clockMs() - started > budgetMs) return { run: current, done: false };
  }
}

type Templates = Map<string, CouponTemplateRecord | null>;

async function loadTemplates(db: Database, benefits: readonly CampaignBenefit[]): Promise<Templates> {
  const ids = benefits.flatMap((b) => (b.kind === 'coupon' ? [b.templateId] : []));
  if (!ids.length) return new Map();
  const found = rowsOf<CouponTemplateRecord>(await db.collection(COLLECTIONS.couponTemplates).where({ _id: db.command.in(ids) }).field({ marks: false }).limit(ids.length).get());
  return new Map(ids.map((id) => [id, found.find((t) => t._id === id) ?? null]));
}

/** The members the audience's own index can narrow to: a segment list is the usual, and the most selective. */
function audienceQuery(db: Database, campaign: CampaignRecord, after: string): Record<string, unknown> {
  const _ = db.command;
  const where: Record<string, unknown> = after ? { _id: _.gt(after) } : {};
  if (campaign.audience.segments) where.segment = _.in(campaign.audience.segments);
  return where;
}

/** The page starting at the run's cursor: recorded on first read, read back by anyone after. */
async function readPage(db: Database, campaign: CampaignRecord, run: CampaignRunRecord, now: Date): Promise<CampaignPageRecord | null> {
  const id = `${run._id}|${run.after}`;
  const [recorded] = rowsOf<CampaignPageRecord>(await db.collection(COLLECTIONS.campaignPages).where({ _id: id }).limit(1).get());
  if (recorded) return recorded;
  const members = rowsOf<AudienceMember & { _id: string; subscriptions?: { campaignGift?: number } }>(
    await db
      .collection(COLLECTIONS.members)
      .where(audienceQuery(db, campaign, run.after))
      .orderBy('_id', 'asc')
      .limit(campaignPageSize())
      .field({ _id: true, tier: true, segment: true, groups: true, paidOrderCount: true, 'paid.expiresAt': true, 'subscriptions.campaignGift': true })
      .get(),
  );
  if (members.length === 0) return null;
  const matched = members.filter((m) => inAudience(campaign.audience, { ...m, paid: m.paid ?? null, groups: m.groups ?? [] }, now));
  const page: CampaignPageRecord = {
    _id: id,
    runId: run._id,
    last: members[members.length - 1]._id,
    openids: matched.map((m) => m._id),
    subscribed: campaign.notify ? matched.filter((m) => (m.subscriptions?.campaignGift ?? 0) > 0).map((m) => m._id) : [],
  };
  try {
    await db.collection(COLLECTIONS.campaignPages).add({ data: page });
    return page;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return docOf<CampaignPageRecord>(await db.collection(COLLECTIONS.campaignPages).doc(id).get());
  }
}

interface PageFigures {
  matched: number;
  issued: number;
  skipped: number;
  notified: number;
}

const NOTIFY_CONCURRENCY = 16;

async function givePage(db: Database, campaign: CampaignRecord, run: CampaignRunRecord, page: CampaignPageRecord, templates: Templates, now: Date): Promise<PageFigures> {
  const figures: PageFigures = { matched: page.openids.length, issued: 0, skipped: 0, notified: 0 };
  if (page.openids.length === 0) return figures;
  const received = new Set<string>();
  for (const benefit of campaign.benefits) {
    let given: readonly string[];
    if (benefit.kind === 'points') {
      given = await grantCampaignPoints(db, { runId: run._id, name: campaign.name, points: benefit.points, openids: page.openids, now });
    } else {
      const template = templates.get(benefit.templateId) ?? null;
      const usable = template && template.active !== false && issuableAt(template, now) ? template : null;
      given = usable ? await grantCampaignCoupons(db, { runId: run._id, campaignId: campaign.campaignId, pageId: page._id, template: usable, openids: page.openids, now }) : [];
    }
    figures.issued += given.length;
    figures.skipped += page.openids.length - given.length;
    for (const openid of given) received.add(openid);
  }
  if (campaign.notify && page.subscribed.length) {
    const text = benefitsText(campaign.benefits, (id) => {
      const t = templates.get(id);
      return t ? couponSummary(t) : undefined;
    });
    const notice = campaignGiftNotice({ runId: run._id, name: campaign.name, benefits: text, at: now });
    const targets = page.subscribed.filter((openid) => received.has(openid));
    await forEachLimited(targets, NOTIFY_CONCURRENCY, async (openid) => {
      await notifyQuietly(db, openid, notice, now);
    });
    // Counted from the records, not from this runner's answers: a concurrent runner may have sent some.
    if (targets.length) {
      const ids = targets.map((openid) => noticeId(openid, notice));
      const sent = await db.collection(COLLECTIONS.notices).where({ _id: db.command.in(ids), state: 'sent' }).count();
      figures.notified = (sent as { total: number }).total;
    }
  }
  return figures;
}

/** Moves the cursor past the page and adds its figures, once: only the runner that finds the cursor still at the page's start does. */
async function advance(db: Database, run: CampaignRunRecord, page: CampaignPageRecord, figures: PageFigures): Promise<CampaignRunRecord> {
  return withTransaction(db, async (tx: Transaction) => {
    const stored = docOf<CampaignRunRecord>(await tx.collection(COLLECTIONS.campaignRuns).doc(run._id).get());
    if (stored.after !== run.after || stored.state === 'done') return stored;
    const next = {
      after: page.last,
      pages: stored.pages + 1,
      matched: stored.matched + figures.matched,
      issued: stored.issued + figures.issued,
      skipped: stored.skipped + figures.skipped,
      notified: stored.notified + figures.notified,
    };
    await tx.collection(COLLECTIONS.campaignRuns).doc(run._id).update({ data: next });
    return { ...stored, ...next };
  });
}

async function finish(db: Database, run: CampaignRunRecord, now: Date): Promise<CampaignRunRecord> {
  await db
    .collection(COLLECTIONS.campaignRuns)
    .where({ _id: run._id, after: run.after, state: 'running' })
    .update({ data: { state: 'done', finishedAt: now } });
  return docOf<CampaignRunRecord>(await db.collection(COLLECTIONS.campaignRuns).doc(run._id).get());
}
