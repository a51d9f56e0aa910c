import { addBusinessMonths } from './businessTime';
import type { Member } from './memberRecord';
import { wholeYuan } from './money';
import { DEFAULT_TIER_RULES, tierForGrowth, tierRank, type Tier, type TierRules } from './tier';

/** One line of the growth / points ledger: every change, with its reason and what caused it. */
export interface LedgerEntry {
  /** Unique per cause, so that a repeated credit cannot be written twice (e.g. `growth:pay:<orderId>`). */
  key: string;
  openid: string;
  kind: 'growth' | 'points' | 'tier';
  delta: number;
  balance: number;
  reason: string;
  ref: string;
  at: Date;
  /** For points taken back on a refund when the balance could not cover them (recorded, not hidden). */
  shortfall?: number;
  /** For tier entries: from → to. */
  fromTier?: Tier;
  toTier?: Tier;
}

export interface MemberChange {
  /** Only the fields that change, ready for an update. */
  set: Partial<Pick<Member, 'growth' | 'points' | 'tier' | 'tierExpiresAt'>>;
  entries: LedgerEntry[];
}

/** Growth earned by a paid order: 1 per whole yuan actually paid. */
export function growthForPayment(paidFen: number): number {
  return wholeYuan(paidFen);
}

/** Points earned by a paid order: 1 per whole yuan, double for paid members. */
export function pointsForPayment(paidFen: number, paidMember: boolean): number {
  return wholeYuan(paidFen) * (paidMember ? 2 : 1);
}

function tierChange(member: Member, growth: number, now: Date, ref: string, reason: string, rules: TierRules): { set: MemberChange['set']; entry?: LedgerEntry } {
  const target = tierForGrowth(growth, rules);
  if (target === member.tier) return { set: {} };
  const upgraded = tierRank(target) > tierRank(member.tier);
  // A tier reached by upgrade is valid 6 months from the upgrade; a refund-driven drop keeps the period end.
  const tierExpiresAt = target === 'normal' ? null : upgraded ? addBusinessMonths(now, rules.validityMonths) : member.tierExpiresAt;
  return {
    set: { tier: target, tierExpiresAt },
    entry: { key: `tier:${ref}`, openid: member.openid, kind: 'tier', delta: tierRank(target) - tierRank(member.tier), balance: growth, reason, ref, at: now, fromTier: member.tier, toTier: target },
  };
}

/** What a confirmed payment credits: growth and points, and an immediate upgrade. */
export function creditPayment(member: Member, input: { orderId: string; paidFen: number; paidMember: boolean; now: Date }, rules: TierRules = DEFAULT_TIER_RULES): MemberChange {
  const growthDelta = growthForPayment(input.paidFen);
  const pointsDelta = pointsForPayment(input.paidFen, input.paidMember);
  const growth = member.growth + growthDelta;
  const points = member.points + pointsDelta;
  const ref = input.orderId;
  // An order paid with nothing (a ¥0 order, or under ¥1) earns nothing, and the ledger shows no "+0" line.
  const credits: LedgerEntry[] = [
    { key: `growth:pay:${ref}`, openid: member.openid, kind: 'growth', delta: growthDelta, balance: growth, reason: '订单支付', ref, at: input.now },
    { key: `points:pay:${ref}`, openid: member.openid, kind: 'points', delta: pointsDelta, balance: points, reason: input.paidMember ? '订单支付（心享双倍积分）' : '订单支付', ref, at: input.now },
  ];
  const entries = credits.filter((entry) => entry.delta !== 0);
  const tier = tierChange(member, growth, input.now, `pay:${ref}`, '成长值升级', rules);
  if (tier.entry) entries.push(tier.entry);
  return { set: { growth, points, ...tier.set }, entries };
}

/**
 * What a refund reverses: the growth the order earned (never below 0), the points it earned (never
 * below 0; a shortfall is recorded), the points it spent come back, and the tier is re-evaluated at once.
 */
export function reverseForRefund(
  member: Member,
  input: { orderId: string; growthEarned: number; pointsEarned: number; pointsSpent: number; now: Date; refundKey?: string },
  rules: TierRules = DEFAULT_TIER_RULES,
): MemberChange {
  const ref = input.orderId;
  // A partial refund's share is keyed by its own key (the order's second refund is `<orderId>#2`).
  const key = input.refundKey ?? ref;
  const growth = Math.max(0, member.growth - input.growthEarned);
  const afterTakeBack = member.points - input.pointsEarned;
  const shortfall = afterTakeBack < 0 ? -afterTakeBack : 0;
  const points = Math.max(0, afterTakeBack) + input.pointsSpent;
  const reversal: LedgerEntry[] = [
    { key: `growth:refund:${key}`, openid: member.openid, kind: 'growth', delta: growth - member.growth, balance: growth, reason: '订单退款扣回', ref, at: input.now },
    {
      key: `points:refund:${key}`,
      openid: member.openid,
      kind: 'points',
      delta: points - member.points,
      balance: points,
      reason: input.pointsSpent ? '订单退款：扣回赠送积分，退还抵扣积分' : '订单退款扣回积分',
      ref,
      at: input.now,
      ...(shortfall ? { shortfall } : {}),
    },
  ];
  const entries = reversal.filter((entry) => entry.delta !== 0 || !!entry.shortfall);
  const tier = tierChange(member, growth, input.now, `refund:${key}`, '退款后等级重算', rules);
  if (tier.entry) entries.push(tier.entry);
  return { set: { growth, points, ...tier.set }, entries };
}
