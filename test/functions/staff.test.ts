import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { OrderView } from '@contract/order';
import type { HandoverView, StaffResponses } from '@contract/staff';
import { assertInvariants } from '@test/support/invariants';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { buy, detail, documents, errorOf, okData, setClock } from '@test/support/shop';

const redeem = (cloud: EmulatorInstance, openid: string, code: string) => cloud.call<Result<StaffResponses['redeem']>>('staff', { action: 'redeem', code }, openid);

describe('staff', () => {
  let cloud: EmulatorInstance;
  let order: OrderView;
  beforeAll(async () => {
    cloud = await startEmulator();
  });
  afterAll(async () => {
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
    // The handover's audit record lives on the order, written with the status change.
    const stored = (await documents<{ _id: string; redemption?: { staffOpenid: string; storeId: string; method: string; at: string } }>(cloud, 'orders')).find((o) => o._id === order.orderId);
    assert.deepEqual(stored?.redemption, { storeId: 'store-flagship', staffOpenid: 'demo-clerk-1', staffName: '小林', method: 'qr', at: first.pickedUpAt });
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
    const stored = (await documents<{ _id: string; status: string; redemption?: { at: string } }>(cloud, 'orders')).find((o) => o._id === order.orderId);
    assert.equal(stored?.status, 'picked_up');
    const winner = results.find((r) => r.ok);
    assert.equal(stored?.redemption?.at, winner?.ok ? winner.data.pickedUpAt : undefined, 'one audit record, the winner\'s');
    await assertInvariants(cloud);
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

  /** Eight digits that are no order's code (the voucher's own, shifted). */
  const wrongCode = (n: number) => String((Number(order.voucher!.shortCode) + 1 + n) % 100_000_000).padStart(8, '0');
  const lookup = (openid: string, code: string) => cloud.call<Result<HandoverView>>('staff', { action: 'lookup', code }, openid);

  test('short codes: a clerk who mistypes a few times is never held up, and right codes are not counted', async () => {
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < 3; i += 1) assert.equal(errorOf(await lookup('demo-clerk-1', wrongCode(round * 3 + i))).code, 'VOUCHER_INVALID');
      // The right code, typed again and again, never counts against the clerk.
      for (let i = 0; i < 5; i += 1) assert.equal(okData(await lookup('demo-clerk-1', order.voucher!.shortCode)).orderId, order.orderId);
      await setClock(cloud, new Date(Date.parse('2026-11-26T04:00:00.000Z') + (round + 1) * 11 * 60_000).toISOString());
    }
    okData(await redeem(cloud, 'demo-clerk-1', order.voucher!.shortCode));
  });

  test('short codes: 50 wrong codes at once are checked at most 10 times; the rest wait, and a QR is never refused', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => lookup('demo-clerk-1', wrongCode(i))));
    const codes = results.map((r) => errorOf(r).code);
    assert.equal(codes.filter((c) => c === 'VOUCHER_INVALID').length, 10);
    assert.equal(codes.filter((c) => c === 'TOO_MANY_ATTEMPTS').length, 40);
    const refused = errorOf(await redeem(cloud, 'demo-clerk-1', order.voucher!.shortCode));
    assert.equal(refused.code, 'TOO_MANY_ATTEMPTS');
    assert.match(refused.message, /请 10 分钟后再输入，或直接扫码核销/);
    // Scanning still works, and another clerk is not affected.
    assert.equal(okData(await lookup('demo-clerk-1', order.voucher!.code)).orderId, order.orderId);
    assert.equal(okData(await lookup('demo-manager-1', order.voucher!.shortCode)).orderId, order.orderId);
    // The window slides: once the oldest wrong code is ten minutes old, the clerk may type again.
    await setClock(cloud, '2026-11-26T04:10:01.000Z');
    okData(await redeem(cloud, 'demo-clerk-1', order.voucher!.shortCode));
  });

  test('short codes: the limit does not double across a window edge, and a day holds 30 wrong codes', async () => {
    const at = (minute: number) => setClock(cloud, new Date(Date.parse('2026-11-26T04:00:00.000Z') + minute * 60_000).toISOString());
    await at(9);
    for (let i = 0; i < 10; i += 1) assert.equal(errorOf(await lookup('demo-clerk-1', wrongCode(i))).code, 'VOUCHER_INVALID');
    // A fixed ten-minute window would start afresh at 04:10; the sliding one still holds all ten.
    await at(11);
    assert.equal(errorOf(await lookup('demo-clerk-1', wrongCode(10))).code, 'TOO_MANY_ATTEMPTS');
    for (let batch = 1; batch < 3; batch += 1) {
      await at(9 + batch * 11);
      for (let i = 0; i < 10; i += 1) assert.equal(errorOf(await lookup('demo-clerk-1', wrongCode(batch * 10 + i))).code, 'VOUCHER_INVALID');
    }
    // Thirty wrong codes today: the next waits for the first of them to be a day old.
    await at(60);
    const refused = errorOf(await lookup('demo-clerk-1', wrongCode(99)));
    assert.equal(refused.code, 'TOO_MANY_ATTEMPTS');
    assert.match(refused.message, /小时后再输入/);
    await at(9 + 24 * 60 + 1);
    assert.equal(errorOf(await lookup('demo-clerk-1', wrongCode(99))).code, 'VOUCHER_INVALID');
  });

  test('short codes: another store\'s code counts as a wrong one (it may not be used to find codes)', async () => {
    assert.equal(errorOf(await lookup('demo-clerk-2', order.voucher!.shortCode)).code, 'WRONG_STORE');
    const [attempts] = await documents<{ _id: string; recent: string[] }>(cloud, 'redeemAttempts');
    assert.equal(attempts._id, 'demo-clerk-2');
    assert.equal(attempts.recent.length, 1);
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
