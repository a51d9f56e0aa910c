import { test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import { DEFAULT_TIER_RULES, TIERS, growthToNext, keepTierGrowth, nextTier, tierForGrowth, tierRank } from '@core/tier';

test('tierForGrowth: the thresholds of docs/domain.md', () => {
  assert.equal(tierForGrowth(0), 'normal');
  assert.equal(tierForGrowth(499), 'normal');
  assert.equal(tierForGrowth(500), 'silver');
  assert.equal(tierForGrowth(1999), 'silver');
  assert.equal(tierForGrowth(2000), 'gold');
  assert.equal(tierForGrowth(4999), 'gold');
  assert.equal(tierForGrowth(5000), 'diamond');
  assert.equal(tierForGrowth(1_000_000), 'diamond');
});

test('tierForGrowth: more growth never gives a lower tier', () => {
  fc.assert(
    fc.property(fc.nat(20_000), fc.nat(20_000), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return tierRank(tierForGrowth(lo)) <= tierRank(tierForGrowth(hi));
    }),
  );
});

test('growthToNext: distance to the next threshold, zero at the top', () => {
  assert.equal(growthToNext(800), 1200);
  assert.equal(growthToNext(0), 500);
  assert.equal(growthToNext(7000), 0);
  assert.equal(nextTier('gold'), 'diamond');
  assert.equal(nextTier('diamond'), null);
});

test('keepTierGrowth: what keeps the tier after the expiry deduction', () => {
  assert.equal(keepTierGrowth('gold', 2600), 400); // 2600 + 400 − 1000 = 2000
  assert.equal(keepTierGrowth('silver', 900), 0);
  assert.equal(keepTierGrowth('normal', 10), 0);
  for (const tier of TIERS) {
    const growth = DEFAULT_TIER_RULES.thresholds[tier];
    const after = growth + keepTierGrowth(tier, growth) - DEFAULT_TIER_RULES.expiryDeduction[tier];
    assert.equal(tierForGrowth(Math.max(0, after)), tier);
  }
});
