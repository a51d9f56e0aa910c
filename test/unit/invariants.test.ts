import { test } from '@jest/globals';
import assert from '@test/support/assert';
import { checkInvariants, type Snapshot } from '@ops/invariants';

/** A small consistent world: 10 units supplied, one paid order of 2 with a coupon and points, one pending order of 1. */
function world(): Snapshot {
  return {
    stock: [{ _id: 's1:apple', stock: 7, supplied: 10, marks: [] }],
    orders: [
      { _id: 'o1', status: 'paid', openid: 'm1', storeId: 's1', lines: [{ skuId: 'apple', qty: 2 }], couponId: 'c1', pointsUsed: 100, growthEarned: 30, pointsEarned: 30, paidAt: '2026-11-28T04:00:00Z', pickedUpAt: null, priceListTakes: [] },
      { _id: 'o2', status: 'pending_payment', openid: 'm2', storeId: 's1', lines: [{ skuId: 'apple', qty: 1 }], couponId: 'c2', pointsUsed: 0, growthEarned: 0, pointsEarned: 0, paidAt: null, pickedUpAt: null, priceListTakes: [] },
    ],
    coupons: [
      { _id: 'c1', templateId: 't1', openid: 'm1', status: 'used', usedBy: 'o1' },
      { _id: 'c2', templateId: 't1', openid: 'm2', status: 'locked', lockedBy: 'o2' },
    ],
    couponTemplates: [{ _id: 't1', issued: 2, totalStock: 5, perMemberLimit: 1, marks: [] }],
    couponClaims: [
      { _id: 't1:m1', templateId: 't1', count: 1 },
      { _id: 't1:m2', templateId: 't1', count: 1 },
    ],
    members: [
      { _id: 'm1', growth: 30, points: 430 },
      { _id: 'm2', growth: 0, points: 0 },
    ],
    ledger: [
      { _id: 'points:opening:m1', key: 'points:opening:m1', openid: 'm1', kind: 'points', delta: 500 },
      { _id: 'points:lock:o1', key: 'points:lock:o1', openid: 'm1', kind: 'points', delta: -100 },
      { _id: 'growth:pay:o1', key: 'growth:pay:o1', openid: 'm1', kind: 'growth', delta: 30 },
      { _id: 'points:pay:o1', key: 'points:pay:o1', openid: 'm1', kind: 'points', delta: 30 },
    ],
    priceListUsage: [],
  };
}

const violationsOf = (snapshot: Snapshot, settled = false) => checkInvariants(snapshot, { settled }).violations;

test('checkInvariants: a consistent world holds, with its figures', () => {
  const report = checkInvariants(world(), { settled: true });
  assert.deepEqual(report.violations, []);
  assert.deepEqual(report.figures.units, { supplied: 10, onShelf: 7, held: 1, sold: 2 });
  assert.deepEqual(report.figures.orders, { paid: 1, pending_payment: 1 });
});

test('checkInvariants: a unit lost or given twice is caught', () => {
  const lost = world();
  lost.stock[0].stock = 6;
  assert.match(violationsOf(lost).join('\n'), /stock s1:apple: 6 on the shelf \+ 1 held \+ 2 sold ≠ 10 supplied/);
  // An order that died reserving, its take undone but the order still counted as holding: found by its mark.
  const died = world();
  died.orders[1] = { ...died.orders[1], status: 'cancelled', cancelledFrom: 'reserving', releasePending: false };
  died.coupons[1] = { ...died.coupons[1], status: 'unused', lockedBy: null };
  assert.match(violationsOf(died).join('\n'), /7 on the shelf \+ 0 held \+ 2 sold ≠ 10/);
  died.stock[0].marks = [{ k: 'take:o2', at: '2026-11-28T04:00:00Z' }];
  assert.deepEqual(violationsOf(died), []);
  assert.match(violationsOf(died, true).join('\n'), /unfinished work after recovery/);
});

test('checkInvariants: a coupon over stock, counted wrong, over a member limit, or locked by nobody is caught', () => {
  const over = world();
  over.couponTemplates[0].issued = 6;
  assert.match(violationsOf(over).join('\n'), /template t1: 6 issued over a stock of 5/);
  const miscounted = world();
  miscounted.couponTemplates[0].issued = 3;
  assert.match(violationsOf(miscounted).join('\n'), /issued 3 \(0 in flight\) but 2 coupons exist/);
  miscounted.couponTemplates[0].marks = [{ k: 'issue:c3:x', at: '2026-11-28T04:00:00Z' }];
  assert.deepEqual(violationsOf(miscounted), [], 'an issue in flight may be counted before its coupon exists');
  const twice = world();
  twice.coupons.push({ _id: 'c3', templateId: 't1', openid: 'm1', status: 'unused' });
  twice.couponTemplates[0].issued = 3;
  assert.match(violationsOf(twice).join('\n'), /claims t1:m1: counted 1 .* but 2 coupons exist/);
  const orphan = world();
  orphan.orders[1].status = 'cancelled';
  assert.match(violationsOf(orphan).join('\n'), /coupon c2: locked by o2, which does not hold it/);
});

test('checkInvariants: growth or points that are not the sum of the ledger, a double credit, a double handover are caught', () => {
  const drift = world();
  drift.members[0].points = 431;
  assert.match(violationsOf(drift).join('\n'), /member m1: points 431 ≠ 430 in the ledger/);
  const credited = world();
  credited.orders[0].growthEarned = 60;
  assert.match(violationsOf(credited).join('\n'), /order o1: earned 60 growth but the ledger credits 30/);
  const handed = world();
  handed.orders[0].status = 'picked_up';
  handed.orders[0].pickedUpAt = '2026-11-28T05:00:00Z';
  assert.match(violationsOf(handed).join('\n'), /order o1: handed over without its audit record/);
  handed.orders[0].redemption = { at: '2026-11-28T05:01:00Z', staffOpenid: 'clerk' };
  assert.match(violationsOf(handed).join('\n'), /order o1: handed over at 2026-11-28T05:00:00Z but recorded at 2026-11-28T05:01:00Z/);
  handed.orders[0].redemption = { at: '2026-11-28T05:00:00Z', staffOpenid: 'clerk' };
  assert.deepEqual(violationsOf(handed), []);
  const unreleased = world();
  unreleased.orders[1] = { ...unreleased.orders[1], status: 'cancelled', pointsUsed: 100, releasePending: false, released: { stock: true } };
  unreleased.coupons[1].status = 'unused';
  unreleased.stock[0].stock = 8;
  unreleased.members[1].points = 0;
  unreleased.ledger.push({ _id: 'points:lock:o2', key: 'points:lock:o2', openid: 'm2', kind: 'points', delta: -100 }, { _id: 'points:opening:m2', key: 'points:opening:m2', openid: 'm2', kind: 'points', delta: 100 });
  assert.match(violationsOf(unreleased).join('\n'), /order o2: cancelled but its 100 points were never given back/);
});
