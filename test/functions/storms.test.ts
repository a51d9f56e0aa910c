import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { CreatedOrder, OrderView } from '@contract/order';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import type { InvariantReport } from '@ops/invariants';
import { upsertTemplate } from '@test/support/coupons';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { createOrder, FLAGSHIP, okData, setClock, stockOf } from '@test/support/shop';

/**
 * Storms: many members at once, and crashes in the middle. After each, the invariant checker runs
 * over the whole database: nothing lost, nothing given twice.
 */
const NOON = Date.parse('2026-11-28T04:00:00.000Z');
const SKU = 'gift-fruit-box';
const iso = (ms: number) => new Date(ms).toISOString();

const cancel = (cloud: EmulatorInstance, openid: string, orderId: string) => cloud.call<Result<OrderView>>('order', { action: 'cancel', orderId }, openid);
const refund = (cloud: EmulatorInstance, openid: string, orderId: string) => cloud.call<Result<OrderView>>('order', { action: 'refund', orderId }, openid);
const deliver = (cloud: EmulatorInstance, outTradeNo: string, times = 1) => cloud.post(`/__dev/pay/${outTradeNo}`, { result: 'SUCCESS', times });

async function prepare(cloud: EmulatorInstance, units: number) {
  await setClock(cloud, iso(NOON));
  okData(await cloud.call<Result<unknown>>('admin', { action: 'setStock', storeId: FLAGSHIP, skuId: SKU, stock: units }, 'demo-admin'));
  await upsertTemplate(cloud, { templateId: 'storm-claim', name: '限量10元', kind: 'cash', valueFen: 1000, validity: { days: 7 }, claimable: true, totalStock: 25, perMemberLimit: 1 });
  await upsertTemplate(cloud, { templateId: 'storm-cash', name: '无门槛5元', kind: 'cash', valueFen: 500, validity: { days: 7 } });
}

function assertHolds(report: InvariantReport) {
  assert.deepEqual(report.violations, [], JSON.stringify(report.figures));
}

describe('storms', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo', coverage: false });
    await prepare(cloud, 200);
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('refunds and cancels of different orders of one SKU, all at once: each answers what was recorded, and the stock is all back', async () => {
    const stockBefore = await stockOf(cloud, FLAGSHIP, SKU);
    const buyers = Array.from({ length: 40 }, (_, i) => `racer-${i}`);
    const orders = await Promise.all(buyers.map(async (openid) => ({ openid, created: okData(await createOrder(cloud, openid, [{ skuId: SKU, qty: 2 }])) })));
    const paid = orders.filter((_, i) => i % 2 === 0);
    await Promise.all(paid.map(({ created }) => deliver(cloud, created.outTradeNo)));
    const answers = await Promise.all(orders.map(({ openid, created }, i) => (i % 2 === 0 ? refund(cloud, openid, created.orderId) : cancel(cloud, openid, created.orderId))));
    for (const [i, answer] of answers.entries()) {
      assert.ok(answer.ok, `order ${i}: ${JSON.stringify(answer)}`);
      assert.equal(answer.data.status, i % 2 === 0 ? 'refunded' : 'cancelled');
    }
    assert.equal(await stockOf(cloud, FLAGSHIP, SKU), stockBefore);
    // Asking again answers the same, and gives nothing back twice.
    const again = await Promise.all(orders.map(({ openid, created }) => cancel(cloud, openid, created.orderId)));
    assert.ok(again.every((a) => a.ok));
    assert.equal(await stockOf(cloud, FLAGSHIP, SKU), stockBefore);
    assertHolds(await checkLocalCloud(cloud.url, { settled: true }));
  });
});

/**
 * One storm of creates, payments (some delivered twice at once), cancels racing payments, refunds
 * and coupon claims, with the whole local cloud killed (-9) once `killAtShare` of the storm's calls
 * have answered (so the kill lands mid-storm however fast the machine is). Afterwards WeChat Pay
 * delivers again what it had not seen acknowledged, the clock moves past every payment window, and
 * orderTimeout runs: then every invariant holds, and nothing is left half done.
 */
async function crashStorm(killAtShare: number): Promise<InvariantReport> {
  let cloud = await startEmulator({ seed: 'demo', coverage: false });
  await prepare(cloud, 60);
  // Warm instances first: a crash among cold starts would only kill calls that never began.
  await Promise.all(Array.from({ length: 8 }, () => Promise.all([cloud.call('order', { action: 'list' }, 'warm-up'), cloud.call('coupon', { action: 'centre' }, 'warm-up'), cloud.call('payCallback', {}, 'warm-up')])));
  const members = Array.from({ length: 30 }, (_, i) => `storm-${i}`);
  for (const openid of members.slice(0, 10)) okData(await cloud.call<Result<unknown>>('admin', { action: 'grant', openid, kind: 'coupon', templateId: 'storm-cash', grantId: `storm-grant-${openid}` }, 'demo-admin'));
  const wallets = new Map<string, string>();
  for (const openid of members.slice(0, 10)) {
    const res = okData(await cloud.call<Result<{ coupons: Array<{ couponId: string }> }>>('coupon', { action: 'wallet' }, openid));
    wallets.set(openid, res.coupons[0].couponId);
  }
  const paidAsked = new Set<string>();
  const dead = { now: false };
  const expectedCalls = 30 + 6 * 2 + 6 + 6 + 6 * 2 + 45;
  let answered = 0;
  let killNow: () => void = () => undefined;
  const killSignal = new Promise<void>((ok) => (killNow = ok));
  // Calls into a killed cloud fail; that is the point.
  const tolerate = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      if (!dead.now) throw err;
    } finally {
      answered += 1;
      if (answered >= killAtShare * expectedCalls) killNow();
    }
  };
  const buyer = async (openid: string, i: number) => {
    let created: CreatedOrder | null = null;
    const couponId = wallets.get(openid);
    await tolerate(async () => {
      const res = await createOrder(cloud, openid, [{ skuId: SKU, qty: 1 + (i % 3) }], couponId ? { couponId } : {});
      if (res.ok) created = res.data;
    });
    const order = created as CreatedOrder | null;
    if (!order) return;
    const pay = async () => {
      paidAsked.add(order.outTradeNo);
      await deliver(cloud, order.outTradeNo, 2);
    };
    switch (i % 5) {
      case 0:
        return tolerate(async () => {
          await pay();
          await refund(cloud, openid, order.orderId);
        });
      case 1:
        return tolerate(pay);
      case 2:
        return tolerate(() => cancel(cloud, openid, order.orderId));
      case 3:
        // A payment racing the member's cancel.
        return tolerate(() => Promise.all([pay(), cancel(cloud, openid, order.orderId)]));
      default:
        return undefined; // left unpaid: the timeout closes it
    }
  };
  const claimer = (openid: string) => tolerate(() => cloud.call('coupon', { action: 'claim', templateId: 'storm-claim' }, openid));
  const storm = Promise.all([...members.map((m, i) => buyer(m, i)), ...members.map(claimer), ...members.slice(0, 15).map(claimer)]);
  await Promise.race([killSignal, storm]);
  dead.now = true;
  await cloud.kill();
  await storm;

  cloud = await startEmulator({ dataDir: cloud.dataDir, coverage: false });
  try {
    // WeChat Pay delivers again every payment it did not see acknowledged.
    for (const outTradeNo of paidAsked) await deliver(cloud, outTradeNo);
    await setClock(cloud, iso(NOON + 20 * 60_000));
    for (let run = 0; run < 2; run += 1) assert.equal((await cloud.post('/__dev/trigger/orderTimeout')).status, 200);
    return await checkLocalCloud(cloud.url, { settled: true });
  } finally {
    await cloud.stop();
  }
}

describe('storms with kill -9', () => {
  // Two points of a random-order storm; test/functions/crashPoints.test.ts crashes every operation at every request.
  for (const share of [0.2, 0.6]) {
    test(`create, pay, cancel, refund and claim, killed ${share * 100}% into the storm: every invariant holds after recovery`, async () => {
      const report = await crashStorm(share);
      assertHolds(report);
      console.log(`[storm killed ${share * 100}% in] ${JSON.stringify(report.figures)}`);
    });
  }
});
