import { test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import { addBusinessMonths } from '@core/businessTime';
import { settleTierExpiry } from '@core/tierExpiry';
import { tierForGrowth, TIERS, type Tier } from '@core/tier';

const END = new Date('2026-05-26T02:00:00Z');
const gold = { openid: 'o', growth: 2600, tier: 'gold' as Tier, tierExpiresAt: END };

test('settleTierExpiry: nothing before the period ends', () => {
  assert.equal(settleTierExpiry(gold, new Date(END.getTime() - 1)), null);
});

test('settleTierExpiry: a gold member without spending drops to silver with 1000 deducted, new period from the old end', () => {
  const change = settleTierExpiry(gold, new Date(END.getTime() + 1))!;
  assert.deepEqual(change.set, { growth: 1600, tier: 'silver', tierExpiresAt: addBusinessMonths(END, 6) });
  assert.deepEqual(change.entries.map((e) => [e.kind, e.delta, e.key]), [
    ['growth', -1000, `growth:expiry:o:${END.toISOString()}`],
    ['tier', 0, `tier:expiry:o:${END.toISOString()}`],
  ]);
});

test('settleTierExpiry: a late run applies every elapsed period in order, never below zero', () => {
  const change = settleTierExpiry({ ...gold, growth: 2100 }, new Date('2028-01-01T00:00:00Z'))!;
  // gold 2100 → −1000 → silver 1100 → −300 → 800 silver → −300 → 500 silver → −300 → 200 normal.
  assert.equal(change.set.growth, 200);
  assert.equal(change.set.tier, 'normal');
  assert.equal(change.set.tierExpiresAt, null);
  assert.equal(change.entries.filter((e) => e.kind === 'growth').length, 4);
});

const arbMember = fc.record({ growth: fc.nat(20_000), monthsAgo: fc.integer({ min: -12, max: 60 }) }).map(({ growth, monthsAgo }) => {
  const tier = tierForGrowth(growth);
  return { openid: 'p', growth, tier, tierExpiresAt: tier === 'normal' ? null : addBusinessMonths(new Date('2026-01-15T04:00:00Z'), -monthsAgo) };
});

test('settleTierExpiry (property): running at any set of moments gives the same result as running once at the end', () => {
  fc.assert(
    fc.property(arbMember, fc.array(fc.integer({ min: 0, max: 5 * 366 }), { maxLength: 8 }), (member, runDays) => {
      const finalAt = new Date('2031-01-01T00:00:00Z');
      const once = settleTierExpiry(member, finalAt);
      let state = { ...member };
      for (const day of [...runDays].sort((a, b) => a - b)) {
        const change = settleTierExpiry(state, new Date(Date.parse('2026-01-01T00:00:00Z') + day * 86_400_000));
        if (change) state = { ...state, ...change.set } as typeof state;
      }
      const last = settleTierExpiry(state, finalAt);
      if (last) state = { ...state, ...last.set } as typeof state;
      const expected = once ? { ...member, ...once.set } : member;
      assert.deepEqual([state.growth, state.tier, state.tierExpiresAt?.toISOString() ?? null], [expected.growth, expected.tier, expected.tierExpiresAt?.toISOString() ?? null]);
    }),
  );
});

test('settleTierExpiry (property): growth never below zero and the tier always matches growth', () => {
  fc.assert(
    fc.property(arbMember, fc.integer({ min: 0, max: 3000 }), (member, days) => {
      const change = settleTierExpiry(member, new Date(Date.parse('2026-01-01T00:00:00Z') + days * 86_400_000));
      const after = change ? { ...member, ...change.set } : member;
      return after.growth >= 0 && TIERS.includes(after.tier) && after.tier === tierForGrowth(after.growth);
    }),
  );
});
