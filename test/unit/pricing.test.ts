import { describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import type { Buyer, Product } from '@core/catalog';
import { buildQuote, maxPointsFor, paidMemberPercent } from '@core/checkout';
import { activePriceLists, type PriceList } from '@core/priceList';
import { priceLine, unitPrice } from '@core/pricing';
import { TIERS, tierRank } from '@core/tier';

const THURSDAY = new Date('2026-11-26T04:00:00Z'); // Thursday noon in Shanghai
const FRIDAY = new Date('2026-11-27T04:00:00Z');

const strawberry: Product = { skuId: 'berry', name: '丹东草莓', category: 'fruit', unit: '500g/盒', listPriceFen: 3990, memberPriceFen: { silver: 3690, gold: 3490 }, paidPriceFen: 3390 };
const milk: Product = { skuId: 'milk', name: '鲜牛奶', category: 'dairy', unit: '950ml', listPriceFen: 1590, noExtraDiscount: true };

const normal: Buyer = { tier: 'normal', paid: false, segment: null, groups: [], isNewCustomer: false };
const groupA: PriceList = {
  priceListId: 'pl-a',
  name: 'A群会员日',
  audience: { type: 'group', values: ['gid-A'] },
  window: { from: '2026-11-01', to: '2026-12-31' },
  items: [{ skuId: 'berry', priceFen: 2990, perMemberQty: 2 }],
};

describe('pricing', () => {
  test('unitPrice: the lowest of list, tier member price and paid price', () => {
    assert.equal(unitPrice(strawberry, normal, []).unitPriceFen, 3990);
    assert.equal(unitPrice(strawberry, { ...normal, tier: 'silver' }, []).unitPriceFen, 3690);
    // A diamond member also gets the gold price when diamond has none.
    const diamond = unitPrice(strawberry, { ...normal, tier: 'diamond' }, []);
    assert.equal(diamond.unitPriceFen, 3490);
    assert.equal(diamond.priceLabel, '会员价');
    const paid = unitPrice(strawberry, { ...normal, tier: 'silver', paid: true }, []);
    assert.equal(paid.unitPriceFen, 3390);
    assert.equal(paid.priceLabel, '心享价');
  });

  test('unitPrice: the member price names the buyer\'s own tier, never a lower tier whose price it inherits', () => {
    const silverOnly: Product = { ...strawberry, memberPriceFen: { silver: 3690 } };
    const gold = unitPrice(silverOnly, { ...normal, tier: 'gold' }, []);
    assert.deepEqual([gold.unitPriceFen, gold.priceLabel, gold.reason], [3690, '会员价', '金卡会员价']);
    assert.equal(unitPrice(silverOnly, { ...normal, tier: 'silver' }, []).reason, '银卡会员价');
    assert.equal(unitPrice(strawberry, { ...normal, tier: 'diamond' }, []).reason, '钻卡会员价');
    assert.equal(unitPrice(silverOnly, normal, []).reason, '零售价');
  });

  test('priceLine: a group price applies only to members of that group, in its window', () => {
    const inGroup = { ...normal, groups: ['gid-A'] };
    assert.equal(unitPrice(strawberry, inGroup, activePriceLists([groupA], inGroup, THURSDAY)).priceLabel, '群专享');
    assert.equal(activePriceLists([groupA], normal, THURSDAY).length, 0);
    assert.equal(activePriceLists([groupA], inGroup, new Date('2027-01-01T04:00:00Z')).length, 0);
  });

  test('priceLine: units beyond the per-member quantity fall back to the next price', () => {
    const buyer = { ...normal, tier: 'silver' as const, groups: ['gid-A'] };
    const segments = priceLine(strawberry, 5, buyer, [groupA]);
    assert.deepEqual(
      segments.map((s) => [s.qty, s.unitPriceFen, s.priceSource]),
      [
        [2, 2990, 'group'],
        [3, 3690, 'member'],
      ],
    );
    const afterBuying = priceLine(strawberry, 1, buyer, [groupA], () => ({ soldQty: 2, memberQty: 2 }));
    assert.equal(afterBuying[0].unitPriceFen, 3690);
  });

  test('priceLine: does not mutate the product or price list', () => {
    const before = JSON.stringify([strawberry, groupA]);
    priceLine(strawberry, 4, { ...normal, groups: ['gid-A'] }, [groupA]);
    assert.equal(JSON.stringify([strawberry, groupA]), before);
  });

  test('inWindow: member day on Wednesdays only', () => {
    const wednesdays: PriceList = { ...groupA, window: { from: '2026-11-01', to: '2026-12-31', weekdays: [3] } };
    const buyer = { ...normal, groups: ['gid-A'] };
    assert.equal(activePriceLists([wednesdays], buyer, new Date('2026-11-25T04:00:00Z')).length, 1);
    assert.equal(activePriceLists([wednesdays], buyer, THURSDAY).length, 0);
  });
});

describe('checkout', () => {
  test('buildQuote: paid members get 95折, 85折 on Friday, not on noExtraDiscount products', () => {
    assert.equal(paidMemberPercent(THURSDAY), 95);
    assert.equal(paidMemberPercent(FRIDAY), 85);
    const buyer = { ...normal, paid: true };
    const segments = [...priceLine(strawberry, 1, buyer, []), ...priceLine(milk, 2, buyer, [])];
    const products = new Map([strawberry, milk].map((p) => [p.skuId, p]));
    const thursday = buildQuote({ segments, products, paidMember: true, now: THURSDAY });
    // 3390 × 5% = 169.5 → 170 off (half up on the discount); milk excluded.
    assert.equal(thursday.paidMemberDiscountFen, 170);
    const friday = buildQuote({ segments, products, paidMember: true, now: FRIDAY });
    assert.equal(friday.paidMemberDiscountFen, 509); // 508.5 → 509
    assert.equal(friday.payableFen, 3390 - 509 + 2 * 1590);
  });

  test('maxPointsFor: whole hundreds, at most half of what is due and the balance', () => {
    assert.equal(maxPointsFor(10_000, 100_000), 5000);
    assert.equal(maxPointsFor(10_000, 1260), 1200);
    assert.equal(maxPointsFor(199, 10_000), 0);
    assert.equal(maxPointsFor(399, 10_000), 100);
  });

  const arbProduct = fc.record({
    skuId: fc.constantFrom('a', 'b', 'c', 'd'),
    name: fc.constant('p'),
    category: fc.constant('c'),
    unit: fc.constant('件'),
    listPriceFen: fc.integer({ min: 1, max: 100_000 }),
    memberPriceFen: fc.record({ silver: fc.integer({ min: 1, max: 100_000 }), gold: fc.integer({ min: 1, max: 100_000 }) }, { requiredKeys: [] }),
    paidPriceFen: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
    noExtraDiscount: fc.boolean(),
  });
  const arbBuyer = fc.record({
    tier: fc.constantFrom(...TIERS),
    paid: fc.boolean(),
    segment: fc.constantFrom(null, 'S1', 'S4'),
    groups: fc.subarray(['gid-A', 'gid-B']),
    isNewCustomer: fc.boolean(),
  });
  const arbList = fc.record({
    priceListId: fc.constantFrom('l1', 'l2'),
    name: fc.constant('list'),
    audience: fc.oneof(
      fc.record({ type: fc.constant('group' as const), values: fc.constant(['gid-A']) }),
      fc.record({ type: fc.constant('segment' as const), values: fc.constant(['S1']) }),
      fc.record({ type: fc.constant('paid' as const) }),
      fc.record({ type: fc.constant('new' as const) }),
    ),
    window: fc.constant({ from: '2026-01-01', to: '2027-12-31' }),
    items: fc.array(fc.record({ skuId: fc.constantFrom('a', 'b', 'c', 'd'), priceFen: fc.integer({ min: 1, max: 100_000 }), perMemberQty: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }), { maxLength: 3 }),
  });
  const arbCart = fc.uniqueArray(fc.tuple(arbProduct, fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 4, selector: ([p]) => p.skuId });
  const arbNow = fc.constantFrom(THURSDAY, FRIDAY);

  function quoteFor(cart: Array<[Product, number]>, buyer: Buyer, lists: PriceList[], now: Date, points: number, balance: number, couponDiscountFen = 0) {
    const active = activePriceLists(lists, buyer, now);
    const segments = cart.flatMap(([product, qty]) => priceLine(product, qty, buyer, active));
    const products = new Map(cart.map(([p]) => [p.skuId, p]));
    return buildQuote({ segments, products, paidMember: buyer.paid, now, pointsRequested: points, pointsBalance: balance, couponDiscountFen });
  }

  test('buildQuote (property): the breakdown sums exactly and payable stays within [0, list total]', () => {
    fc.assert(
      fc.property(arbCart, arbBuyer, fc.array(arbList, { maxLength: 2 }), arbNow, fc.nat(200_000), fc.nat(200_000), fc.nat(50_000), (cart, buyer, lists, now, points, balance, coupon) => {
        const q = quoteFor(cart, buyer, lists, now, points, balance, coupon);
        assert.equal(q.subtotalFen, q.lines.reduce((s, l) => s + l.amountFen, 0));
        assert.equal(q.payableFen, q.subtotalFen - q.paidMemberDiscountFen - q.couponDiscountFen - q.pointsDiscountFen);
        assert.ok(q.payableFen >= 0);
        assert.ok(q.payableFen <= q.listTotalFen);
        assert.ok(q.pointsUsed % 100 === 0 && q.pointsUsed <= balance);
        assert.ok(q.pointsDiscountFen * 2 <= q.subtotalFen - q.paidMemberDiscountFen - q.couponDiscountFen);
        assert.equal(q.lines.reduce((s, l) => s + l.qty, 0), cart.reduce((s, [, qty]) => s + qty, 0));
      }),
    );
  });

  test('priceLine (property): granting a member more benefits never raises a price', () => {
    const arbMore = fc.record({ higherTier: fc.constantFrom(...TIERS), paid: fc.boolean(), extraGroups: fc.subarray(['gid-A', 'gid-B']), segment: fc.constantFrom(null, 'S1') });
    fc.assert(
      fc.property(arbCart, arbBuyer, arbMore, fc.array(arbList, { maxLength: 2 }), arbNow, (cart, buyer, more, lists, now) => {
        const richer: Buyer = {
          tier: tierRank(more.higherTier) > tierRank(buyer.tier) ? more.higherTier : buyer.tier,
          paid: buyer.paid || more.paid,
          segment: buyer.segment ?? more.segment,
          groups: [...new Set([...buyer.groups, ...more.extraGroups])],
          isNewCustomer: buyer.isNewCustomer,
        };
        const before = quoteFor(cart, buyer, lists, now, 0, 0);
        const after = quoteFor(cart, richer, lists, now, 0, 0);
        for (const [product] of cart) {
          assert.ok(unitPrice(product, richer, activePriceLists(lists, richer, now)).unitPriceFen <= unitPrice(product, buyer, activePriceLists(lists, buyer, now)).unitPriceFen);
        }
        assert.ok(after.subtotalFen <= before.subtotalFen);
        assert.ok(after.payableFen <= before.payableFen, `${after.payableFen} > ${before.payableFen}`);
      }),
    );
  });
});
