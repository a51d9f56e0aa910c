import type { MemberProfile } from '@contract/member';
import type { NoticeKey } from '@contract/vocabulary';
import { PLAN_NAMES } from '@core/membership';
import { formatFen } from '@core/money';
import { DEFAULT_TIER_RULES, TIER_NAMES, type Tier } from '@core/tier';
import { formatShanghaiDate } from '@/utils/date';

/** What the tier card shows, derived from the server's profile (the deduction is the published default rule). */
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
  validity: {
    endDate: string;
    /** "有效期至 2026-05-26，再消费 ¥700.00 可保级" (or "…，已满足保级条件"). */
    keepHint: string;
    /** "到期将扣减 300 果粒值": what the end of the period takes, kept tier or not. */
    deductionHint: string;
  } | null;
}

export interface PaidCardView {
  active: boolean;
  /** "尊享卡" / "轻享卡" when active. */
  planName: string | null;
  endDate: string | null;
}

export function tierCardView(profile: MemberProfile): TierCardView {
  const { tier, growth, nextTier, growthToNext, tierExpiresAt, keepTierGrowth } = profile;
  const target = growth + growthToNext;
  const atTop = nextTier === null;
  let validity: TierCardView['validity'] = null;
  if (tierExpiresAt) {
    const endDate = formatShanghaiDate(tierExpiresAt);
    // 1 果粒值 is earned per ¥1 paid, so the growth still missing is that many yuan.
    const keep = keepTierGrowth > 0 ? `再消费 ${formatFen(keepTierGrowth * 100)} 可保级` : '已满足保级条件';
    validity = { endDate, keepHint: `有效期至 ${endDate}，${keep}`, deductionHint: `到期将扣减 ${DEFAULT_TIER_RULES.expiryDeduction[tier]} 果粒值` };
  }
  return {
    tier,
    tierName: TIER_NAMES[tier],
    growth,
    progressPercent: atTop || target === 0 ? 100 : Math.min(100, Math.floor((growth / target) * 100)),
    progressText: atTop ? null : `${growth} / ${target}`,
    upgradeHint: atTop ? '已是最高等级' : `再获得 ${growthToNext} 果粒值升级为${TIER_NAMES[nextTier]}`,
    validity,
  };
}

export function paidCardView(profile: MemberProfile): PaidCardView {
  if (!profile.paid) return { active: false, planName: null, endDate: null };
  return { active: true, planName: PLAN_NAMES[profile.paid.plan], endDate: formatShanghaiDate(profile.paid.expiresAt) };
}

/** Where the history of each balance is. */
export const ledgerUrl = (kind: 'growth' | 'points') => `/packages/member/pages/ledger/index?kind=${kind}`;

export const MEMBERSHIP_URL = '/packages/member/pages/membership/index';

/** The earliest birthday the picker offers (the function refuses earlier ones too). */
export const BIRTHDAY_EARLIEST = '1900-01-01';

/** What the picker opens on when no birthday is set yet. */
export const BIRTHDAY_PICKER_START = '1995-01-01';

export function birthdayConfirmText(birthday: string): string {
  return `生日设置后不可修改，确认设置为 ${birthday}？`;
}

/** What the 提醒我 switch asks for (WeChat's three at most): the reminders about the member's own card and coupons. */
export const MEMBER_NOTICES: NoticeKey[] = ['tierExpiring', 'couponExpiring', 'tierChanged'];

export interface NoticeRowView {
  /** Any of the three reminders may still be sent. */
  on: boolean;
  /** "等级到期、优惠券到期、等级变更提醒 · 剩余 2 次", or "… · 未开启". */
  hint: string;
}

/** 消息提醒: each accept allows one message, so the row says how many of each reminder are left (the fewest). */
export function noticeRowView(subscriptions: Partial<Record<NoticeKey, number>>): NoticeRowView {
  const left = MEMBER_NOTICES.map((key) => subscriptions[key] ?? 0);
  const on = left.some((n) => n > 0);
  return { on, hint: `等级到期、优惠券到期、等级变更提醒 · ${on ? `剩余 ${Math.min(...left)} 次` : '未开启'}` };
}

/** Said when the member turns the switch off: there is nothing to turn off on the shop's side. */
export const NOTICES_OFF_TOAST = '提醒为一次性订阅，用完自动停止；可在设置→订阅消息中关闭';

/** 会员码: the code the member shows at the counter (the member subpackage). */
export const MEMBER_CODE_URL = '/packages/member/pages/member-code/index';

/** The coupon wallet, where the count of unused coupons leads. */
export const WALLET_URL = '/pages/coupons/index';

/** Where a chosen avatar is stored: one folder per member, a new file each time (the temporary URL changes with it). */
export function avatarCloudPath(openid: string, nowMs: number): string {
  return `avatars/${openid}/${nowMs}.jpg`;
}

/** The bound phone as the member sees it: "手机 尾号 8000". */
export function phoneLine(phoneTail: string): string {
  return `手机 尾号 ${phoneTail}`;
}

/** 专属客服 is a 尊享卡 benefit: shown only while that card is running. */
export function hasPriorityService(profile: Pick<MemberProfile, 'paid'>): boolean {
  return profile.paid?.plan === 'premium';
}
