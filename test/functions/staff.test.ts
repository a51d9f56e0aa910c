import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Result } from '../../contract/errors';
import type { OrderView } from '../../contract/order';
import type { HandoverView, StaffResponses } from '../../contract/staff';
import { startEmulator, type EmulatorInstance } from '../support/emulator';
import { buy, detail, documents, errorOf, okData, setClock } from '../support/shop';

const redeem = (cloud: EmulatorInstance, openid: string, code: string) => cloud.call<Result<StaffResponses['redeem']>>('staff', { action: 'redeem', code }, openid);

describe('staff', () => {
  let cloud: EmulatorInstance;
  let order: OrderView;
  before(async () => {
    cloud = await startEmulator();
  });
  after(async () => {
    await cloud.stop();
  });
  beforeEach(async () => {
    await setClock(cloud, '2026-11-26T04:00:00.000Z');
    await cloud.post('/__dev/reset', { seed: 'demo' });
    order = await buy(cloud, 'demo-member', [
      { skuId: 'fruit-strawberry', qty: 3 },
      { skuId: 'dairy-milk-950', qty: 1 },
    ]);
    assert.ok(order.voucher);
  });

  test('lookup: shows what would be handed over, merged per product, without redeeming', async () => {
    const view = okData(await cloud.call<Result<HandoverView>>('staff', { action: 'lookup', code: order.voucher!.code }, 'demo-clerk-1'));
    assert.deepEqual(
      view.lines.map((l) => [l.skuId, l.qty]),
      [
        ['fruit-strawberry', 3],
        ['dairy-milk-950', 1],
      ],
    );
    assert.equal((await detail(cloud, 'demo-member', order.orderId)).status, 'paid');
  });

  test('redeem: a clerk of the store hands it over once; the second scan says who and when', async () => {
    const first = okData(await redeem(cloud, 'demo-clerk-1', order.voucher!.code));
    assert.equal(first.orderId, order.orderId);
    assert.equal((await detail(cloud, 'demo-member', order.orderId)).status, 'picked_up');
    const second = errorOf(await redeem(cloud, 'demo-clerk-1', order.voucher!.code));
    assert.equal(second.code, 'ALREADY_REDEEMED');
    assert.equal(second.details?.redeemedAt, first.pickedUpAt);
    assert.match(String(second.details?.redeemedBy), /小林/);
    const audit = await documents<{ orderId: string; staffOpenid: string }>(cloud, 'redemptions');
    assert.deepEqual(audit.map((a) => [a.orderId, a.staffOpenid]), [[order.orderId, 'demo-clerk-1']]);
  });

  test('redeem: the short code works as well as the QR', async () => {
    okData(await redeem(cloud, 'demo-clerk-1', order.voucher!.shortCode));
    assert.equal((await detail(cloud, 'demo-member', order.orderId)).status, 'picked_up');
  });

  test('redeem: a clerk of another store is refused with WRONG_STORE, a non-clerk with FORBIDDEN', async () => {
    assert.equal(errorOf(await redeem(cloud, 'demo-clerk-2', order.voucher!.code)).code, 'WRONG_STORE');
    assert.equal(errorOf(await redeem(cloud, 'demo-gold', order.voucher!.code)).code, 'FORBIDDEN');
    assert.equal((await detail(cloud, 'demo-member', order.orderId)).status, 'paid');
  });

  test('redeem: 20 concurrent scans of one voucher hand it over exactly once', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => redeem(cloud, 'demo-clerk-1', order.voucher!.code)));
    assert.equal(results.filter((r) => r.ok).length, 1);
    for (const r of results) if (!r.ok) assert.equal(r.error.code, 'ALREADY_REDEEMED');
    assert.equal((await documents(cloud, 'redemptions')).length, 1);
  });

  test('redeem: a forged or edited QR code is VOUCHER_INVALID', async () => {
    const code = order.voucher!.code;
    const edited = code.replace('store-flagship', 'store-futian');
    assert.equal(errorOf(await redeem(cloud, 'demo-clerk-2', edited)).code, 'VOUCHER_INVALID');
    const forgedSignature = `${code.slice(0, code.lastIndexOf('.') + 1)}${'A'.repeat(32)}`;
    assert.equal(errorOf(await redeem(cloud, 'demo-clerk-1', forgedSignature)).code, 'VOUCHER_INVALID');
    assert.equal(errorOf(await redeem(cloud, 'demo-clerk-1', 'hello')).code, 'VOUCHER_INVALID');
    assert.equal(errorOf(await redeem(cloud, 'demo-clerk-1', 'hi')).code, 'INVALID_ARGUMENT');
  });

  test('redeem: five wrong short codes lock the clerk out, even of a right one', async () => {
    const wrong = order.voucher!.shortCode === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 5; i += 1) assert.equal(errorOf(await redeem(cloud, 'demo-clerk-1', wrong)).code, 'VOUCHER_INVALID');
    assert.equal(errorOf(await redeem(cloud, 'demo-clerk-1', order.voucher!.shortCode)).code, 'TOO_MANY_ATTEMPTS');
    // Another clerk is not affected, and ten minutes later the first may try again.
    await setClock(cloud, '2026-11-26T04:11:00.000Z');
    okData(await redeem(cloud, 'demo-clerk-1', order.voucher!.shortCode));
  });

  test('redeem: an expired voucher is VOUCHER_EXPIRED', async () => {
    await setClock(cloud, '2026-12-04T04:00:00.000Z');
    assert.equal(errorOf(await redeem(cloud, 'demo-clerk-1', order.voucher!.code)).code, 'VOUCHER_EXPIRED');
  });

  test('refund: within 7 days of pickup yes, after that ORDER_STATE', async () => {
    okData(await redeem(cloud, 'demo-clerk-1', order.voucher!.code));
    await setClock(cloud, '2026-12-04T04:00:00.000Z');
    assert.equal(errorOf(await cloud.call<Result<OrderView>>('order', { action: 'refund', orderId: order.orderId }, 'demo-member')).code, 'ORDER_STATE');
    await setClock(cloud, '2026-12-02T04:00:00.000Z');
    assert.equal(okData(await cloud.call<Result<OrderView>>('order', { action: 'refund', orderId: order.orderId }, 'demo-member')).status, 'refunded');
  });
});
