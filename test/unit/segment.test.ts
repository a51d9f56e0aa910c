import { test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import { assignSegment, DEFAULT_SEGMENT_RULES, segmentScores, type SegmentFacts } from '@core/segment';

const NOW = new Date('2026-12-07T19:00:00Z'); // Monday 03:00 in Shanghai
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

/** A member who bought `f` times in the window for `m` fen in all, last `r` days ago. */
function facts(r: number | null, f: number, mFen: number, x: Partial<Pick<SegmentFacts, 'inviteesPaid' | 'sharedOrders' | 'shareVisitors'>> = {}, ever = f): SegmentFacts {
  return {
    lastPaidAt: r === null ? null : daysAgo(r),
    paidOrdersEver: ever,
    ordersInWindow: f,
    paidFenInWindow: mFen,
    inviteesPaid: x.inviteesPaid ?? 0,
    sharedOrders: x.sharedOrders ?? 0,
    shareVisitors: x.shareVisitors ?? 0,
  };
}

test('each segment from a crafted history', () => {
  assert.equal(assignSegment(facts(3, 9, 180_000), NOW), 'S1');
  assert.equal(assignSegment(facts(20, 5, 50_000), NOW), 'S2');
  assert.equal(assignSegment(facts(45, 2, 8_000, { shareVisitors: 5 }), NOW), 'S3');
  assert.equal(assignSegment(facts(90, 1, 3_000, {}, 6), NOW), 'S4');
  assert.equal(assignSegment(facts(200, 0, 0, { inviteesPaid: 10 }, 3), NOW), 'S5');
  assert.equal(assignSegment(facts(100, 0, 0, {}, 1), NOW), 'S6');
  assert.equal(assignSegment(facts(null, 0, 0, { shareVisitors: 50 }, 0), NOW), null, 'never paid: no segment, even a busy sharer');
});

test('X weighs invitees 3, shared orders 2, visitors 1', () => {
  assert.equal(segmentScores(facts(1, 1, 100, { inviteesPaid: 2, sharedOrders: 3, shareVisitors: 4 }), NOW).x, 3 * 2 + 2 * 3 + 4);
  // 29 is not KOC, 30 is.
  assert.equal(assignSegment(facts(3, 9, 180_000, { inviteesPaid: 9, shareVisitors: 2 }), NOW), 'S1');
  assert.equal(assignSegment(facts(3, 9, 180_000, { inviteesPaid: 9, shareVisitors: 3 }), NOW), 'S5');
});

test('precedence: S5 before S1, S1 before S2, S2 before S3, S3 before S6 and S4', () => {
  const koc = { sharedOrders: 15 }; // X = 30
  assert.equal(assignSegment(facts(3, 9, 180_000, koc), NOW), 'S5', 'a diamond core who is also KOC is KOC');
  assert.equal(assignSegment(facts(200, 1, 100, koc, 1), NOW), 'S5', 'a sleeping one-order member who is KOC is KOC');
  assert.equal(assignSegment(facts(10, 9, 200_000, { shareVisitors: 6 }), NOW), 'S1', 'meets S1, S2 and S3: S1');
  assert.equal(assignSegment(facts(10, 5, 60_000, { shareVisitors: 6 }), NOW), 'S2', 'meets S2 and S3: S2');
  assert.equal(assignSegment(facts(50, 3, 1_000, { shareVisitors: 5 }), NOW), 'S3');
  assert.equal(assignSegment(facts(50, 3, 1_000, { shareVisitors: 4 }), NOW), 'S4', 'X one short of S3: the fallback');
  assert.equal(assignSegment(facts(31, 0, 0, { shareVisitors: 20 }, 1), NOW), 'S6', 'one order long ago, some X but below S3 needs F ≥ 2');
});

test('the thresholds are inclusive where the rules say ≥ and ≤, and S6 needs R above 30', () => {
  assert.equal(assignSegment(facts(14, 8, 150_000), NOW), 'S1');
  assert.equal(assignSegment(facts(15, 8, 150_000), NOW), 'S2');
  assert.equal(assignSegment(facts(14, 7, 150_000), NOW), 'S2');
  assert.equal(assignSegment(facts(14, 8, 149_999), NOW), 'S2');
  assert.equal(assignSegment(facts(30, 4, 40_000), NOW), 'S2');
  assert.equal(assignSegment(facts(31, 4, 40_000), NOW), 'S4');
  assert.equal(assignSegment(facts(30, 4, 39_999), NOW), 'S4');
  assert.equal(assignSegment(facts(60, 2, 100, { shareVisitors: 5 }), NOW), 'S3');
  assert.equal(assignSegment(facts(61, 2, 100, { shareVisitors: 5 }), NOW), 'S4');
  assert.equal(assignSegment(facts(30, 1, 100, {}, 1), NOW), 'S4', 'one order exactly 30 days ago is not yet sleeping');
  assert.equal(assignSegment(facts(31, 1, 100, {}, 1), NOW), 'S6');
  assert.equal(assignSegment(facts(100, 0, 0, {}, 2), NOW), 'S4', 'two orders ever, long ago: not S6');
});

test('R counts whole days: 14 days and 23 hours is still 14', () => {
  const f = { ...facts(0, 8, 150_000), lastPaidAt: new Date(NOW.getTime() - 14 * 86_400_000 - 23 * 3_600_000) };
  assert.equal(segmentScores(f, NOW).r, 14);
  assert.equal(assignSegment(f, NOW), 'S1');
});

test('operators change the numbers: a stricter S1', () => {
  const rules = { ...DEFAULT_SEGMENT_RULES, S1: { maxR: 7, minF: 10, minMFen: 300_000 } };
  assert.equal(assignSegment(facts(3, 9, 180_000), NOW, rules), 'S2');
  assert.equal(assignSegment(facts(3, 10, 300_000), NOW, rules), 'S1');
});

test('every member who paid gets exactly one segment; only those who never paid get none', () => {
  fc.assert(
    fc.property(
      fc.record({
        r: fc.integer({ min: 0, max: 800 }),
        ever: fc.integer({ min: 0, max: 50 }),
        f: fc.integer({ min: 0, max: 50 }),
        m: fc.integer({ min: 0, max: 1_000_000 }),
        inv: fc.integer({ min: 0, max: 20 }),
        ord: fc.integer({ min: 0, max: 20 }),
        vis: fc.integer({ min: 0, max: 40 }),
      }),
      ({ r, ever, f, m, inv, ord, vis }) => {
        const input = facts(ever === 0 ? null : r, Math.min(f, ever), m, { inviteesPaid: inv, sharedOrders: ord, shareVisitors: vis }, ever);
        const frozen = JSON.stringify(input);
        const segment = assignSegment(input, NOW);
        assert.equal(JSON.stringify(input), frozen, 'input untouched');
        if (ever === 0) assert.equal(segment, null);
        else assert.ok(segment !== null && /^S[1-6]$/.test(segment));
      },
    ),
  );
});
