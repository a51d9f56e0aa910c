import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { CreatedOrder, QuoteLineView, QuoteView } from '@contract/order';
import { maxPointsFor } from '@core/checkout';
import { formatFen, percentOfFen } from '@core/money';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const STORE = { storeId: 'store-flagship', name: '果粒鲜选·南山旗舰店', address: '深圳市南山区科技园南路 88 号', hours: '08:00–22:00' };
const POINTS_BALANCE = 1260;

function line(skuId: string, name: string, unit: string, qty: number, unitPriceFen: number, listPriceFen: number, source: 'group' | 'member', label: string, reason: string): QuoteLineView {
  const amountFen = qty * unitPriceFen;
  return { skuId, name, unit, qty, unitPriceFen, listPriceFen, priceSource: source, priceLabel: label, reason, amountFen, paidMemberDiscountFen: amountFen - percentOfFen(amountFen, 95) };
}

/** What the order function answers for the cart below: a 群专享 line, a 会员价 line, 心享 95折, optionally points. */
function quoteFor(points: number): QuoteView {
  const lines = [
    line('fruit-strawberry', '丹东99草莓', '500g/盒', 2, 2990, 3990, 'group', '群专享', '鲜果A群专享'),
    line('fruit-grape', '阳光玫瑰青提', '约1kg/串', 1, 4290, 4590, 'member', '会员价', '银卡会员价'),
  ];
  const subtotalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  const paidMemberDiscountFen = lines.reduce((s, l) => s + l.paidMemberDiscountFen, 0);
  const due = subtotalFen - paidMemberDiscountFen;
  const pointsAvailable = maxPointsFor(due, POINTS_BALANCE);
  const pointsUsed = Math.min(points, pointsAvailable);
  return {
    lines,
    listTotalFen: lines.reduce((s, l) => s + l.qty * l.listPriceFen, 0),
    subtotalFen,
    paidMemberPercent: 95,
    paidMemberDiscountFen,
    couponDiscountFen: 0,
    pointsUsed,
    pointsDiscountFen: pointsUsed,
    pointsAvailable,
    pointsPerYuan: 100,
    paidMemberFriday: false,
    payableFen: due - pointsUsed,
    bestCouponId: null,
    couponId: null,
    coupons: [],
  };
}

const PAYMENT = { timeStamp: '1767000000', nonceStr: 'n0nce', package: 'prepay_id=wx-test', signType: 'RSA', paySign: 'sig' };

interface Wx {
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
  requestPayment(options: Record<string, unknown> & { success?: (r: unknown) => void; complete?: (r: unknown) => void }): void;
  redirectTo(options: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }): void;
}

describe('checkout (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const storage = new Map<string, unknown>();
  const payments: Record<string, unknown>[] = [];
  const redirects: string[] = [];
  let orderStatus = 'pending_payment';

  const calls = (action: string) => app.cloudCalls.filter((c) => c.name === 'order' && c.data.action === action);
  const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'catalog' && data.action === 'stores') return { ok: true, data: { stores: [STORE] } };
        if (name === 'order' && data.action === 'quote') return { ok: true, data: quoteFor(typeof data.points === 'number' ? data.points : 0) };
        if (name === 'order' && data.action === 'create') {
          const quote = quoteFor(typeof data.points === 'number' ? data.points : 0);
          const created: CreatedOrder = { orderId: 'GLTEST0001', status: 'pending_payment', payableFen: quote.payableFen, outTradeNo: 'GLTEST0001', payment: PAYMENT, expiresAt: '2026-01-01T00:15:00.000Z' };
          return { ok: true, data: created };
        }
        if (name === 'order' && data.action === 'detail') {
          // The payment callback lands a moment after the sheet closes: the first look still sees it unpaid.
          const status = orderStatus;
          orderStatus = 'paid';
          return { ok: true, data: { orderId: data.orderId, status } };
        }
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    // miniprogram-simulate's storage keeps nothing: give the app a real one, holding the member's cart.
    wx.getStorageSync = (key) => (storage.has(key) ? storage.get(key) : '');
    wx.setStorageSync = (key, value) => void storage.set(key, value);
    wx.removeStorageSync = (key) => void storage.delete(key);
    wx.requestPayment = (options) => {
      payments.push(options);
      setTimeout(() => {
        options.success?.({ errMsg: 'requestPayment:ok' });
        options.complete?.({ errMsg: 'requestPayment:ok' });
      }, 0);
    };
    wx.redirectTo = (options) => {
      redirects.push(options.url);
      options.success?.({ errMsg: 'redirectTo:ok' });
      options.complete?.({ errMsg: 'redirectTo:ok' });
    };
    storage.set('guoli.store', STORE);
    storage.set('guoli.cart', { [STORE.storeId]: [{ skuId: 'fruit-strawberry', qty: 2 }, { skuId: 'fruit-grape', qty: 1 }], 'store-futian': [{ skuId: 'dairy-milk-950', qty: 1 }] });

    page = app.renderPage('pages/checkout/index');
    await page.waitFor(() => page.byClass('checkout__payable') !== null, 'the payable amount');
  });

  afterAll(() => page?.detach());

  it('quote: asks the order function to price the cart of the chosen store, without points', () => {
    assert.deepEqual(calls('quote')[0]?.data, {
      action: 'quote',
      storeId: 'store-flagship',
      items: [
        { skuId: 'fruit-strawberry', qty: 2 },
        { skuId: 'fruit-grape', qty: 1 },
      ],
    });
  });

  it('lines: each line says which price applied and why, with its unit price and amount', () => {
    const text = page.text();
    assert.match(text, /丹东99草莓 × 2 ¥59\.80 群专享 鲜果A群专享 ¥29\.90 ?\/500g\/盒 ¥39\.90/);
    assert.match(text, /阳光玫瑰青提 × 1 ¥42\.90 会员价 银卡会员价 ¥42\.90 ?\/约1kg\/串 ¥45\.90/);
  });

  it('breakdown: shows the subtotal, the 心享会员 95折 line and the payable amount', () => {
    const quote = quoteFor(0);
    assert.equal(page.textOf('checkout__discount'), `心享会员 95折 -${formatFen(quote.paidMemberDiscountFen)}`);
    assert.equal(formatFen(quote.payableFen), '¥97.57');
    assert.equal(squash(page.textOf('checkout__payable')), '¥97.57');
    assert.equal(squash(page.textOf('checkout__total')), '¥97.57');
    assert.equal(page.textOf('checkout__pickup-tag'), '到店自提');
    assert.match(page.text(), /果粒鲜选·南山旗舰店/);
  });

  it('points: the switch offers the points the server allows and re-quotes with them', async () => {
    assert.equal(page.textOf('checkout__points-offer'), '使用 1200 积分抵 ¥12.00');
    await page.tap('checkout__points');
    await page.waitFor(() => calls('quote').length === 2, 'a second quote');
    assert.equal(calls('quote')[1].data.points, 1200);
    await page.waitFor(() => squash(page.textOf('checkout__payable')) === '¥85.57', 'the payable after points');
    assert.ok(page.byClass('checkout__switch--on'), 'the switch shows on');
  });

  it('submit: a double tap creates one order with one requestId, pays with WeChat Pay, waits for paid and opens the order', async () => {
    await page.tap('checkout__submit');
    await page.tap('checkout__submit');
    await page.waitFor(() => redirects.length === 1, 'the redirect to the order page', 8000);
    const creates = calls('create');
    assert.equal(creates.length, 1);
    assert.match(String(creates[0].data.requestId), /^[A-Za-z0-9_-]{8,64}$/);
    assert.equal(creates[0].data.points, 1200);
    assert.equal(payments.length, 1);
    assert.equal(payments[0].package, 'prepay_id=wx-test');
    assert.ok(calls('detail').length >= 2, 'polled order.detail until paid');
    assert.equal(redirects[0], '/pages/order/index?orderId=GLTEST0001');
    // The ordered lines leave this store's cart; another store's cart is untouched.
    assert.deepEqual(storage.get('guoli.cart'), { 'store-futian': [{ skuId: 'dairy-milk-950', qty: 1 }] });
  });

  it('persona switcher and pay sheet: neither is part of the mini-program', () => {
    assert.doesNotMatch(page.text(), /切换身份|本地模拟/);
  });
});
