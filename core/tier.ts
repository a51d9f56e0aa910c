/**
 * Tiers (会员等级) by growth value (成长值, "果粒值"). The numbers are configuration
 * (docs/domain.md defaults below); the rules that use them are here.
 */

export const TIERS = ['normal', 'silver', 'gold', 'diamond'] as const;
export type Tier = (typeof TIERS)[number];

export interface TierRules {
  /** Lowest growth of each tier. */
  thresholds: Record<Tier, number>;
  /** Growth deducted when a tier's validity ends without an upgrade. */
  expiryDeduction: Record<Tier, number>;
  /** How long a tier reached by upgrade stays valid. */
  validityMonths: number;
}

export const DEFAULT_TIER_RULES: TierRules = {
  thresholds: { normal: 0, silver: 500, gold: 2000, diamond: 5000 },
  expiryDeduction: { normal: 0, silver: 300, gold: 1000, diamond: 3000 },
  validityMonths: 6,
};

export const TIER_NAMES: Record<Tier, string> = {
  normal: '普卡',
  silver: '银卡',
  gold: '金卡',
  diamond: '钻卡',
};

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

export function tierForGrowth(growth: number, rules: TierRules = DEFAULT_TIER_RULES): Tier {
  let reached: Tier = 'normal';
  for (const tier of TIERS) if (growth >= rules.thresholds[tier]) reached = tier;
  return reached;
}

export function nextTier(tier: Tier): Tier | null {
  const i = tierRank(tier);
  return i + 1 < TIERS.length ? TIERS[i + 1] : null;
}

/** Growth still missing to reach the next tier (0 at the top). */
export function growthToNext(growth: number, rules: TierRules = DEFAULT_TIER_RULES): number {
  const next = nextTier(tierForGrowth(growth, rules));
  return next ? Math.max(0, rules.thresholds[next] - growth) : 0;
}

/**
 * Growth the member still has to earn before the validity ends so that, after the
 * expiry deduction, they stay in their tier ("再消费 ¥X 可保级": 1 growth = ¥1).
 */
export function keepTierGrowth(tier: Tier, growth: number, rules: TierRules = DEFAULT_TIER_RULES): number {
  if (tier === 'normal') return 0;
  return Math.max(0, rules.thresholds[tier] + rules.expiryDeduction[tier] - growth);
}
