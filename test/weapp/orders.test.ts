import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { OrderCounts, OrderStatus, OrderView } from '@contract/order';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

function order(orderId: string, status: OrderStatus, createdAt: string, payableFen: number, extra: Partial<OrderView> = {}): OrderView {
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
    refundedQty: {},
    refundedFen: 0,
    refunds: [],
    timeline: [],
    ...extra,
  };
}

const TWO_LINES: Pick<OrderView, 'lines'> = {
  lines: [
    { skuId: 'fruit-strawberry', name: '丹东99草莓', unit: '500g/盒', qty: 2, unitPriceFen: 2000, listPriceFen: 2000, priceSource: 'list', priceLabel: '零售价', reason: '零售价', amountFen: 4000, paidMemberDiscountFen: 0 },
    { skuId: 'dairy-milk-950', name: '鲜牛奶', unit: '950ml', qty: 1, unitPriceFen: 1590, listPriceFen: 1590, priceSource: 'list', priceLabel: '零售价', reason: '零售价', amountFen: 1590, paidMemberDiscountFen: 0 },
  ],
};

// As the function answers: newest first, a page at a time.
const PAGE_1 = [
  order('GL-PAID', 'paid', '2025-11-26T06:00:00.000Z', 5590, { ...TWO_LINES, storeId: 'store-futian', storeName: '果粒鲜选·福田店', refundedFen: 1000, refundedQty: { 'fruit-strawberry': 1 } }),
  order('GL-CANCELLED', 'cancelled', '2025-11-26T01:00:00.000Z', 990),
];
const PAGE_2 = [order('GL-REFUNDED', 'refunded', '2025-11-25T02:00:00.000Z', 1590, { refundedFen: 1590 })];
const COUNTS: OrderCounts = { pending_payment: 0, paid: 1, picked_up: 0, refunded: 1, cancelled: 1 };

interface Wx {
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  switchTab(options: { url: string; success?: (r: unknown) => void }): void;
  stopPullDownRefresh(options?: { success?: (r: unknown) => void }): void;
}

describe('order list (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const storage = new Map<string, unknown>();
  const switched: string[] = [];
  let stopped = 0;
  const lists = () => app.cloudCalls.filter((c) => c.name === 'order' && c.data.action === 'list').map((c) => c.data);
  const cards = () => (page.component.dom.querySelectorAll('.page--order-card') ?? []).length;

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name !== 'order' || data.action !== 'list') return { ok: false, error: { code: 'NOT_FOUND', message: '不存在' } };
        if (data.status === 'refunded') return { ok: true, data: { orders: PAGE_2, cursor: null, counts: COUNTS } };
        if (data.status) return { ok: true, data: { orders: [], cursor: null, counts: COUNTS } };
        // As the function answers: counts with a first page only.
        if (data.cursor === 'after-GL-CANCELLED') return { ok: true, data: { orders: PAGE_2, cursor: null, counts: null } };
        return { ok: true, data: { orders: PAGE_1, cursor: 'after-GL-CANCELLED', counts: COUNTS } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.getStorageSync = (key) => (storage.has(key) ? storage.get(key) : '');
    wx.setStorageSync = (key, value) => void storage.set(key, value);
    wx.switchTab = (options) => {
      switched.push(options.url);
      options.success?.({ errMsg: 'switchTab:ok' });
    };
    wx.stopPullDownRefresh = (options) => {
      stopped += 1;
      options?.success?.({ errMsg: 'stopPullDownRefresh:ok' });
    };
    storage.set('guoli.store', { storeId: 'store-flagship', name: '果粒鲜选·南山旗舰店', address: '南山区科技园' });
    page = app.renderPage('pages/orders/index');
    await page.waitFor(() => page.byClass('order-card') !== null, 'the order cards');
  });

  afterAll(() => page?.detach());

  it('全部: the first page of every order, with store, status, payable, refunded part and the Shanghai time', () => {
    assert.deepEqual(lists()[0], { action: 'list' });
    const first = page.textOf('order-card') ?? '';
    assert.match(first, /果粒鲜选·福田店/);
    assert.match(first, /待提货/);
    assert.match(first, /¥55\.90/);
    assert.match(first, /已退 ¥10\.00/);
    assert.match(first, /2025-11-26 14:00 下单/);
    assert.match(first, /再来一单/);
    assert.match(first, /查看取货码/);
    assert.doesNotMatch(page.text(), /GL-/, 'no raw ids on the cards');
    assert.equal(cards(), 2);
  });

  it('counts: each tab shows its count from the answer, 全部 the sum; a tab with none shows no number', () => {
    assert.equal(page.textOf('orders-page__tab--all'), '全部 3');
    assert.equal(page.textOf('orders-page__tab--paid'), '待提货 1');
    assert.equal(page.textOf('orders-page__tab--refund'), '退款 1');
    assert.equal(page.textOf('orders-page__tab--pending'), '待支付');
  });

  it('再来一单: only orders that went through offer it', () => {
    const second = page.component.dom.querySelectorAll('.page--order-card')[1];
    assert.match(second.textContent ?? '', /已取消/);
    assert.doesNotMatch(second.textContent ?? '', /再来一单/);
  });

  it('infinite scroll: the bottom asks for the next page with the cursor, appends it, then says 没有更多了', async () => {
    assert.equal(page.textOf('orders-page__footer'), '上拉加载更多');
    page.trigger('onReachBottom');
    await page.waitFor(() => cards() === 3, 'the second page');
    assert.deepEqual(lists()[1], { action: 'list', cursor: 'after-GL-CANCELLED' });
    assert.equal(page.textOf('orders-page__footer'), '没有更多了');
    assert.equal(page.textOf('orders-page__tab--all'), '全部 3', 'the counts stay');
    page.trigger('onReachBottom');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(lists().length, 2, 'no page after the last');
  });

  it('pull-down: loads the first page again, replacing the list, and stops the spinner', async () => {
    page.trigger('onPullDownRefresh');
    await page.waitFor(() => stopped === 1, 'wx.stopPullDownRefresh');
    assert.deepEqual(lists()[2], { action: 'list' });
    await page.waitFor(() => cards() === 2, 'the first page alone');
    assert.equal(page.textOf('orders-page__footer'), '上拉加载更多');
  });

  it('再来一单: puts the order\'s lines in its store\'s cart, makes that store the pickup store, opens the cart', async () => {
    storage.set('guoli.cart', { 'store-futian': [{ skuId: 'dairy-milk-950', qty: 1 }] });
    await page.tap('order-card__action--reorder');
    await page.waitFor(() => switched.length === 1, 'wx.switchTab');
    assert.equal(switched[0], '/pages/cart/index');
    assert.deepEqual((storage.get('guoli.cart') as Record<string, unknown>)['store-futian'], [
      { skuId: 'dairy-milk-950', qty: 2 },
      { skuId: 'fruit-strawberry', qty: 2 },
    ]);
    assert.equal((storage.get('guoli.store') as { storeId: string }).storeId, 'store-futian');
  });

  it('退款: asks for refunded orders only', async () => {
    await page.tap('orders-page__tab--refund');
    await page.waitFor(() => cards() === 1 && /已退款/.test(page.textOf('orders-page__list') ?? ''), 'the refunded orders');
    assert.deepEqual(lists().at(-1), { action: 'list', status: 'refunded' });
    assert.match(page.textOf('order-card') ?? '', /再来一单/);
  });

  it('empty tab: says so and offers the shop', async () => {
    await page.tap('orders-page__tab--pending');
    await page.waitFor(() => page.byClass('orders-page__empty') !== null, 'the empty state');
    assert.deepEqual(lists().at(-1), { action: 'list', status: 'pending_payment' });
    assert.equal(page.textOf('orders-page__empty-text'), '没有待支付的订单');
    assert.equal(page.textOf('orders-page__empty-cta'), '去鲜选逛逛');
  });
});
