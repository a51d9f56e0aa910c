import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { CouponResponses, WalletCouponView } from '@contract/coupon';
import type { Result } from '@contract/errors';
import type { OrderView } from '@contract/order';
import { assertInvariants } from '@test/support/invariants';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { FIVE_OFF, upsertTemplate } from '@test/support/coupons';
import { createOrder, detail, errorOf, okData, pay, quote, setClock } from '@test/support/shop';

const claim = async (cloud: EmulatorInstance, openid: string, templateId: string) => okData(await cloud.call<Result<WalletCouponView>>('coupon', { action: 'claim', templateId }, openid));
const statusOf = async (cloud: EmulatorInstance, openid: string, couponId: string) =>
  okData(await cloud.call<Result<CouponResponses['wallet']>>('coupon', { action: 'wallet' }, openid)).coupons.find((c) => c.couponId === couponId)?.status;

describe('coupons at checkout', () => {
  let cloud: EmulatorInstance;
  let five: WalletCouponView;
  let big: WalletCouponView;
  const cart = [{ skuId: 'fruit-durian', qty: 1 }]; // ¥158.00 for a silver member
  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    await setClock(cloud, '2026-11-26T04:00:00.000Z');
    await cloud.post('/__dev/reset', { seed: 'demo' });
    await upsertTemplate(cloud, FIVE_OFF);
    await upsertTemplate(cloud, { templateId: 'tpl-99-15', name: '满99减15', kind: 'threshold', valueFen: 1500, thresholdFen: 9900, validity: { days: 7 }, claimable: true });
    await upsertTemplate(cloud, { templateId: 'tpl-dairy', name: '乳品75折', kind: 'discount', payPercent: 75, scope: { categories: ['dairy'] }, validity: { days: 7 }, claimable: true });
    five = await claim(cloud, 'demo-member', 'tpl-five');
    big = await claim(cloud, 'demo-member', 'tpl-99-15');
    await claim(cloud, 'demo-member', 'tpl-dairy');
  });

  test('quote: proposes the coupon that saves most and says why the others do not apply', async () => {
    const q = okData(await quote(cloud, 'demo-member', cart));
    assert.equal(q.bestCouponId, big.couponId);
    assert.equal(q.couponDiscountFen, 0);
    const dairy = q.coupons.find((c) => c.name === '乳品75折');
    assert.equal(dairy?.applies, false);
    assert.equal(dairy?.reason, '订单中没有适用商品');
    const withBest = okData(await quote(cloud, 'demo-member', cart, { couponId: big.couponId }));
    assert.equal(withBest.couponDiscountFen, 1500);
    assert.equal(withBest.payableFen, 15800 - 1500);
    assert.equal(errorOf(await quote(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }], { couponId: big.couponId })).code, 'NOT_ELIGIBLE');
  });

  test('create: two concurrent orders trying the same coupon, exactly one locks it', async () => {
    const results = await Promise.all([createOrder(cloud, 'demo-member', cart, { couponId: big.couponId }), createOrder(cloud, 'demo-member', cart, { couponId: big.couponId })]);
    assert.equal(results.filter((r) => r.ok).length, 1);
    const loser = results.find((r) => !r.ok);
    assert.equal(loser && !loser.ok && loser.error.code, 'NOT_ELIGIBLE');
    assert.equal(await statusOf(cloud, 'demo-member', big.couponId), 'locked');
    await assertInvariants(cloud);
  });

  test('pay: the locked coupon is used; cancel: it comes back', async () => {
    const paid = okData(await createOrder(cloud, 'demo-member', cart, { couponId: big.couponId }));
    assert.equal(paid.payableFen, 14300);
    await pay(cloud, paid.outTradeNo, 3);
    assert.equal(await statusOf(cloud, 'demo-member', big.couponId), 'used');
    assert.equal((await detail(cloud, 'demo-member', paid.orderId)).couponDiscountFen, 1500);

    const held = okData(await createOrder(cloud, 'demo-member', cart, { couponId: five.couponId }));
    assert.equal(await statusOf(cloud, 'demo-member', five.couponId), 'locked');
    okData(await cloud.call<Result<OrderView>>('order', { action: 'cancel', orderId: held.orderId }, 'demo-member'));
    assert.equal(await statusOf(cloud, 'demo-member', five.couponId), 'unused');
  });

  test('orderTimeout: an unpaid order past 15 minutes gives its coupon back', async () => {
    okData(await createOrder(cloud, 'demo-member', cart, { couponId: five.couponId }));
    await setClock(cloud, '2026-11-26T04:16:00.000Z');
    await cloud.post('/__dev/trigger/orderTimeout');
    assert.equal(await statusOf(cloud, 'demo-member', five.couponId), 'unused');
  });
});
