import type { MemberProfile } from '../../../core/member';
import { formatFen } from '../../../core/money';
import { TIER_NAMES, type Tier } from '../../../core/tier';
import { formatShanghaiDate } from '../../utils/date';

/** What the tier card shows, derived from the server's profile only (no tier rules on the client). */
export interface TierCardView {
  tier: Tier;
  tierName: string;
  growth: number;
  /** 0–100: growth towards the next tier's threshold; 100 at the top tier. */
  progressPercent: number;
  /** "800 / 2000", or null at the top tier. */
  progressText: string | null;
  /** "再获得 1200 果粒值升级为金卡" or "已是最高等级". */
  upgradeHint: string;
  /** Present while the tier has an end date (普卡 never expires). */
  validity: { endDate: string; keepHint: string } | null;
}

export interface PaidCardView {
  active: boolean;
  /** "尊享卡" / "轻享卡" when active. */
  planName: string | null;
  endDate: string | null;
}

const PLAN_NAMES = { lite: '轻享卡', premium: '尊享卡' } as const;

export function tierCardView(profile: MemberProfile): TierCardView {
  const { tier, growth, nextTier, growthToNext, tierExpiresAt, keepTierGrowth } = profile;
  const target = growth + growthToNext;
  const atTop = nextTier === null;
  return {
    tier,
    tierName: TIER_NAMES[tier],
    growth,
    progressPercent: atTop || target === 0 ? 100 : Math.min(100, Math.floor((growth / target) * 100)),
    progressText: atTop ? null : `${growth} / ${target}`,
    upgradeHint: atTop ? '已是最高等级' : `再获得 ${growthToNext} 果粒值升级为${TIER_NAMES[nextTier]}`,
    validity: tierExpiresAt
      ? {
          endDate: formatShanghaiDate(tierExpiresAt),
          // 1 果粒值 is earned per ¥1 paid, so the growth still missing is that many yuan.
          keepHint: keepTierGrowth > 0 ? `再消费 ${formatFen(keepTierGrowth * 100)} 可保级` : '已满足保级条件',
        }
      : null,
  };
}

export function paidCardView(profile: MemberProfile): PaidCardView {
  if (!profile.paid) return { active: false, planName: null, endDate: null };
  return { active: true, planName: PLAN_NAMES[profile.paid.plan], endDate: formatShanghaiDate(profile.paid.expiresAt) };
}
