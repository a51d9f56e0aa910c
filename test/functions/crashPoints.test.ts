import { describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { CreatedOrder, OrderView } from '@contract/order';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import { upsertTemplate } from '@test/support/coupons';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { createOrder, okData, pay, setClock } from '@test/support/shop';

/**
 * Every crash point of every operation that moves stock, money, points or coupons: the local cloud
 * kills the function's instance right after its k-th database request is applied (POST /__dev/crash),
 * for every k the operation reaches. Then what the world does next happens — WeChat Pay delivers an
 * unacknowledged payment again, the clock moves on, orderTimeout runs once — and the invariant
 * checker, over the whole database, finds nothing lost, nothing given twice and nothing left undone.
 */
const NOON = Date.parse('2026-11-28T04:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

interface Scenario {
  name: string;
  fn: string;
  /** Everything before the operation; answers what the operation needs. */
  setup(cloud: EmulatorInstance): Promise<Record<string, string>>;
  act(cloud: EmulatorInstance, ctx: Record<string, string>): Promise<unknown>;
  /** What the world does after a crash, before the timer (WeChat Pay delivering again, say). */
  after?(cloud: EmulatorInstance, ctx: Record<string, string>): Promise<unknown>;
}

const admin = async (cloud: EmulatorInstance, data: Record<string, unknown>) => okData(await cloud.call<Result<unknown>>('admin', data, 'demo-admin'));

/** demo-member's order: 3 strawberries (two at a limited group price), a coupon and 100 points: every kind of hold. */
async function orderWithEverything(cloud: EmulatorInstance): Promise<Record<string, string>> {
  await upsertTemplate(cloud, { templateId: 'crash-cash', name: '无门槛5元', kind: 'cash', valueFen: 500, validity: { days: 7 } });
  await admin(cloud, { action: 'grant', openid: 'demo-member', kind: 'coupon', templateId: 'crash-cash', grantId: 'crash-grant-1' });
  const wallet = okData(await cloud.call<Result<{ coupons: Array<{ couponId: string }> }>>('coupon', { action: 'wallet' }, 'demo-member'));
  return { couponId: wallet.coupons[0].couponId };
}

const create = (cloud: EmulatorInstance, ctx: Record<string, string>, requestId = 'crash-request-1') =>
  cloud.call<Result<CreatedOrder>>('order', { action: 'create', storeId: 'store-flagship', items: [{ skuId: 'fruit-strawberry', qty: 3 }, { skuId: 'dairy-milk-950', qty: 1 }], couponId: ctx.couponId, points: 100, requestId }, 'demo-member');

async function createdOrder(cloud: EmulatorInstance): Promise<Record<string, string>> {
  const ctx = await orderWithEverything(cloud);
  const created = okData(await create(cloud, ctx));
  return { ...ctx, orderId: created.orderId, outTradeNo: created.outTradeNo };
}

/** A paid order that took demo-member to 金卡, with a gold pack, so refunding its boxes reverses a tier and revokes coupons. */
async function paidGoldOrder(cloud: EmulatorInstance): Promise<Record<string, string>> {
  await upsertTemplate(cloud, { templateId: 'crash-gold', name: '金卡礼', kind: 'cash', valueFen: 2000, validity: { days: 30 } });
  await admin(cloud, { action: 'upsert', entity: 'tierBenefit', doc: { tier: 'gold', upgradePack: ['crash-gold'] } });
  await admin(cloud, { action: 'setStock', storeId: 'store-flagship', skuId: 'gift-fruit-box', stock: 100 });
  const created = okData(await createOrder(cloud, 'demo-member', [{ skuId: 'gift-fruit-box', qty: 7 }, { skuId: 'dairy-milk-950', qty: 1 }], { points: 100 }));
  await pay(cloud, created.outTradeNo);
  return { orderId: created.orderId };
}

const SCENARIOS: Scenario[] = [
  { name: 'order.create (limited price, coupon, points)', fn: 'order', setup: orderWithEverything, act: (cloud, ctx) => create(cloud, ctx) },
  {
    name: 'payCallback',
    fn: 'payCallback',
    setup: createdOrder,
    act: (cloud, ctx) => cloud.post(`/__dev/pay/${ctx.outTradeNo}`, { result: 'SUCCESS', times: 1 }),
    // Unacknowledged, so WeChat Pay delivers it again.
    after: (cloud, ctx) => cloud.post(`/__dev/pay/${ctx.outTradeNo}`, { result: 'SUCCESS', times: 1 }),
  },
  { name: 'order.cancel', fn: 'order', setup: createdOrder, act: (cloud, ctx) => cloud.call<Result<OrderView>>('order', { action: 'cancel', orderId: ctx.orderId }, 'demo-member') },
  // A partial refund (the boxes, not the milk): its goods, money, points and the tier it takes away.
  {
    name: 'order.refund of some lines (tier lost, pack revoked)',
    fn: 'order',
    setup: paidGoldOrder,
    act: (cloud, ctx) => cloud.call<Result<OrderView>>('order', { action: 'refund', orderId: ctx.orderId, lines: [{ skuId: 'gift-fruit-box', qty: 7 }] }, 'demo-member'),
  },
  {
    name: 'coupon.claim (stock and a per-member limit)',
    fn: 'coupon',
    setup: async (cloud) => {
      await upsertTemplate(cloud, { templateId: 'crash-claim', name: '限量10元', kind: 'cash', valueFen: 1000, validity: { days: 7 }, claimable: true, totalStock: 3, perMemberLimit: 1 });
      return {};
    },
    act: (cloud) => cloud.call('coupon', { action: 'claim', templateId: 'crash-claim' }, 'demo-member'),
  },
];

// Each scenario on a local cloud of its own, two at a time (jest's maxConcurrency): a crash point
// spends much of its time waiting on the other processes.
describe('crash points: an instance killed after each database request of each operation', () => {
  for (const scenario of SCENARIOS) {
    test.concurrent(`${scenario.name}: after a crash at every point, one orderTimeout run leaves every invariant holding`, async () => {
      // A dead function's open transaction holds its locks until the service's limit: shortened here.
      const cloud = await startEmulator({ seed: 'demo', coverage: false, env: { CLOUD_TX_TIMEOUT_MS: '600' } });
      try {
        await crashAtEveryPoint(cloud, scenario);
      } finally {
        await cloud.stop();
      }
    });
  }
});

async function crashAtEveryPoint(cloud: EmulatorInstance, scenario: Scenario): Promise<void> {
  const fresh = async () => {
    await setClock(cloud, iso(NOON));
    await cloud.post('/__dev/reset', { seed: 'demo' });
    return scenario.setup(cloud);
  };
  // How many requests the operation makes when nothing fails: each is a point to die after.
  const ctx = await fresh();
  await cloud.post('/__dev/stats/reset');
  await scenario.act(cloud, ctx);
  const points = (await cloud.get<{ database: { total: number } }>('/__dev/stats')).body.database.total;
  assert.ok(points >= 2, `${scenario.name} made ${points} requests`);
  console.log(`[crash points] ${scenario.name}: ${points} database requests, a crash after each`);
  for (let k = 1; k <= points; k += 1) {
    const ctxK = await fresh();
    const armed = await cloud.post('/__dev/crash', { function: scenario.fn, afterDatabaseRequests: k });
    assert.equal(armed.status, 200);
    await scenario.act(cloud, ctxK).catch(() => undefined);
    await scenario.after?.(cloud, ctxK);
    await setClock(cloud, iso(NOON + 20 * 60_000));
    const timer = await cloud.post('/__dev/trigger/orderTimeout');
    assert.equal(timer.status, 200, `crashed after request ${k} of ${points}: orderTimeout answered ${JSON.stringify(timer.body)}`);
    const report = await checkLocalCloud(cloud.url, { settled: true });
    assert.deepEqual(report.violations, [], `crashed after request ${k} of ${points}: ${JSON.stringify(report.figures)}`);
  }
}
