import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { CouponResponses, WalletCouponView } from '@contract/coupon';
import type { Result } from '@contract/errors';
import type { OrderView } from '@contract/order';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import { upsertTemplate } from '@test/support/coupons';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { buy, createOrder, detail, documents, FLAGSHIP, okData, profile, setClock, stockOf } from '@test/support/shop';

const NOON = '2026-11-28T04:00:00.000Z';
const days = { days: 30 };

describe('free orders, and rewards that follow their purchase', () => {
  let cloud: EmulatorInstance;
  const admin = async (data: Record<string, unknown>) => okData(await cloud.call<Result<unknown>>('admin', data, 'demo-admin'));
  const wallet = async (openid: string): Promise<WalletCouponView[]> => okData(await cloud.call<Result<CouponResponses['wallet']>>('coupon', { action: 'wallet' }, openid)).coupons;
  const grantCoupon = async (openid: string, templateId: string) => {
    await admin({ action: 'grant', openid, kind: 'coupon', templateId });
    return (await wallet(openid)).find((c) => c.templateId === templateId && c.status === 'unused')!;
  };
  const refund = async (openid: string, orderId: string) => okData(await cloud.call<Result<OrderView>>('order', { action: 'refund', orderId }, openid));
  const assertInvariants = async () => {
    const report = await checkLocalCloud(cloud.url);
    assert.deepEqual(report.violations, []);
  };

  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    await setClock(cloud, NOON);
    await cloud.post('/__dev/reset', { seed: 'demo' });
  });

  test('¥0 create: a gift coupon for its SKU completes the order at once — paid, voucher, coupon used, no WeChat Pay, no growth', async () => {
    await upsertTemplate(cloud, { templateId: 'gift-milk', name: '赠鲜牛奶', kind: 'gift', giftSkuId: 'dairy-milk-950', validity: days });
    const coupon = await grantCoupon('demo-normal', 'gift-milk');
    const stockBefore = await stockOf(cloud, FLAGSHIP, 'dairy-milk-950');
    const before = await profile(cloud, 'demo-normal');
    const created = okData(await createOrder(cloud, 'demo-normal', [{ skuId: 'dairy-milk-950', qty: 1 }], { couponId: coupon.couponId }));
    assert.equal(created.payableFen, 0);
    assert.equal(created.payment, null);
    assert.equal(created.status, 'paid');
    const order = await detail(cloud, 'demo-normal', created.orderId);
    assert.equal(order.status, 'paid');
    assert.match(order.voucher?.shortCode ?? '', /^\d{8}$/);
    assert.equal(order.growthEarned, 0);
    assert.equal((await wallet('demo-normal')).find((c) => c.couponId === coupon.couponId)?.status, 'used');
    assert.equal(await stockOf(cloud, FLAGSHIP, 'dairy-milk-950'), stockBefore - 1);
    assert.equal((await profile(cloud, 'demo-normal')).growth, before.growth);
    // Nothing was asked of WeChat Pay, and a repeated create answers the same paid order.
    assert.equal((await cloud.post(`/__dev/pay/${created.outTradeNo}`, { result: 'SUCCESS', times: 1 })).status, 404);
    const again = await cloud.call<Result<{ status: string }>>('order', { action: 'create', storeId: FLAGSHIP, items: [{ skuId: 'dairy-milk-950', qty: 1 }], couponId: coupon.couponId, requestId: 'x'.repeat(8) }, 'demo-normal');
    assert.equal(again.ok, false, 'the coupon is used: a new order cannot take it again');
    // Refunded before pickup: the gift goes back on the shelf, no money is owed.
    assert.equal((await refund('demo-normal', created.orderId)).status, 'refunded');
    assert.equal(await stockOf(cloud, FLAGSHIP, 'dairy-milk-950'), stockBefore);
    await assertInvariants();
  });

  test('¥0 create: a cash coupon worth more than the cart pays it all', async () => {
    await upsertTemplate(cloud, { templateId: 'cash-50', name: '无门槛50元', kind: 'cash', valueFen: 5000, validity: days });
    const coupon = await grantCoupon('demo-normal', 'cash-50');
    const created = okData(await createOrder(cloud, 'demo-normal', [{ skuId: 'dairy-milk-950', qty: 1 }], { couponId: coupon.couponId }));
    assert.deepEqual([created.payableFen, created.status, created.payment], [0, 'paid', null]);
    await assertInvariants();
  });

  test('create: a failure after something was held gives all of it back at once', async () => {
    // Two orders at once with the same coupon: the one that loses the coupon had already taken its stock.
    await upsertTemplate(cloud, { templateId: 'cash-5', name: '无门槛5元', kind: 'cash', valueFen: 500, validity: days });
    const coupon = await grantCoupon('demo-member', 'cash-5');
    const stockBefore = await stockOf(cloud, FLAGSHIP, 'gift-fruit-box');
    for (let round = 0; round < 3; round += 1) {
      const [a, b] = await Promise.all([
        createOrder(cloud, 'demo-member', [{ skuId: 'gift-fruit-box', qty: 2 }], { couponId: coupon.couponId }),
        createOrder(cloud, 'demo-member', [{ skuId: 'gift-fruit-box', qty: 3 }], { couponId: coupon.couponId }),
      ]);
      const won = [a, b].filter((r) => r.ok);
      assert.equal(won.length, 1, JSON.stringify([a, b]));
      const lost = [a, b].find((r) => !r.ok)!;
      assert.ok(!lost.ok && lost.error.code === 'NOT_ELIGIBLE');
      assert.equal(await stockOf(cloud, FLAGSHIP, 'gift-fruit-box'), stockBefore - (a.ok ? 2 : 3));
      assert.equal((await wallet('demo-member')).find((c) => c.couponId === coupon.couponId)?.status, 'locked');
      await assertInvariants();
      // Cancel the winner: the coupon and its stock come back for the next round.
      const winner = (a.ok ? a.data : b.ok ? b.data : null)!;
      okData(await cloud.call<Result<OrderView>>('order', { action: 'cancel', orderId: winner.orderId }, 'demo-member'));
      assert.equal(await stockOf(cloud, FLAGSHIP, 'gift-fruit-box'), stockBefore);
    }
  });

  test('refund: the upgrade pack of the tier it takes away is revoked if unused; reaching the tier again grants it again', async () => {
    await upsertTemplate(cloud, { templateId: 'up-gold-20', name: '金卡升级礼20元', kind: 'cash', valueFen: 2000, validity: days });
    await upsertTemplate(cloud, { templateId: 'up-gold-99', name: '金卡升级礼满99减15', kind: 'threshold', valueFen: 1500, thresholdFen: 9900, validity: days });
    await admin({ action: 'upsert', entity: 'tierBenefit', doc: { tier: 'gold', upgradePack: ['up-gold-20', 'up-gold-99'] } });
    await admin({ action: 'setStock', storeId: FLAGSHIP, skuId: 'gift-fruit-box', stock: 1000 });
    // 银卡 800 + 7 × ¥198 → 金卡, and the pack.
    const first = await buy(cloud, 'demo-member', [{ skuId: 'gift-fruit-box', qty: 7 }]);
    assert.equal((await profile(cloud, 'demo-member')).tier, 'gold');
    const pack = (await wallet('demo-member')).filter((c) => c.source === 'upgrade');
    assert.equal(pack.length, 2);
    // One pack coupon is used on another order (paid), the other stays unused.
    const used = pack.find((c) => c.templateId === 'up-gold-20')!;
    const withCoupon = await buy(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }], { couponId: used.couponId });
    assert.equal(withCoupon.couponId, used.couponId);

    const refunded = await refund('demo-member', first.orderId);
    assert.equal(refunded.status, 'refunded');
    assert.equal((await profile(cloud, 'demo-member')).tier, 'silver');
    const after = await wallet('demo-member');
    const revoked = after.find((c) => c.templateId === 'up-gold-99')!;
    assert.equal(revoked.status, 'expired');
    assert.equal(revoked.invalidReason, '订单退款后等级回退，升级礼包已收回');
    assert.equal(after.find((c) => c.couponId === used.couponId)?.status, 'used', 'a used one stays used');
    assert.deepEqual((await detail(cloud, 'demo-member', first.orderId)).status, 'refunded');
    const stored = (await documents<{ _id: string; revokedCoupons?: string[] }>(cloud, 'orders')).find((o) => o._id === first.orderId);
    assert.deepEqual(stored?.revokedCoupons, [revoked.couponId]);

    // 金卡 again: the revoked coupon is granted again (a new one); the used one is not given twice.
    await buy(cloud, 'demo-member', [{ skuId: 'gift-fruit-box', qty: 7 }]);
    assert.equal((await profile(cloud, 'demo-member')).tier, 'gold');
    const again = (await wallet('demo-member')).filter((c) => c.source === 'upgrade');
    assert.deepEqual(again.map((c) => `${c.templateId}:${c.status}`).sort(), ['up-gold-20:used', 'up-gold-99:expired', 'up-gold-99:unused']);
    assert.notEqual(again.find((c) => c.status === 'unused')?.couponId, revoked.couponId);
    await assertInvariants();
  });

  test('refund: the live share reward is revoked when no paid order from the session is left, and earned again by the next', async () => {
    const start = Date.parse('2026-11-28T12:00:00.000Z');
    await upsertTemplate(cloud, { templateId: 'live-share', name: '分享10元', kind: 'cash', valueFen: 1000, validity: days });
    await admin({ action: 'upsert', entity: 'liveSession', doc: { sessionId: 'live-x', title: '周六鲜果直播', roomId: 'room-1', startAt: new Date(start).toISOString(), endAt: new Date(start + 7_200_000).toISOString(), rewards: [{ trigger: 'share', templateId: 'live-share' }] } });
    await setClock(cloud, new Date(start + 600_000).toISOString());
    const share = async () => okData(await cloud.call<Result<{ granted: string[] }>>('live', { action: 'share', sessionId: 'live-x' }, 'demo-member')).granted;
    const order = await buy(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }], { liveSessionId: 'live-x' });
    const [shareCoupon] = await share();
    assert.ok(shareCoupon);
    await refund('demo-member', order.orderId);
    const revoked = (await wallet('demo-member')).find((c) => c.couponId === shareCoupon)!;
    assert.equal(revoked.status, 'expired');
    assert.equal(revoked.invalidReason, '直播间订单已退款，分享券已收回');
    assert.equal((await cloud.call<Result<unknown>>('live', { action: 'share', sessionId: 'live-x' }, 'demo-member')).ok, false, 'no paid order from the session is left');
    await buy(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }], { liveSessionId: 'live-x' });
    const [again] = await share();
    assert.ok(again && again !== shareCoupon);
    await assertInvariants();
  });

  test('packs: a pack that lists one template twice gives two coupons, once', async () => {
    await upsertTemplate(cloud, { templateId: 'month-10', name: '月度无门槛10元', kind: 'cash', valueFen: 1000, validity: days });
    await upsertTemplate(cloud, { templateId: 'month-99', name: '月度满99减20', kind: 'threshold', valueFen: 2000, thresholdFen: 9900, validity: days });
    await admin({ action: 'upsert', entity: 'plan', doc: { plan: 'premium', priceFen: 19900, monthlyPack: ['month-10', 'month-10', 'month-99'], weeklyGift: [] } });
    const claim = () => cloud.call<Result<{ coupons: WalletCouponView[] }>>('membership', { action: 'claimMonthlyPack' }, 'demo-paid');
    const results = await Promise.all([claim(), claim(), claim()]);
    // Taps racing may each issue part of the pack; together they issue it exactly once.
    assert.ok(results.every((r) => r.ok || r.error.code === 'LIMIT_REACHED'), JSON.stringify(results));
    assert.equal(results.flatMap((r) => (r.ok ? r.data.coupons : [])).length, 3);
    assert.deepEqual((await wallet('demo-paid')).map((c) => c.templateId).sort(), ['month-10', 'month-10', 'month-99']);
    await assertInvariants();
  });
});
