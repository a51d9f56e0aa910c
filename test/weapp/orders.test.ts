import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { OrderStatus, OrderView } from '@contract/order';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

function order(orderId: string, status: OrderStatus, createdAt: string, payableFen: number): OrderView {
  return {
    orderId,
    status,
    storeId: 'store-flagship',
    storeName: '果粒鲜选·南山旗舰店',
    lines: [
      { skuId: 'fruit-strawberry', name: '丹东99草莓', unit: '500g/盒', qty: 1, unitPriceFen: payableFen, listPriceFen: payableFen, priceSource: 'list', priceLabel: '零售价', reason: '零售价', amountFen: payableFen, paidMemberDiscountFen: 0 },
    ],
    listTotalFen: payableFen,
    subtotalFen: payableFen,
    paidMemberPercent: null,
    paidMemberDiscountFen: 0,
    couponDiscountFen: 0,
    pointsUsed: 0,
    pointsDiscountFen: 0,
    payableFen,
    createdAt,
    expiresAt: null,
    paidAt: null,
    pickedUpAt: null,
    cancelledAt: null,
    refundedAt: null,
    growthEarned: 0,
    pointsEarned: 0,
    voucher: null,
    refundable: false,
  };
}

const ORDERS = [
  // As the function answers: newest first.
  order('GL-PAID', 'paid', '2025-11-26T06:00:00.000Z', 3990),
  order('GL-CANCELLED', 'cancelled', '2025-11-26T01:00:00.000Z', 990),
  order('GL-REFUNDED', 'refunded', '2025-11-25T02:00:00.000Z', 1590),
];

describe('order list (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name !== 'order' || data.action !== 'list') return { ok: false, error: { code: 'NOT_FOUND', message: '不存在' } };
        return { ok: true, data: { orders: ORDERS.filter((o) => !data.status || o.status === data.status) } };
      },
    });
    page = app.renderPage('pages/orders/index');
    await page.waitFor(() => page.byClass('order-card') !== null, 'the order cards');
  });

  afterAll(() => page?.detach());

  it('全部: lists every order with store, status, payable and the Shanghai time', () => {
    assert.deepEqual(app.cloudCalls[0], { name: 'order', data: { action: 'list' } });
    const first = page.textOf('order-card') ?? '';
    assert.match(first, /果粒鲜选·南山旗舰店/);
    assert.match(first, /待提货/);
    assert.match(first, /¥39\.90/);
    assert.match(first, /2025-11-26 14:00 下单/);
    assert.match(first, /查看取货码/);
  });

  it('退款·取消: asks for both statuses and merges them newest first', async () => {
    const before = app.cloudCalls.length;
    await page.tap('orders-page__tab--closed');
    // The 全部 list holds closed orders too: wait until the paid one has left.
    await page.waitFor(() => !/待提货/.test(page.textOf('orders-page__list') ?? '') && /已取消/.test(page.textOf('orders-page__list') ?? ''), 'the closed orders');
    assert.deepEqual(
      app.cloudCalls.slice(before).map((c) => c.data.status),
      ['refunded', 'cancelled'],
    );
    const text = page.textOf('orders-page__list') ?? '';
    assert.ok(text.indexOf('已取消') < text.indexOf('已退款'), 'the cancelled order (26 Nov) comes before the refunded one (25 Nov)');
  });

  it('empty tab: says so and offers the shop', async () => {
    await page.tap('orders-page__tab--pending');
    await page.waitFor(() => page.byClass('orders-page__empty') !== null, 'the empty state');
    assert.equal(page.textOf('orders-page__empty-text'), '没有待支付的订单');
    assert.equal(page.textOf('orders-page__empty-cta'), '去鲜选逛逛');
  });
});
