import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { CouponResponses } from '@contract/coupon';
import type { Result } from '@contract/errors';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import { upsertTemplate } from '@test/support/coupons';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { documents, FLAGSHIP, okData, profile, setClock, stockOf } from '@test/support/shop';

describe('create when cloud payment refuses the prepay', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    // No merchant number configured for the order function: cloud payment refuses every prepay.
    cloud = await startEmulator({ seed: 'demo', env: { WXPAY_SUB_MCH_ID: '' } });
    await setClock(cloud, '2026-11-28T04:00:00.000Z');
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('create: PAYMENT_FAILED, and the stock, the limited price, the coupon and the points it held are all back at once', async () => {
    await upsertTemplate(cloud, { templateId: 'cash-5', name: '无门槛5元', kind: 'cash', valueFen: 500, validity: { days: 7 } });
    okData(await cloud.call<Result<unknown>>('admin', { action: 'grant', openid: 'demo-member', kind: 'coupon', templateId: 'cash-5' }, 'demo-admin'));
    const [coupon] = okData(await cloud.call<Result<CouponResponses['wallet']>>('coupon', { action: 'wallet' }, 'demo-member')).coupons;
    const stock = await stockOf(cloud, FLAGSHIP, 'fruit-strawberry');
    const points = (await profile(cloud, 'demo-member')).points;
    const request = { action: 'create', storeId: FLAGSHIP, items: [{ skuId: 'fruit-strawberry', qty: 3 }], couponId: coupon.couponId, points: 200, requestId: 'prepay-refused-1' };
    const failed = await cloud.call<Result<unknown>>('order', request, 'demo-member');
    assert.ok(!failed.ok);
    assert.equal(failed.error.code, 'PAYMENT_FAILED');
    assert.match(failed.error.message, /发起支付失败/);
    assert.equal(await stockOf(cloud, FLAGSHIP, 'fruit-strawberry'), stock);
    assert.equal((await profile(cloud, 'demo-member')).points, points);
    const [after] = okData(await cloud.call<Result<CouponResponses['wallet']>>('coupon', { action: 'wallet' }, 'demo-member')).coupons;
    assert.equal(after.status, 'unused');
    assert.ok((await documents<{ qty: number }>(cloud, 'priceListUsage')).every((c) => c.qty === 0), 'limited group-price units given back');
    // The same request again answers the same failure, and holds nothing.
    const again = await cloud.call<Result<unknown>>('order', request, 'demo-member');
    assert.ok(!again.ok && again.error.code === 'PAYMENT_FAILED');
    assert.equal(await stockOf(cloud, FLAGSHIP, 'fruit-strawberry'), stock);
    const report = await checkLocalCloud(cloud.url, { settled: true });
    assert.deepEqual(report.violations, []);
  });
});
