import type { Buyer } from './catalog';
import type { Member, PaidPlan } from './memberRecord';
import { activeCard } from './membership';
import { withExpirySettled } from './tierExpiry';
import { subscriptionCounts, type NoticeKey } from './notice';
import { DEFAULT_TIER_RULES, growthToNext, keepTierGrowth, nextTier, type Tier, type TierRules } from './tier';

export type { Member, PaidPlan } from './memberRecord';

export function newMember(openid: string, now: Date): Member {
  return {
    _id: openid,
    openid,
    growth: 0,
    points: 0,
    tier: 'normal',
    tierExpiresAt: null,
    paid: null,
    segment: null,
    birthday: null,
    groups: [],
    paidOrderCount: 0,
    createdAt: now,
  };
}

export interface MemberProfile {
  openid: string;
  tier: Tier;
  growth: number;
  nextTier: Tier | null;
  growthToNext: number;
  tierExpiresAt: string | null;
  keepTierGrowth: number;
  points: number;
  paid: { plan: PaidPlan; expiresAt: string } | null;
  segment: string | null;
  birthday: string | null;
  groups: string[];
  inviteCode: string | null;
  subscriptions: Record<NoticeKey, number>;
  nickName: string | null;
  avatarUrl: string | null;
  phoneTail: string | null;
  couponCount: number;
}

/** What the profile shows that the member record alone cannot tell: read by the function beside it. */
export interface ProfileExtras {
  /** A temporary URL of the avatar file, when one is set and storage answered. */
  avatarUrl: string | null;
  /** Unused coupons valid now. */
  couponCount: number;
}

const NO_EXTRAS: ProfileExtras = { avatarUrl: null, couponCount: 0 };

/**
 * What the member center shows, as of `now`: tier periods that have ended are applied even if the
 * daily job has not run yet, and a lapsed paid card is shown as none.
 */
export function memberProfile(stored: Member, now: Date, extras: ProfileExtras = NO_EXTRAS, rules: TierRules = DEFAULT_TIER_RULES): MemberProfile {
  const member = withExpirySettled(stored, now, rules).member;
  const paidActive = isPaidActive(member, now) ? member.paid : null;
  return {
    openid: member.openid,
    tier: member.tier,
    growth: member.growth,
    nextTier: nextTier(member.tier),
    growthToNext: growthToNext(member.growth, rules),
    tierExpiresAt: member.tierExpiresAt ? member.tierExpiresAt.toISOString() : null,
    keepTierGrowth: keepTierGrowth(member.tier, member.growth, rules),
    points: member.points,
    paid: paidActive ? { plan: paidActive.plan, expiresAt: paidActive.expiresAt.toISOString() } : null,
    segment: member.segment,
    birthday: member.birthday,
    groups: [...member.groups],
    inviteCode: member.inviteCode ?? null,
    subscriptions: subscriptionCounts(member.subscriptions),
    nickName: member.nickName ?? null,
    avatarUrl: member.avatarFileId ? extras.avatarUrl : null,
    phoneTail: member.phoneTail ?? null,
    couponCount: extras.couponCount,
  };
}

/** Paid-member benefits (discounts, double points, packs) apply only while the card is in force. */
export function isPaidActive(member: Pick<Member, 'paid'>, now: Date): boolean {
  return activeCard(member.paid, now) !== null;
}

/** The member as prices and eligibility see them, as of `now` (an ended tier period already applied). */
export function buyerOf(stored: Member, now: Date): Buyer {
  const member = withExpirySettled(stored, now).member;
  return {
    tier: member.tier,
    paid: isPaidActive(member, now),
    segment: member.segment,
    groups: member.groups,
    isNewCustomer: (member.paidOrderCount ?? 0) === 0,
  };
}
