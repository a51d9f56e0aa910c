import { addBusinessMonths, businessDate, businessWeekStart } from './businessTime';
import type { PaidCard, PaidPlan, PaidTerm } from './memberRecord';

/**
 * Paid membership (付费会员, 心享): plans, what a purchase costs and covers, and the terms the
 * 开卡保本 guarantee settles. A card is a list of yearly terms; each term remembers its fee and what
 * the membership saved during it, so each year is settled on its own, whenever the job runs.
 */
export const PLAN_PRICES_FEN: Record<PaidPlan, number> = { lite: 9900, premium: 19900 };
export const PLAN_NAMES: Record<PaidPlan, string> = { lite: '轻享卡', premium: '尊享卡' };
export const TERM_MONTHS = 12;
const DAY_MS = 86_400_000;

export type { PaidCard, PaidTerm } from './memberRecord';

export type PurchaseKind = 'new' | 'renew' | 'upgrade';

export interface PurchaseQuote {
  plan: PaidPlan;
  kind: PurchaseKind;
  priceFen: number;
  /** For an upgrade: the unused part of the current lite term, taken off the premium price. */
  creditFen: number;
}

export type PurchaseCheck = { ok: true; quote: PurchaseQuote } | { ok: false; reason: string };

/**
 * The card, if it is in force at `now`: from the start instant of a term to the card's end. A card
 * bought, granted or renewed to start later gives nothing before it starts, and one that ended gives
 * nothing after.
 */
export function activeCard(card: PaidCard | null | undefined, now: Date): PaidCard | null {
  return card && card.expiresAt.getTime() > now.getTime() && currentTerm(card, now) ? card : null;
}

export function currentTerm(card: PaidCard, at: Date): PaidTerm | undefined {
  return card.terms.find((t) => t.startsAt.getTime() <= at.getTime() && at.getTime() < t.endsAt.getTime());
}

/** What buying `plan` costs now: a new card, a renewal from the current end, or lite → premium pro rata by day. */
export function quotePurchase(card: PaidCard | null | undefined, plan: PaidPlan, now: Date, prices: Record<PaidPlan, number> = PLAN_PRICES_FEN): PurchaseCheck {
  const active = activeCard(card, now);
  if (!active) return { ok: true, quote: { plan, kind: 'new', priceFen: prices[plan], creditFen: 0 } };
  if (active.plan === plan) return { ok: true, quote: { plan, kind: 'renew', priceFen: prices[plan], creditFen: 0 } };
  if (active.plan === 'premium') return { ok: false, reason: '尊享卡有效期内不能购买轻享卡，到期后可续费' };
  const term = currentTerm(active, now);
  const queued = active.terms.filter((t) => t.startsAt.getTime() > now.getTime());
  if (!term || queued.length) return { ok: false, reason: '已续费的轻享卡请到期后再升级' };
  const termDays = Math.round((term.endsAt.getTime() - term.startsAt.getTime()) / DAY_MS);
  const unusedDays = Math.max(0, Math.floor((term.endsAt.getTime() - now.getTime()) / DAY_MS));
  const creditFen = Math.min(term.feeFen, Math.floor((term.feeFen * unusedDays) / Math.max(1, termDays)));
  return { ok: true, quote: { plan, kind: 'upgrade', priceFen: prices.premium - creditFen, creditFen } };
}

/** The card after a purchase is paid at `at` (dates from the payment, the price from the quote). */
export function activate(card: PaidCard | null | undefined, quote: PurchaseQuote, termId: string, at: Date, prices: Record<PaidPlan, number> = PLAN_PRICES_FEN): PaidCard {
  const active = activeCard(card, at);
  const term = (startsAt: Date, feeFen: number): PaidTerm => ({ termId, plan: quote.plan, startsAt, endsAt: addBusinessMonths(startsAt, TERM_MONTHS), feeFen, savedFen: 0, settledAt: null });
  if (!active || quote.kind === 'new') return { plan: quote.plan, expiresAt: addBusinessMonths(at, TERM_MONTHS), terms: [...(card?.terms ?? []), term(at, quote.priceFen)] };
  if (quote.kind === 'renew') {
    const next = term(active.expiresAt, quote.priceFen);
    return { plan: active.plan, expiresAt: next.endsAt, terms: [...active.terms, next] };
  }
  // Upgrade: the lite term ends now, having cost what was not credited back; premium starts now.
  const terms = active.terms.map((t) => (t.startsAt.getTime() <= at.getTime() && at.getTime() < t.endsAt.getTime() ? { ...t, endsAt: at, feeFen: t.feeFen - quote.creditFen } : t));
  const premium = term(at, prices.premium);
  return { plan: 'premium', expiresAt: premium.endsAt, terms: [...terms, premium] };
}

/** A trial (or operator-granted) card: `days` from now, or from the current end; no fee, no guarantee. */
export function grantDays(card: PaidCard | null | undefined, plan: PaidPlan, days: number, termId: string, now: Date, trial: boolean): PaidCard {
  const active = activeCard(card, now);
  const startsAt = active ? active.expiresAt : now;
  const t: PaidTerm = { termId, plan, startsAt, endsAt: new Date(startsAt.getTime() + days * DAY_MS), feeFen: 0, savedFen: 0, settledAt: null, trial };
  return { plan: active?.plan ?? plan, expiresAt: t.endsAt, terms: [...(card?.terms ?? []), t] };
}

/** Adds what an order saved to the term it was paid in (a refund takes it back: never below zero). */
export function addSavings(card: PaidCard, at: Date, savedFen: number): PaidCard {
  if (savedFen === 0) return card;
  return { ...card, terms: card.terms.map((t) => (t.startsAt.getTime() <= at.getTime() && at.getTime() < t.endsAt.getTime() ? { ...t, savedFen: Math.max(0, t.savedFen + savedFen) } : t)) };
}

/** 开卡保本: terms that have ended and are not settled, with what the guarantee owes for each. */
export function termsToSettle(card: PaidCard, now: Date): Array<{ term: PaidTerm; refundFen: number }> {
  return card.terms.filter((t) => !t.settledAt && t.endsAt.getTime() <= now.getTime()).map((term) => ({ term, refundFen: Math.max(0, term.feeFen - term.savedFen) }));
}

/** Calendar month and week in Shanghai: the keys of "once a month" and "once a week". */
export function monthKey(now: Date): string {
  return businessDate(now).slice(0, 7);
}

export function weekKey(now: Date): string {
  // ISO week in Shanghai: the Monday that starts it names it.
  return `week-of-${businessWeekStart(now)}`;
}

/** Whose birthday is today in Shanghai: 29 February birthdays are kept on 28 February in other years. */
export function birthdayKeysToday(now: Date): string[] {
  const today = businessDate(now);
  const md = today.slice(5);
  const year = Number(today.slice(0, 4));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return md === '02-28' && !leap ? ['02-28', '02-29'] : [md];
}

/**
 * What the paid card saved on an order, for 开卡保本: the 心享 prices against what the member would
 * have paid for the same lines without the card, the paid member's 95折 / 85折, and a coupon that is
 * the card's own benefit (its packs, its birthday coupon).
 */
export function membershipSavedFen(input: { subtotalWithoutCardFen: number; subtotalFen: number; paidMemberDiscountFen: number; couponDiscountFen: number; couponIsCardPerk: boolean }): number {
  const prices = Math.max(0, input.subtotalWithoutCardFen - input.subtotalFen);
  return prices + input.paidMemberDiscountFen + (input.couponIsCardPerk ? input.couponDiscountFen : 0);
}
