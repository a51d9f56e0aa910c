import { businessIsoWeek } from './businessTime';
import type { Member } from './memberRecord';
import type { Tier } from './tier';

/**
 * Campaigns (千人千券): an audience, benefits, a start time and an optional weekly repeat. Each run
 * gives every member in the audience at that moment each benefit once; a weekly campaign runs again
 * every week once that week's segmentation is done, so it reaches the segment as it is now.
 */
export interface CampaignAudience {
  segments?: string[];
  tiers?: Tier[];
  /** true: members whose paid card is running; false: those without one. */
  paid?: boolean;
  /** openGIds: members who opened the shop from any of these WeChat groups. */
  groups?: string[];
  /** true: members who never paid (no segment); false: those who did. */
  new?: boolean;
  /** Everyone (the other conditions, if any, still apply). */
  all?: boolean;
}

export type CampaignBenefit = { kind: 'coupon'; templateId: string } | { kind: 'points'; points: number };

export interface Campaign {
  campaignId: string;
  name: string;
  audience: CampaignAudience;
  benefits: CampaignBenefit[];
  startAt: Date;
  repeat?: 'weekly';
  /** Tell members by subscribe message (those with an accept left for it). */
  notify?: boolean;
  /** Set by pauseCampaign, cleared by runCampaign: the timer leaves a paused campaign alone. */
  paused?: boolean;
}

export type CampaignState = 'scheduled' | 'running' | 'paused' | 'done';

export type AudienceMember = Pick<Member, 'tier' | 'segment' | 'groups' | 'paidOrderCount'> & { paid: { expiresAt: Date } | null };

/** Several conditions must all hold; an audience with none names nobody unless it says `all`. */
export function inAudience(audience: CampaignAudience, member: AudienceMember, now: Date): boolean {
  const checks: boolean[] = [];
  if (audience.segments) checks.push(member.segment !== null && audience.segments.includes(member.segment));
  if (audience.tiers) checks.push(audience.tiers.includes(member.tier));
  if (audience.paid !== undefined) checks.push(audience.paid === (member.paid !== null && member.paid.expiresAt.getTime() > now.getTime()));
  if (audience.groups) checks.push(member.groups.some((g) => audience.groups!.includes(g)));
  if (audience.new !== undefined) checks.push(audience.new === ((member.paidOrderCount ?? 0) === 0));
  if (checks.length === 0) return audience.all === true;
  return checks.every(Boolean);
}

/** An audience that can name anyone at all (an empty one is refused when the campaign is saved). */
export function audienceIsEmpty(audience: CampaignAudience): boolean {
  return !audience.all && audience.segments === undefined && audience.tiers === undefined && audience.paid === undefined && audience.groups === undefined && audience.new === undefined;
}

/**
 * The run a campaign is due for at `now`, or null: a one-off campaign has one run (`once`) from its
 * start; a weekly one has one per ISO week from its start, each once that week's segmentation has
 * finished (`segmentedWeek` is the latest finished week).
 */
export function dueRunKey(campaign: Pick<Campaign, 'startAt' | 'repeat' | 'paused'>, now: Date, segmentedWeek: string | null): string | null {
  if (campaign.paused || now.getTime() < campaign.startAt.getTime()) return null;
  if (campaign.repeat !== 'weekly') return 'once';
  const week = businessIsoWeek(now);
  return segmentedWeek === week ? week : null;
}

/** The run an operator's 立即执行 starts: the campaign's current one, whatever its start time. */
export function currentRunKey(campaign: Pick<Campaign, 'repeat'>, now: Date): string {
  return campaign.repeat === 'weekly' ? businessIsoWeek(now) : 'once';
}

export const campaignRunId = (campaignId: string, runKey: string) => `${campaignId}@${runKey}`;

/** What the operator sees: before its start, working, paused, or finished (its latest run done). */
export function campaignState(campaign: Pick<Campaign, 'paused' | 'startAt' | 'repeat'>, run: { state: 'running' | 'done' } | null, now: Date): CampaignState {
  // A one-off campaign that has finished stays finished, paused or not.
  if (run?.state === 'done' && campaign.repeat !== 'weekly') return 'done';
  if (campaign.paused) return 'paused';
  if (!run) return 'scheduled';
  if (run.state === 'running') return 'running';
  return campaign.repeat === 'weekly' && now.getTime() >= campaign.startAt.getTime() ? 'scheduled' : 'done';
}

/** What a member got, for the message: "满¥59.00减¥10.00 等2张券 + 200积分". */
export function benefitsText(benefits: readonly CampaignBenefit[], couponText: (templateId: string) => string | undefined): string {
  const coupons = benefits.filter((b): b is { kind: 'coupon'; templateId: string } => b.kind === 'coupon');
  const points = benefits.reduce((sum, b) => (b.kind === 'points' ? sum + b.points : sum), 0);
  const parts: string[] = [];
  if (coupons.length === 1) parts.push(couponText(coupons[0].templateId) ?? '优惠券1张');
  else if (coupons.length > 1) parts.push(`优惠券${coupons.length}张`);
  if (points > 0) parts.push(`${points}积分`);
  return parts.join(' + ') || '专属权益';
}
