import { addBusinessMonths } from './businessTime';
import type { LedgerEntry, MemberChange } from './growth';
import type { Member } from './memberRecord';
import { DEFAULT_TIER_RULES, tierForGrowth, type TierRules } from './tier';

/**
 * Tier validity (保级): when a non-normal tier's period ends, growth is deducted by tier (never below
 * 0), the tier is re-evaluated, and a new period starts on the old end date. Every period that has
 * ended by `now` is applied in order, so the outcome never depends on when (or how often) this runs.
 * Ledger keys name the period, so the same period can never be deducted twice.
 */
export function settleTierExpiry(member: Pick<Member, 'openid' | 'growth' | 'tier' | 'tierExpiresAt'>, now: Date, rules: TierRules = DEFAULT_TIER_RULES): MemberChange | null {
  let { growth, tier, tierExpiresAt } = member;
  const entries: LedgerEntry[] = [];
  // A guard against a corrupt record: no member has more periods than this behind them.
  for (let periods = 0; tier !== 'normal' && tierExpiresAt && tierExpiresAt.getTime() <= now.getTime() && periods < 1000; periods += 1) {
    const periodEnd = tierExpiresAt;
    const ref = `${member.openid}:${periodEnd.toISOString()}`;
    const deducted = Math.min(growth, rules.expiryDeduction[tier]);
    const nextGrowth = growth - deducted;
    const nextTier = tierForGrowth(nextGrowth, rules);
    entries.push({ key: `growth:expiry:${ref}`, openid: member.openid, kind: 'growth', delta: -deducted, balance: nextGrowth, reason: `等级有效期结束，扣减${deducted}成长值`, ref, at: periodEnd });
    if (nextTier !== tier) {
      entries.push({ key: `tier:expiry:${ref}`, openid: member.openid, kind: 'tier', delta: 0, balance: nextGrowth, reason: '等级有效期结束，重新评定等级', ref, at: periodEnd, fromTier: tier, toTier: nextTier });
    }
    growth = nextGrowth;
    tier = nextTier;
    tierExpiresAt = nextTier === 'normal' ? null : addBusinessMonths(periodEnd, rules.validityMonths);
  }
  if (!entries.length) return null;
  return { set: { growth, tier, tierExpiresAt }, entries };
}

/**
 * The member as of `now`, with any ended tier periods applied first, so that a credit or refund
 * landing before the daily job has run still sees the same state it would after the job.
 */
export function withExpirySettled<M extends Pick<Member, 'openid' | 'growth' | 'tier' | 'tierExpiresAt'>>(member: M, now: Date, rules: TierRules = DEFAULT_TIER_RULES): { member: M; change: MemberChange | null } {
  const change = settleTierExpiry(member, now, rules);
  return { member: change ? { ...member, ...change.set } : member, change };
}

/** Two changes one after the other, as one update and one set of ledger entries. */
export function combineChanges(first: MemberChange | null, second: MemberChange): MemberChange {
  if (!first) return second;
  return { set: { ...first.set, ...second.set }, entries: [...first.entries, ...second.entries] };
}
