import type { WalletCouponView } from '@contract/coupon';
import type { MembershipStatus, PlanView } from '@contract/membership';
import type { PaidPlan } from '@contract/vocabulary';
import { PLAN_NAMES, TERM_MONTHS, type PurchaseKind } from '@core/membership';
import { formatFen } from '@core/money';
import { formatShanghaiDate, inShanghai } from '@/utils/date';


export type Card = NonNullable<MembershipStatus['card']>;
export type Term = NonNullable<Card['term']>;

/** The Shanghai date a renewal bought now would end: one term after the card's current end. */
export function renewedUntil(expiresAt: string): string {
  return inShanghai(expiresAt).add(TERM_MONTHS, 'month').format('YYYY-MM-DD');
}

const ACTION_LABELS: Record<PurchaseKind, string> = { new: '开通', renew: '续费', upgrade: '升级' };
const SUCCESS_LABELS: Record<PurchaseKind, string> = { new: '开通成功', renew: '续费成功', upgrade: '升级成功' };

export type PlanAction =
  | { kind: PurchaseKind; label: string; payFen: number; payText: string; note: string | null }
  | { kind: 'blocked'; label: string; note: string };

export interface PlanCardView {
  plan: PaidPlan;
  name: string;
  /** "¥199.00". */
  priceText: string;
  benefits: string[];
  /** The member holds this plan now. */
  current: boolean;
  action: PlanAction;
}

/** A plan as the caller may buy it now: 开通, 续费 (to when), 升级 (the difference and the credit), or why not. */
export function planCardView(plan: PlanView, card: Card | null): PlanCardView {
  const base = { plan: plan.plan, name: plan.name, priceText: formatFen(plan.priceFen), benefits: plan.benefits, current: card?.plan === plan.plan };
  const forMe = plan.forMe;
  if ('blocked' in forMe) return { ...base, action: { kind: 'blocked', label: '暂不可购买', note: forMe.blocked } };
  let note: string | null = null;
  if (forMe.kind === 'renew' && card) note = `有效期将延长至 ${renewedUntil(card.expiresAt)}`;
  if (forMe.kind === 'upgrade') note = `补差价 ${formatFen(forMe.priceFen)}（已抵扣轻享未使用部分 ${formatFen(forMe.creditFen)}）`;
  return { ...base, action: { kind: forMe.kind, label: ACTION_LABELS[forMe.kind], payFen: forMe.priceFen, payText: formatFen(forMe.priceFen), note } };
}

export function successLabel(kind: PurchaseKind): string {
  return SUCCESS_LABELS[kind];
}

export interface CardView {
  plan: PaidPlan;
  name: string;
  /** 体验卡: granted by an operator, free, no guarantee. */
  trial: boolean;
  endDate: string;
}

export function cardView(card: Card, plans: readonly PlanView[]): CardView {
  const name = plans.find((p) => p.plan === card.plan)?.name ?? PLAN_NAMES[card.plan];
  return { plan: card.plan, name, trial: !!card.term?.trial, endDate: formatShanghaiDate(card.expiresAt) };
}

export type GuaranteeView =
  | { kind: 'trial' }
  | {
      kind: 'meter';
      /** "本年已省 ¥31.20 / 年费 ¥199.00". */
      text: string;
      /** 0–100 of the fee saved back. */
      percent: number;
      reached: boolean;
      /** What is left to save, or that the fee is back. */
      hint: string;
      endDate: string;
    };

/** 开卡保本: what the current term saved against its fee. */
export function guaranteeView(term: Term): GuaranteeView {
  if (term.trial || term.feeFen <= 0) return { kind: 'trial' };
  const reached = term.savedFen >= term.feeFen;
  const percent = Math.min(100, Math.floor((term.savedFen * 100) / term.feeFen));
  return {
    kind: 'meter',
    text: `本年已省 ${formatFen(term.savedFen)} / 年费 ${formatFen(term.feeFen)}`,
    percent,
    reached,
    hint: reached ? '已省回年费，之后省下的都是赚到的' : `再省 ${formatFen(term.feeFen - term.savedFen)} 即回本`,
    endDate: formatShanghaiDate(term.endsAt),
  };
}

/** The card the member just paid for has arrived (a new card, a later end, or a new plan). */
export function cardArrived(card: Card | null, plan: PaidPlan, before: Card | null): boolean {
  if (!card || card.plan !== plan) return false;
  return !before || card.expiresAt !== before.expiresAt || before.plan !== plan;
}

/** Waits between `membership.status` looks after paying: about 5 s in all. */
export const CARD_POLL_DELAYS_MS = [300, 500, 700, 1000, 1200, 1300] as const;

/**
 * One id per plan per visit, so a double tap or a retry after a lost answer is the same purchase
 * (membership.purchase is idempotent by requestId). Letters and digits, 8–64 long, as the contract asks.
 */
export function newRequestId(): string {
  const random = () => Math.floor(Math.random() * 36 ** 8).toString(36).padStart(8, '0');
  return `gm${Date.now().toString(36)}${random()}${random()}`;
}

export type PackKey = 'monthly' | 'weekly';

export interface PackState {
  /** premium_only: the card is 轻享卡 and this pack is 尊享卡's (the weekly gift): it offers the upgrade. */
  status: 'idle' | 'claiming' | 'claimed' | 'unavailable' | 'premium_only';
  /** The coupons this visit's claim issued. */
  coupons: WalletCouponView[];
  /** Why it cannot be claimed now (unavailable). */
  message: string | null;
}

export const IDLE_PACK: PackState = { status: 'idle', coupons: [], message: null };

/** The weekly gift is 尊享卡's: a 轻享卡 member is offered the upgrade instead of a refusal. */
export const PREMIUM_ONLY_PACK: PackState = { status: 'premium_only', coupons: [], message: '尊享卡专享 · 升级后每周可领' };

/** Whether the member's card lacks this pack (the weekly gift on 轻享卡). */
export function packNeedsPremium(key: PackKey, plan: PaidPlan | null | undefined): boolean {
  return key === 'weekly' && plan === 'lite';
}

export interface PackInfo {
  key: PackKey;
  title: string;
  hint: string;
  claimedLabel: string;
}

export const PACKS: readonly PackInfo[] = [
  { key: 'monthly', title: '本月券包', hint: '每个自然月可领一次', claimedLabel: '已领取' },
  { key: 'weekly', title: '每周惊喜礼', hint: '每周一更新，每周可领一次', claimedLabel: '已领取' },
];

/** A coupon received, in one line: "月度满99减20 · 满99减20". */
export function couponLine(coupon: WalletCouponView): string {
  return coupon.summary && coupon.summary !== coupon.name ? `${coupon.name} · ${coupon.summary}` : coupon.name;
}
