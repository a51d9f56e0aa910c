import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { CatalogResponses } from '@contract/catalog';
import type { OrderView } from '@contract/order';
import { assertInvariants } from '@test/support/invariants';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { buy, createOrder, detail, documents, errorOf, FLAGSHIP, okData, pay, profile, quote, setClock, stockOf } from '@test/support/shop';

const THURSDAY_NOON = '2026-11-26T04:00:00.000Z';
const FRIDAY_NOON = '2026-11-27T04:00:00.000Z';

describe('order', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    await setClock(cloud, THURSDAY_NOON);
    await cloud.post('/__dev/reset', { seed: 'demo' });
  });

  test('catalog.list: each member sees their own price and why', async () => {
    const asGroupMember = okData(await cloud.call<Result<CatalogResponses['list']>>('catalog', { action: 'list', storeId: FLAGSHIP }, 'demo-member'));
    const asNormal = okData(await cloud.call<Result<CatalogResponses['list']>>('catalog', { action: 'list', storeId: FLAGSHIP }, 'demo-normal'));
    const berry = (list: CatalogResponses['list']) => list.products.find((p) => p.skuId === 'fruit-strawberry')!;
    assert.equal(berry(asGroupMember).unitPriceFen, 2990);
    assert.equal(berry(asGroupMember).priceLabel, '群专享');
    assert.equal(berry(asNormal).unitPriceFen, 3990);
    assert.ok(asNormal.products.length >= 30);
    assert.ok(asNormal.categories.some((c) => c.name === '鲜奶乳品'));
  });

  test('quote: a group price for two units, the member price for the rest, points capped', async () => {
    const q = okData(await quote(cloud, 'demo-member', [{ skuId: 'fruit-strawberry', qty: 3 }], { points: 100_000 }));
    assert.deepEqual(
      q.lines.map((l) => [l.qty, l.unitPriceFen, l.priceLabel]),
      [
        [2, 2990, '群专享'],
        [1, 3690, '会员价'],
      ],
    );
    assert.equal(q.subtotalFen, 2 * 2990 + 3690);
    // 1260 points, at most half of 9670 fen → 4800 points? no: the balance allows 1200.
    assert.equal(q.pointsUsed, 1200);
    assert.equal(q.payableFen, q.subtotalFen - 1200);
  });

  test('quote: a paid member pays 85% on a Friday, 95% on other days', async () => {
    const thursday = okData(await quote(cloud, 'demo-paid', [{ skuId: 'fruit-citrus', qty: 1 }]));
    assert.equal(thursday.lines[0].unitPriceFen, 5290);
    assert.equal(thursday.paidMemberPercent, 95);
    assert.equal(thursday.payableFen, 5290 - 265); // 5% of 5290 = 264.5 → 265 off
    // The checkout says what it is from the server's facts, not from guesses of its own.
    assert.deepEqual([thursday.paidMemberFriday, thursday.pointsPerYuan], [false, 100]);
    await setClock(cloud, FRIDAY_NOON);
    const friday = okData(await quote(cloud, 'demo-paid', [{ skuId: 'fruit-citrus', qty: 1 }]));
    assert.equal(friday.paidMemberPercent, 85);
    assert.equal(friday.payableFen, 5290 - 794); // 15% = 793.5 → 794 off
    assert.equal(friday.paidMemberFriday, true);
  });

  test('quote: bad input is INVALID_ARGUMENT, an unknown product NOT_FOUND', async () => {
    assert.deepEqual(errorOf(await quote(cloud, 'demo-member', [{ skuId: 'fruit-strawberry', qty: 0 }])), { code: 'INVALID_ARGUMENT', message: '商品清单第1项的数量不能小于 1' });
    assert.deepEqual(errorOf(await quote(cloud, 'demo-member', [{ skuId: 'fruit-strawberry', qty: 1.5 }])), { code: 'INVALID_ARGUMENT', message: '商品清单第1项的数量须为整数' });
    assert.deepEqual(errorOf(await cloud.call<Result<unknown>>('order', { action: 'quote', items: [] }, 'demo-member')), { code: 'INVALID_ARGUMENT', message: '请填写门店' });
    assert.equal(errorOf(await quote(cloud, 'demo-member', [{ skuId: 'no-such-thing', qty: 1 }])).code, 'NOT_FOUND');
  });

  test('create → pay: the order is paid, a voucher issued, growth, points and tier credited once', async () => {
    const before = await profile(cloud, 'demo-member');
    assert.equal(before.tier, 'silver');
    const stockBefore = await stockOf(cloud, FLAGSHIP, 'gift-fruit-box');
    const created = okData(await createOrder(cloud, 'demo-member', [{ skuId: 'gift-fruit-box', qty: 7 }]));
    assert.ok(created.payment?.package.startsWith('prepay_id='));
    assert.equal(await stockOf(cloud, FLAGSHIP, 'gift-fruit-box'), stockBefore - 7);
    const pending = await detail(cloud, 'demo-member', created.orderId);
    assert.equal(pending.status, 'pending_payment');
    assert.equal(pending.voucher, null);

    const deliveries = await pay(cloud, created.outTradeNo, 20);
    assert.equal(deliveries.length, 20);
    assert.ok(deliveries.every((d) => d.result?.errcode === 0));

    const paid = await detail(cloud, 'demo-member', created.orderId);
    assert.equal(paid.status, 'paid');
    assert.ok(paid.voucher && /^\d{8}$/.test(paid.voucher.shortCode));
    const earned = Math.floor(created.payableFen / 100);
    assert.equal(paid.growthEarned, earned);
    const afterPay = await profile(cloud, 'demo-member');
    assert.equal(afterPay.growth, before.growth + earned);
    assert.equal(afterPay.points, before.points + earned);
    assert.equal(afterPay.tier, 'gold');
    const ledger = await documents<{ key: string; ref: string }>(cloud, 'ledger');
    assert.equal(ledger.filter((e) => e.key === `growth:pay:${created.orderId}`).length, 1);
    assert.equal(ledger.filter((e) => e.ref === created.orderId && e.key.startsWith('points:pay')).length, 1);
    await assertInvariants(cloud);
  });

  test('payCallback: a client calling it directly cannot mark an order paid', async () => {
    const created = okData(await createOrder(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }]));
    const forged = await cloud.call<{ errcode: number }>('payCallback', { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: created.outTradeNo, totalFee: created.payableFen, transactionId: 'forged' }, 'demo-member');
    assert.notEqual(forged.errcode, 0);
    assert.equal((await detail(cloud, 'demo-member', created.orderId)).status, 'pending_payment');
  });

  test('payCallback: a failed payment or a wrong amount leaves the order unpaid', async () => {
    const created = okData(await createOrder(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }]));
    await pay(cloud, created.outTradeNo, 1, 'FAIL');
    assert.equal((await detail(cloud, 'demo-member', created.orderId)).status, 'pending_payment');
    const member = await profile(cloud, 'demo-member');
    assert.equal(member.growth, 800);
  });

  test('create: the same requestId, sent ten times at once, makes one order and reserves once', async () => {
    const stockBefore = await stockOf(cloud, FLAGSHIP, 'fruit-apple');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => cloud.call<Result<{ orderId: string }>>('order', { action: 'create', storeId: FLAGSHIP, items: [{ skuId: 'fruit-apple', qty: 2 }], requestId: 'same-request-0001' }, 'demo-gold')),
    );
    const ids = new Set(results.filter((r) => r.ok).map((r) => (r.ok ? r.data.orderId : '')));
    assert.equal(ids.size, 1);
    for (const r of results) if (!r.ok) assert.equal(r.error.code, 'CONFLICT');
    assert.equal(await stockOf(cloud, FLAGSHIP, 'fruit-apple'), stockBefore - 2);
    const orders = await documents<{ openid: string; requestId: string }>(cloud, 'orders');
    assert.equal(orders.filter((o) => o.requestId === 'same-request-0001').length, 1);
    await assertInvariants(cloud);
  });

  test('create: points are locked at once and come back when the order is cancelled', async () => {
    const created = okData(await createOrder(cloud, 'demo-gold', [{ skuId: 'imported-cherry', qty: 1 }], { points: 3000 }));
    assert.equal((await profile(cloud, 'demo-gold')).points, 400);
    const cancelled = okData(await cloud.call<Result<OrderView>>('order', { action: 'cancel', orderId: created.orderId }, 'demo-gold'));
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await profile(cloud, 'demo-gold')).points, 3400);
    // Asking again answers the order as it is, and changes nothing twice.
    assert.equal(okData(await cloud.call<Result<OrderView>>('order', { action: 'cancel', orderId: created.orderId }, 'demo-gold')).status, 'cancelled');
    assert.equal((await profile(cloud, 'demo-gold')).points, 3400);
  });

  test('orderTimeout: an order unpaid after 15 minutes is cancelled and its stock and points released', async () => {
    const stockBefore = await stockOf(cloud, FLAGSHIP, 'dairy-goat');
    const created = okData(await createOrder(cloud, 'demo-gold', [{ skuId: 'dairy-goat', qty: 3 }], { points: 1000 }));
    await setClock(cloud, '2026-11-26T04:14:00.000Z');
    await cloud.post('/__dev/trigger/orderTimeout');
    assert.equal((await detail(cloud, 'demo-gold', created.orderId)).status, 'pending_payment');
    await setClock(cloud, '2026-11-26T04:16:00.000Z');
    const fired = await cloud.post<{ result: { cancelled: number } }>('/__dev/trigger/orderTimeout');
    assert.equal(fired.body.result.cancelled, 1);
    assert.equal((await detail(cloud, 'demo-gold', created.orderId)).status, 'cancelled');
    assert.equal(await stockOf(cloud, FLAGSHIP, 'dairy-goat'), stockBefore);
    assert.equal((await profile(cloud, 'demo-gold')).points, 3400);
    // A payment arriving after the close is refunded, not credited.
    await pay(cloud, created.outTradeNo);
    assert.equal((await detail(cloud, 'demo-gold', created.orderId)).status, 'cancelled');
    assert.equal((await profile(cloud, 'demo-gold')).growth, 2600);
  });

  test('refund: before pickup the goods go back and the tier bought by the order is lost at once', async () => {
    const stockBefore = await stockOf(cloud, FLAGSHIP, 'gift-fruit-box');
    const paid = await buy(cloud, 'demo-member', [{ skuId: 'gift-fruit-box', qty: 7 }]);
    assert.equal((await profile(cloud, 'demo-member')).tier, 'gold');
    const refunded = okData(await cloud.call<Result<OrderView>>('order', { action: 'refund', orderId: paid.orderId, reason: '不想要了' }, 'demo-member'));
    assert.equal(refunded.status, 'refunded');
    const after = await profile(cloud, 'demo-member');
    assert.equal(after.growth, 800);
    assert.equal(after.points, 1260);
    assert.equal(after.tier, 'silver');
    assert.equal(await stockOf(cloud, FLAGSHIP, 'gift-fruit-box'), stockBefore);
    // Asking again answers the refunded order, and gives back nothing twice.
    assert.equal(okData(await cloud.call<Result<OrderView>>('order', { action: 'refund', orderId: paid.orderId }, 'demo-member')).status, 'refunded');
    assert.equal(okData(await cloud.call<Result<OrderView>>('order', { action: 'cancel', orderId: paid.orderId }, 'demo-member')).status, 'refunded');
    assert.equal(await stockOf(cloud, FLAGSHIP, 'gift-fruit-box'), stockBefore);
    assert.equal((await profile(cloud, 'demo-member')).points, 1260);
  });

  test('orderTimeout: a client calling the timer function directly is refused and nothing changes', async () => {
    const created = okData(await createOrder(cloud, 'demo-gold', [{ skuId: 'dairy-goat', qty: 1 }]));
    await setClock(cloud, '2026-11-26T04:30:00.000Z');
    const refused = await cloud.call<{ refused?: string }>('orderTimeout', {}, 'demo-gold');
    assert.ok(refused.refused);
    assert.equal((await detail(cloud, 'demo-gold', created.orderId)).status, 'pending_payment');
  });

  test('create: an order attributed to a live session that is not on keeps no attribution', async () => {
    const created = okData(await createOrder(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }], { liveSessionId: 'no-such-live' }));
    const orders = await documents<{ _id: string; liveSessionId: string | null }>(cloud, 'orders');
    assert.equal(orders.find((o) => o._id === created.orderId)?.liveSessionId, null);
  });

  test('detail: another member\'s order is NOT_FOUND', async () => {
    const created = okData(await createOrder(cloud, 'demo-member', [{ skuId: 'fruit-pear', qty: 1 }]));
    assert.equal(errorOf(await cloud.call<Result<OrderView>>('order', { action: 'detail', orderId: created.orderId }, 'demo-gold')).code, 'NOT_FOUND');
  });
});
