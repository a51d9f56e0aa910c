import { describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import { checkCoupon, chooseBestCoupon, couponDiscount, type CouponLine, type WalletCoupon } from '@core/coupon';

const NOW = new Date('2026-11-26T04:00:00Z');
const line = (skuId: string, category: string, qty: number, unitPriceFen: number, paidMemberDiscountFen = 0): CouponLine => ({ skuId, category, qty, unitPriceFen, amountFen: qty * unitPriceFen, paidMemberDiscountFen });
const coupon = (couponId: string, terms: Partial<WalletCoupon>): WalletCoupon => ({
  couponId,
  name: couponId,
  kind: 'cash',
  status: 'unused',
  validFrom: new Date('2026-11-01T00:00:00Z'),
  validTo: new Date('2026-12-01T00:00:00Z'),
  ...terms,
});

const cart = [line('berry', 'fruit', 2, 2990), line('milk', 'dairy', 1, 1590)];

describe('coupon', () => {
  test('couponDiscount: cash takes its value, threshold only from its threshold up', () => {
    assert.deepEqual(couponDiscount({ kind: 'cash', valueFen: 500 }, cart), { applies: true, discountFen: 500 });
    assert.deepEqual(couponDiscount({ kind: 'threshold', valueFen: 1500, thresholdFen: 9900 }, cart), { applies: false, reason: '适用商品还差 ¥23.30 可用' });
    assert.deepEqual(couponDiscount({ kind: 'threshold', valueFen: 1000, thresholdFen: 5000 }, cart), { applies: true, discountFen: 1000 });
  });

  test('couponDiscount: a discount rounds half up and respects its cap; scope limits what it applies to', () => {
    // 75折 on 7570: 25% = 1892.5 → 1893 off (half up on the discount).
    assert.deepEqual(couponDiscount({ kind: 'discount', payPercent: 75 }, cart), { applies: true, discountFen: 1893 });
    assert.deepEqual(couponDiscount({ kind: 'discount', payPercent: 75, maxDiscountFen: 1000 }, cart), { applies: true, discountFen: 1000 });
    assert.deepEqual(couponDiscount({ kind: 'cash', valueFen: 5000, scope: { categories: ['dairy'] } }, cart), { applies: true, discountFen: 1590 });
    assert.deepEqual(couponDiscount({ kind: 'cash', valueFen: 500, scope: { skuIds: ['durian'] } }, cart), { applies: false, reason: '订单中没有适用商品' });
  });

  test('couponDiscount: a gift makes one unit of its SKU free, at the member\'s price', () => {
    assert.deepEqual(couponDiscount({ kind: 'gift', giftSkuId: 'milk' }, [line('milk', 'dairy', 2, 1590, 159)]), { applies: true, discountFen: 1510 });
    assert.deepEqual(couponDiscount({ kind: 'gift', giftSkuId: 'milk' }, [line('berry', 'fruit', 1, 2990)]), { applies: false, reason: '请先将赠品加入购物车' });
  });

  test('checkCoupon: says why a coupon does not apply now', () => {
    assert.equal((checkCoupon(coupon('a', { validFrom: new Date('2026-12-01T00:00:00Z'), validTo: new Date('2026-12-31T00:00:00Z') }), cart, NOW) as { reason: string }).reason, '未到可用时间');
    assert.equal((checkCoupon(coupon('b', { validTo: new Date('2026-11-20T00:00:00Z') }), cart, NOW) as { reason: string }).reason, '已过期');
    assert.equal((checkCoupon(coupon('c', { status: 'locked' }), cart, NOW) as { reason: string }).reason, '已被其他待支付订单占用');
  });

  test('chooseBestCoupon: the one that saves most, the sooner-expiring one at a tie', () => {
    const wallet = [coupon('five', { valueFen: 500 }), coupon('ten-late', { valueFen: 1000 }), coupon('ten-soon', { valueFen: 1000, validTo: new Date('2026-11-28T00:00:00Z') }), coupon('big', { kind: 'threshold', valueFen: 3000, thresholdFen: 99_00 })];
    const { best, choices } = chooseBestCoupon(wallet, cart, NOW);
    assert.equal(best, 'ten-soon');
    assert.equal(choices.find((c) => c.couponId === 'big')?.check.applies, false);
    assert.equal(chooseBestCoupon([], cart, NOW).best, null);
  });

  const arbLine = fc.record({ skuId: fc.constantFrom('a', 'b', 'c'), category: fc.constantFrom('fruit', 'dairy'), qty: fc.integer({ min: 1, max: 5 }), unitPriceFen: fc.integer({ min: 1, max: 50_000 }) }).chain((l) =>
    fc.integer({ min: 0, max: l.qty * l.unitPriceFen }).map((paid) => ({ ...l, amountFen: l.qty * l.unitPriceFen, paidMemberDiscountFen: Math.floor(paid / 2) })),
  );
  const arbTerms = fc.record({
    kind: fc.constantFrom('cash' as const, 'threshold' as const, 'discount' as const, 'gift' as const),
    valueFen: fc.integer({ min: 0, max: 100_000 }),
    thresholdFen: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
    payPercent: fc.integer({ min: 0, max: 100 }),
    maxDiscountFen: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    giftSkuId: fc.constantFrom('a', 'b', 'z'),
    scope: fc.option(fc.record({ categories: fc.subarray(['fruit', 'dairy']), skuIds: fc.subarray(['a', 'b', 'c']) }), { nil: undefined }),
  });

  test('couponDiscount (property): never more than the amount it applies to, never negative', () => {
    fc.assert(
      fc.property(arbTerms, fc.array(arbLine, { minLength: 1, maxLength: 4 }), (terms, lines) => {
        const check = couponDiscount(terms, lines);
        if (!check.applies) return true;
        const total = lines.reduce((s, l) => s + l.amountFen - l.paidMemberDiscountFen, 0);
        return Number.isInteger(check.discountFen) && check.discountFen >= 0 && check.discountFen <= total;
      }),
    );
  });

  test('chooseBestCoupon (property): the best is never worse than any other applicable coupon', () => {
    fc.assert(
      fc.property(fc.array(arbTerms, { maxLength: 6 }), fc.array(arbLine, { minLength: 1, maxLength: 4 }), (termsList, lines) => {
        const wallet = termsList.map((t, i) => coupon(`c${i}`, t));
        const { best, choices } = chooseBestCoupon(wallet, lines, NOW);
        const bestFen = best ? (choices.find((c) => c.couponId === best)!.check as { discountFen: number }).discountFen : 0;
        return choices.every((c) => !c.check.applies || c.check.discountFen <= bestFen);
      }),
    );
  });
});
