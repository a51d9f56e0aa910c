import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { OrderView, RefundQuote } from '@contract/order';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const ORDER_ID = 'GL0A1B2C3D4E5F60718293A4';

/** Picked up yesterday, 3 strawberries and a milk; one strawberry already refunded. */
const PICKED_UP: OrderView = {
  orderId: ORDER_ID,
  status: 'picked_up',
  storeId: 'store-flagship',
  storeName: '果粒鲜选·南山旗舰店',
  lines: [
    { skuId: 'fruit-strawberry', name: '丹东99草莓', unit: '500g/盒', qty: 3, unitPriceFen: 3690, listPriceFen: 3990, priceSource: 'member', priceLabel: '会员价', reason: '银卡会员价', amountFen: 11070, paidMemberDiscountFen: 0 },
    { skuId: 'dairy-milk-950', name: '鲜牛奶', unit: '950ml', qty: 1, unitPriceFen: 1590, listPriceFen: 1590, priceSource: 'list', priceLabel: '零售价', reason: '零售价', amountFen: 1590, paidMemberDiscountFen: 0 },
  ],
  listTotalFen: 13560,
  subtotalFen: 12660,
  paidMemberPercent: null,
  paidMemberDiscountFen: 0,
  couponDiscountFen: 1000,
  pointsUsed: 500,
  pointsDiscountFen: 500,
  payableFen: 11160,
  createdAt: '2025-11-26T06:00:00.000Z',
  expiresAt: null,
  paidAt: '2025-11-26T06:01:30.000Z',
  pickedUpAt: '2025-11-26T10:00:00.000Z',
  cancelledAt: null,
  refundedAt: null,
  growthEarned: 111,
  pointsEarned: 111,
  voucher: null,
  refundable: true,
  refundedQty: { 'fruit-strawberry': 1 },
  refundedFen: 3262,
  refunds: [{ refundId: 'rf-1', lines: [{ skuId: 'fruit-strawberry', name: '丹东99草莓', qty: 1 }], refundFen: 3262, at: '2025-11-27T02:00:00.000Z' }],
  timeline: [
    { status: 'placed', at: '2025-11-26T06:00:00.000Z' },
    { status: 'paid', at: '2025-11-26T06:01:30.000Z' },
    { status: 'picked_up', at: '2025-11-26T10:00:00.000Z' },
    { status: 'partially_refunded', at: '2025-11-27T02:00:00.000Z', refundFen: 3262 },
  ],
};

const QUOTES: Record<string, RefundQuote> = {
  'fruit-strawberry:1': { lines: [{ skuId: 'fruit-strawberry', name: '丹东99草莓', qty: 1, refundFen: 3263 }], refundFen: 3263, pointsReturned: 146, growthReversed: 32, pointsReversed: 32, whole: false },
  'fruit-strawberry:2': { lines: [{ skuId: 'fruit-strawberry', name: '丹东99草莓', qty: 2, refundFen: 6525 }], refundFen: 6525, pointsReturned: 292, growthReversed: 65, pointsReversed: 65, whole: false },
  'fruit-strawberry:2|dairy-milk-950:1': {
    lines: [
      { skuId: 'fruit-strawberry', name: '丹东99草莓', qty: 2, refundFen: 6525 },
      { skuId: 'dairy-milk-950', name: '鲜牛奶', qty: 1, refundFen: 1373 },
    ],
    refundFen: 7898,
    pointsReturned: 354,
    growthReversed: 79,
    pointsReversed: 79,
    whole: true,
  },
};

const REFUNDED: OrderView = {
  ...PICKED_UP,
  status: 'refunded',
  refundable: false,
  refundedAt: '2025-11-27T03:00:00.000Z',
  refundedQty: { 'fruit-strawberry': 3, 'dairy-milk-950': 1 },
  refundedFen: 11160,
  refunds: [...PICKED_UP.refunds, { refundId: 'rf-2', lines: QUOTES['fruit-strawberry:2|dairy-milk-950:1'].lines, refundFen: 7898, at: '2025-11-27T03:00:00.000Z' }],
  timeline: [...PICKED_UP.timeline, { status: 'refunded', at: '2025-11-27T03:00:00.000Z', refundFen: 7898 }],
};

interface Wx {
  showModal(options: { title?: string; content?: string; success?: (r: unknown) => void }): void;
  showToast(options: { title: string; success?: (r: unknown) => void }): void;
  setClipboardData(options: { data: string; success?: (r: unknown) => void }): void;
  showLoading(options: { title: string; success?: (r: unknown) => void }): void;
  hideLoading(options?: { success?: (r: unknown) => void }): void;
}

type Lines = Array<{ skuId: string; qty: number }>;
const keyOf = (lines: Lines) => lines.map((l) => `${l.skuId}:${l.qty}`).join('|');

describe('order detail: timeline, refunds and the partial refund sheet (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let current = PICKED_UP;
  let failNextRefund = true;
  const modals: Array<{ title?: string; content?: string }> = [];
  const toasts: string[] = [];
  const clipboard: string[] = [];
  const calls = (action: string) => app.cloudCalls.filter((c) => c.name === 'order' && c.data.action === action).map((c) => c.data);
  const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');
  const sheetLines = () => page.component.dom.querySelectorAll('.page--refund-sheet__line');

  const all = (selector: string) => (page.component as unknown as { querySelectorAll(s: string): Array<{ dispatchEvent(name: string): void }> }).querySelectorAll(selector);

  /** Taps + of the sheet's n-th line, and waits for the stepper to show `expect`. */
  async function increase(n: number, expect: number) {
    all('.qty-stepper__inc')[n].dispatchEvent('tap');
    await page.waitFor(() => page.component.dom.querySelectorAll('.page--qty-stepper__value')[n]?.textContent?.trim() === String(expect), `the stepper at ${expect}`);
  }

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name !== 'order' || data.orderId !== ORDER_ID) return { ok: false, error: { code: 'NOT_FOUND', message: '订单不存在' } };
        if (data.action === 'detail') return { ok: true, data: current };
        if (data.action === 'refundQuote') return { ok: true, data: QUOTES[keyOf(data.lines as Lines)] };
        if (data.action === 'refund') {
          if (failNextRefund) {
            failNextRefund = false;
            return { ok: false, error: { code: 'INTERNAL', message: '服务开小差了，请稍后再试' } };
          }
          current = REFUNDED;
          return { ok: true, data: { ...REFUNDED, refundFen: 7898 } };
        }
        return { ok: false, error: { code: 'NOT_FOUND', message: '不存在' } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.showModal = (options) => {
      modals.push({ title: options.title, content: options.content });
      options.success?.({ errMsg: 'showModal:ok', confirm: true, cancel: false });
    };
    wx.showToast = (options) => {
      toasts.push(options.title);
      options.success?.({ errMsg: 'showToast:ok' });
    };
    wx.setClipboardData = (options) => {
      clipboard.push(options.data);
      options.success?.({ errMsg: 'setClipboardData:ok' });
    };
    wx.showLoading = (options) => options.success?.({ errMsg: 'showLoading:ok' });
    wx.hideLoading = (options) => options?.success?.({ errMsg: 'hideLoading:ok' });
    page = app.renderPage('pages/order/index', { orderId: ORDER_ID });
    await page.waitFor(() => page.byClass('order-timeline') !== null, 'the order');
  });

  afterAll(() => page?.detach());

  it('detail: the timeline in Shanghai time, the refunds so far, 已退 n 件 on the line, 复制 and 再来一单', async () => {
    assert.equal(
      page.textOf('order-timeline'),
      '订单进度 下单 2025-11-26 14:00 支付 2025-11-26 14:01 提货 2025-11-26 18:00 部分退款 ¥32.62 2025-11-27 10:00',
    );
    assert.equal(page.textOf('order-refunds__row'), '丹东99草莓 ×1 2025-11-27 10:00 ¥32.62');
    assert.equal(page.textOf('order-goods__refunded'), '已退 1 件');
    assert.equal(page.textOf('order-goods__refunded-value'), '¥32.62');
    assert.equal(page.textOf('status-banner__subtitle'), '已于 2025-11-26 18:00 提货，已退款 ¥32.62');
    assert.ok(page.byClass('order-detail__reorder'), '再来一单');
    await page.tap('order-detail__copy');
    await page.waitFor(() => clipboard.length === 1, 'wx.setClipboardData');
    assert.equal(clipboard[0], ORDER_ID);
  });

  it('sheet: each SKU with what is left; nothing chosen asks for a choice and cannot submit', async () => {
    await page.tap('order-detail__refund-button');
    await page.waitFor(() => page.byClass('refund-sheet__panel') !== null, 'the refund sheet');
    assert.equal(sheetLines().length, 2);
    assert.match(squash(page.textOf('refund-sheet__line')), /丹东99草莓共3件·已退1件−0\+/);
    assert.equal(page.textOf('refund-sheet__summary'), '请选择要退的商品和数量');
    await page.tap('refund-sheet__submit');
    assert.equal(modals.length, 0);
    assert.equal(calls('refundQuote').length, 0);
  });

  it('choice: quick taps ask the amount once, for the settled choice; the stepper stops at what is left', async () => {
    await increase(0, 1);
    await increase(0, 2);
    await increase(0, 2); // only 2 of 3 are left
    await page.waitFor(() => page.byClass('refund-sheet__amount') !== null, 'the amount');
    assert.deepEqual(calls('refundQuote'), [{ action: 'refundQuote', orderId: ORDER_ID, lines: [{ skuId: 'fruit-strawberry', qty: 2 }] }]);
    assert.equal(page.textOf('refund-sheet__amount'), '¥65.25');
    assert.equal(page.textOf('refund-sheet__summary'), '退款金额 ¥65.25 退还积分 292 扣回 65 果粒值 · 65 积分 按实付金额分摊优惠后计算，原路退回');
    assert.ok(page.byClass('qty-stepper__btn--off'), 'the + of the strawberry line is off at 2');
  });

  it('全选: every unit left; the amount is the server\'s and says the order closes', async () => {
    await page.tap('refund-sheet__all');
    await page.waitFor(() => page.textOf('refund-sheet__amount') === '¥78.98', 'the whole amount');
    assert.deepEqual(calls('refundQuote').at(-1)?.lines, [
      { skuId: 'fruit-strawberry', qty: 2 },
      { skuId: 'dairy-milk-950', qty: 1 },
    ]);
    assert.match(page.textOf('refund-sheet__summary') ?? '', /订单将变为已退款/);
  });

  it('refund: confirms the amount first; a double tap is one request; a retry after a failure keeps its requestId', async () => {
    // Two taps in the same instant.
    const [submit] = all('.refund-sheet__submit');
    submit.dispatchEvent('tap');
    submit.dispatchEvent('tap');
    await page.waitFor(() => toasts.includes('服务开小差了，请稍后再试'), 'the failure toast');
    assert.equal(modals.length, 1, 'one confirmation for the double tap');
    assert.equal(modals[0].title, '确认退款 ¥78.98');
    assert.match(modals[0].content ?? '', /¥78\.98 将原路退回，退还积分 354，扣回 79 果粒值 · 79 积分。退款后订单将关闭，提交后不可撤销。/);
    assert.equal(calls('refund').length, 1);

    await page.waitFor(() => page.textOf('refund-sheet__amount') === '¥78.98', 'the amount again');
    await page.tap('refund-sheet__submit');
    await page.waitFor(() => page.byClass('refund-sheet') === null, 'the sheet closing');
    const [first, second] = calls('refund');
    assert.deepEqual(second, { action: 'refund', orderId: ORDER_ID, lines: [{ skuId: 'fruit-strawberry', qty: 2 }, { skuId: 'dairy-milk-950', qty: 1 }], reason: '品质问题', requestId: first.requestId });
    assert.match(String(first.requestId), /^[A-Za-z0-9]{8,64}$/);
    assert.ok(toasts.includes('已退款 ¥78.98'));
  });

  it('after: the refund\'s answer shows 已退款 with both refunds and the timeline\'s last step, without asking again; no more 申请退款', async () => {
    await page.waitFor(() => page.textOf('status-banner__title') === '已退款', 'the refunded order');
    assert.equal(calls('detail').length, 1, 'the refund answered the order: no second detail');
    assert.equal(page.textOf('status-banner__subtitle'), '¥111.60 已于 2025-11-27 11:00 原路退回');
    assert.equal(page.component.dom.querySelectorAll('.page--order-refunds__row').length, 2);
    assert.match(page.textOf('order-timeline') ?? '', /已退款 ¥78\.98 2025-11-27 11:00$/);
    assert.equal(page.byClass('order-detail__after-sales'), null);
  });
});
