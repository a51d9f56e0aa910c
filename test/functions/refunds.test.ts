import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { OrderResponses, OrderView, RefundQuote } from '@contract/order';
import { assertInvariants } from '@test/support/invariants';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { buy, createOrder, detail, documents, errorOf, FLAGSHIP, okData, profile, setClock, stockOf } from '@test/support/shop';

const THURSDAY_NOON = '2026-11-26T04:00:00.000Z';
const MEMBER = 'demo-member';
type Refunded = OrderResponses['refund'];

/** Partial refunds (部分退款): lines and units, amounts that add up exactly, goods and points back, exactly once. */
describe('partial refunds', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator();
    await setClock(cloud, THURSDAY_NOON);
    await cloud.post('/__dev/reset', { seed: 'demo' });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  const refundQuote = async (orderId: string, lines?: Array<{ skuId: string; qty: number }>) => okData(await cloud.call<Result<RefundQuote>>('order', { action: 'refundQuote', orderId, ...(lines ? { lines } : {}) }, MEMBER));
  const refund = (orderId: string, extra: Record<string, unknown> = {}) => cloud.call<Result<Refunded>>('order', { action: 'refund', orderId, ...extra }, MEMBER);

  test('one unit of a line, then the rest: exact amounts, stock and points back, growth taken back, timeline', async () => {
    const before = await profile(cloud, MEMBER);
    const stock = { berry: await stockOf(cloud, FLAGSHIP, 'fruit-strawberry'), milk: await stockOf(cloud, FLAGSHIP, 'dairy-milk-950') };
    const paid = await buy(cloud, MEMBER, [{ skuId: 'fruit-strawberry', qty: 3 }, { skuId: 'dairy-milk-950', qty: 2 }], { points: 500 });
    assert.ok(paid.pointsUsed > 0 && paid.payableFen > 0);

    const q1 = await refundQuote(paid.orderId, [{ skuId: 'fruit-strawberry', qty: 1 }]);
    assert.equal(q1.whole, false);
    const first = okData(await refund(paid.orderId, { lines: [{ skuId: 'fruit-strawberry', qty: 1 }], requestId: 'refund-one-berry' }));
    assert.equal(first.refundFen, q1.refundFen);
    assert.equal(first.status, 'paid');
    assert.deepEqual(first.refundedQty, { 'fruit-strawberry': 1 });
    assert.equal(await stockOf(cloud, FLAGSHIP, 'fruit-strawberry'), stock.berry - 2);
    // Asking for more than is left, or for a SKU the order does not have, changes nothing.
    assert.equal(errorOf(await refund(paid.orderId, { lines: [{ skuId: 'dairy-milk-950', qty: 3 }] })).code, 'INVALID_ARGUMENT');
    assert.equal(errorOf(await refund(paid.orderId, { lines: [{ skuId: 'fruit-citrus', qty: 1 }] })).code, 'INVALID_ARGUMENT');

    const q2 = await refundQuote(paid.orderId);
    assert.equal(q2.whole, true);
    const rest = okData(await refund(paid.orderId, { requestId: 'refund-the-rest' }));
    assert.equal(rest.status, 'refunded');
    assert.equal(rest.refundFen, q2.refundFen);
    assert.equal(first.refundFen + rest.refundFen, paid.payableFen);
    assert.equal(q1.pointsReturned + q2.pointsReturned, paid.pointsUsed);
    assert.equal(q1.growthReversed + q2.growthReversed, paid.growthEarned);
    assert.deepEqual([await stockOf(cloud, FLAGSHIP, 'fruit-strawberry'), await stockOf(cloud, FLAGSHIP, 'dairy-milk-950')], [stock.berry, stock.milk]);
    const after = await profile(cloud, MEMBER);
    assert.deepEqual([after.growth, after.points], [before.growth, before.points]);

    const view = await detail(cloud, MEMBER, paid.orderId);
    assert.deepEqual(view.refunds.map((r) => r.refundFen), [first.refundFen, rest.refundFen]);
    assert.deepEqual(view.timeline.map((t) => t.status), ['placed', 'paid', 'partially_refunded', 'refunded']);
    assert.equal(view.refundedFen, paid.payableFen);
    assert.equal(view.refundable, false);
    // Both refunds reached cloud payment under their own refund numbers, and were accepted.
    const [stored] = (await documents<{ _id: string; refunds: Array<{ refundState: string }>; refundsPending: boolean }>(cloud, 'orders')).filter((o) => o._id === paid.orderId);
    assert.deepEqual([stored.refunds.map((r) => r.refundState), stored.refundsPending], [['accepted', 'accepted'], false]);
    // A repeat of a refund already made answers it again and gives nothing twice.
    assert.equal(okData(await refund(paid.orderId, { lines: [{ skuId: 'fruit-strawberry', qty: 1 }], requestId: 'refund-one-berry' })).refundFen, first.refundFen);
    await assertInvariants(cloud, { settled: true });
  });

  test('concurrent refunds: the same request once, units never refunded twice', async () => {
    const paid = await buy(cloud, MEMBER, [{ skuId: 'dairy-milk-950', qty: 3 }, { skuId: 'fruit-strawberry', qty: 1 }]);
    const same = await Promise.all(Array.from({ length: 4 }, () => refund(paid.orderId, { lines: [{ skuId: 'dairy-milk-950', qty: 1 }], requestId: 'same-refund-tap' })));
    const okSame = same.filter((r) => r.ok).map((r) => okData(r));
    assert.ok(okSame.length >= 1);
    assert.ok(same.every((r) => r.ok || r.error.code === 'CONFLICT'));
    assert.equal(new Set(okSame.map((r) => r.refundFen)).size, 1);
    // Three different taps race for the two milk units left: two refunds at most.
    const racing = await Promise.all(Array.from({ length: 3 }, (_, i) => refund(paid.orderId, { lines: [{ skuId: 'dairy-milk-950', qty: 1 }], requestId: `race-${i}-milk` })));
    const view = await detail(cloud, MEMBER, paid.orderId);
    assert.equal(view.refundedQty['dairy-milk-950'], 1 + racing.filter((r) => r.ok).length);
    assert.ok(view.refundedQty['dairy-milk-950'] <= 3);
    assert.ok(racing.every((r) => r.ok || ['CONFLICT', 'INVALID_ARGUMENT'].includes(r.error.code)));
    const rest = okData(await refund(paid.orderId));
    assert.equal(rest.refundedFen, paid.payableFen);
    assert.equal(rest.refunds.reduce((n: number, r: OrderView['refunds'][number]) => n + r.refundFen, 0), paid.payableFen);
    await assertInvariants(cloud, { settled: true });
  });

  test('orders list: pages with a cursor and counts per tab on the first page', async () => {
    // More than a page: unpaid orders are the cheapest to make.
    await Promise.all(Array.from({ length: 20 }, () => createOrder(cloud, MEMBER, [{ skuId: 'dairy-milk-250', qty: 1 }])));
    const first = okData(await cloud.call<Result<OrderResponses['list']>>('order', { action: 'list' }, MEMBER));
    assert.ok(first.counts);
    assert.equal(first.counts!.refunded >= 2, true);
    const total = Object.values(first.counts!).reduce((a, b) => a + b, 0);
    const seen = new Set(first.orders.map((o) => o.orderId));
    let cursor = first.cursor;
    while (cursor) {
      const page = okData(await cloud.call<Result<OrderResponses['list']>>('order', { action: 'list', cursor }, MEMBER));
      assert.equal(page.counts, null);
      for (const o of page.orders) seen.add(o.orderId);
      cursor = page.cursor;
    }
    assert.equal(seen.size, total);
    assert.ok(total > 20);
    assert.equal(first.orders.length, 20);
    const refunded = okData(await cloud.call<Result<OrderResponses['list']>>('order', { action: 'list', status: 'refunded' }, MEMBER));
    assert.ok(refunded.orders.every((o) => o.status === 'refunded'));
  });
});
