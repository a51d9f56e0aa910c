import { DEFAULT_TIER_RULES, TIER_NAMES, TIERS, tierRank, type Tier } from '@core/tier';

/**
 * 会员权益 by tier, as the member center explains them (docs/domain.md: member prices on some SKUs,
 * birthday coupons and member-only activities from 银卡, an upgrade gift pack per tier reached).
 * Display copy only: prices, coupons and eligibility are decided by the functions.
 */
export interface Benefit {
  key: 'points' | 'growth' | 'memberPrice' | 'birthday' | 'activities' | 'upgradePack';
  glyph: string;
  title: string;
  /** The lowest tier that has it. */
  from: Tier;
  /** What it means at `tier` (one that has it). */
  describe: (tier: Tier) => string;
}

export const BENEFITS: readonly Benefit[] = [
  { key: 'memberPrice', glyph: '价', title: '会员价', from: 'silver', describe: (t) => `部分商品享${TIER_NAMES[t]}会员价${t === 'silver' ? '' : '，等级越高价越低'}` },
  { key: 'birthday', glyph: '寿', title: '生日券', from: 'silver', describe: () => '生日当天自动发放生日券' },
  { key: 'activities', glyph: '享', title: '会员专享活动', from: 'silver', describe: () => '会员日专享价、专属活动优先参与' },
  { key: 'upgradePack', glyph: '礼', title: '升级礼包', from: 'silver', describe: (t) => `升级至${TIER_NAMES[t]}即送礼包券，每个等级一次` },
  { key: 'growth', glyph: '粒', title: '消费攒果粒值', from: 'normal', describe: () => '实付 ¥1 得 1 果粒值，达标自动升级' },
  { key: 'points', glyph: '积', title: '积分抵现', from: 'normal', describe: () => '100 积分抵 ¥1，可兑换积分商城好券' },
];

export interface BenefitRow {
  key: Benefit['key'];
  glyph: string;
  title: string;
  text: string;
  included: boolean;
}

/** Every benefit as seen at `tier`: what it gives there, or from which tier it starts. */
export function benefitRows(tier: Tier): BenefitRow[] {
  return BENEFITS.map((b) => {
    const included = tierRank(tier) >= tierRank(b.from);
    return { key: b.key, glyph: b.glyph, title: b.title, included, text: included ? b.describe(tier) : `${TIER_NAMES[b.from]}起享` };
  });
}

export interface TierTab {
  tier: Tier;
  name: string;
  /** "500 果粒值" (普卡: "注册即享"). */
  threshold: string;
}

export const TIER_TABS: readonly TierTab[] = TIERS.map((tier) => ({
  tier,
  name: TIER_NAMES[tier],
  threshold: DEFAULT_TIER_RULES.thresholds[tier] === 0 ? '注册即享' : `${DEFAULT_TIER_RULES.thresholds[tier]} 果粒值`,
}));
