import { test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import { apportion, isRefusal, refundShare, type RefundableOrder, type RefundShare } from '@core/refund';

const order: RefundableOrder = {
  // 草莓 split across two prices (2 at the group price, 1 at the member price), one 牛奶.
  lines: [
    { skuId: 'berry', name: '草莓', qty: 2, amountFen: 5980, paidMemberDiscountFen: 0 },
    { skuId: 'berry', name: '草莓', qty: 1, amountFen: 3290, paidMemberDiscountFen: 0 },
    { skuId: 'milk', name: '牛奶', qty: 1, amountFen: 1590, paidMemberDiscountFen: 0 },
  ],
  payableFen: 9860, // after a ¥10 coupon
  pointsUsed: 100,
  growthEarned: 98,
  pointsEarned: 98,
};

test('refundShare: one unit, then the rest, add up to exactly what was paid, spent and earned', () => {
  const first = refundShare(order, [{ skuId: 'berry', qty: 1 }]) as RefundShare;
  assert.equal(isRefusal(first), false);
  assert.deepEqual(first.lines.map((l) => [l.skuId, l.qty, l.before]), [['berry', 1, 0]]);
  assert.equal(first.whole, false);
  assert.deepEqual(first.refundedQty, { berry: 1 });
  const rest = refundShare({ ...order, refundedQty: first.refundedQty }) as RefundShare;
  assert.equal(rest.whole, true);
  assert.deepEqual(rest.lines.map((l) => [l.skuId, l.qty, l.before]), [['berry', 2, 1], ['milk', 1, 0]]);
  assert.equal(first.refundFen + rest.refundFen, 9860);
  assert.equal(first.pointsReturned + rest.pointsReturned, 100);
  assert.equal(first.growthReversed + rest.growthReversed, 98);
  assert.equal(first.pointsReversed + rest.pointsReversed, 98);
  // The coupon is shared by line amount: 草莓's share of ¥98.60 is 9270/10860 of it.
  assert.equal(first.refundFen, Math.floor(Math.round((9860 * 9270) / 10860) / 3));
});

test('refundShare refuses an unknown SKU, too many units and an order with nothing left', () => {
  assert.deepEqual(refundShare(order, [{ skuId: 'kiwi', qty: 1 }]), { refused: 'unknown_sku', skuId: 'kiwi' });
  assert.deepEqual(refundShare(order, [{ skuId: 'milk', qty: 2 }]), { refused: 'too_many', skuId: 'milk' });
  assert.deepEqual(refundShare({ ...order, refundedQty: { milk: 1 } }, [{ skuId: 'milk', qty: 1 }]), { refused: 'too_many', skuId: 'milk' });
  assert.deepEqual(refundShare({ ...order, refundedQty: { berry: 3, milk: 1 } }), { refused: 'nothing_left' });
});

test('apportion: exact sums, equal parts for zero weights', () => {
  assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(apportion(5, [0, 0]), [3, 2]);
  assert.deepEqual(apportion(0, [3, 7]), [0, 0]);
});

test('property: any sequence of partial refunds sums exactly to the order, each part non-negative', () => {
  const line = fc.record({ qty: fc.integer({ min: 1, max: 6 }), amountFen: fc.integer({ min: 0, max: 20_000 }) });
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 1000 }), fc.array(fc.nat(), { maxLength: 12 }), (raw, seed, picks) => {
      const lines = raw.map((l, i) => ({ skuId: `s${i % 3}`, name: `商品${i}`, qty: l.qty, amountFen: l.amountFen, paidMemberDiscountFen: Math.floor(l.amountFen / 20) }));
      const subtotal = lines.reduce((s, l) => s + l.amountFen - l.paidMemberDiscountFen, 0);
      const o: RefundableOrder = { lines, payableFen: Math.max(0, subtotal - seed), pointsUsed: seed, growthEarned: Math.floor(subtotal / 100), pointsEarned: Math.floor(subtotal / 50), membershipSavingsFen: seed % 97 };
      const totals = { refundFen: 0, pointsReturned: 0, growthReversed: 0, pointsReversed: 0, savingsFen: 0 };
      let refundedQty: Record<string, number> = {};
      const add = (r: RefundShare) => {
        for (const k of Object.keys(totals) as Array<keyof typeof totals>) {
          assert.ok(r[k] >= 0);
          totals[k] += r[k];
        }
        refundedQty = r.refundedQty;
      };
      for (const p of picks) {
        const skus = [...new Set(lines.map((l) => l.skuId))];
        const skuId = skus[p % skus.length];
        const left = lines.filter((l) => l.skuId === skuId).reduce((s, l) => s + l.qty, 0) - (refundedQty[skuId] ?? 0);
        if (left <= 0) continue;
        const r = refundShare({ ...o, refundedQty }, [{ skuId, qty: 1 + (p % left) }]);
        assert.equal(isRefusal(r), false);
        add(r as RefundShare);
      }
      const last = refundShare({ ...o, refundedQty });
      if (!isRefusal(last)) add(last);
      assert.deepEqual(totals, { refundFen: o.payableFen, pointsReturned: o.pointsUsed, growthReversed: o.growthEarned, pointsReversed: o.pointsEarned, savingsFen: o.membershipSavingsFen });
    }),
    { numRuns: 300 },
  );
});
