import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { CreatedOrder, QuoteView } from '@contract/order';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const STORE = { storeId: 'store-flagship', name: '果粒鲜选·南山旗舰店', address: '深圳市南山区科技园南路 88 号', hours: '08:00–22:00' };

/** A gift coupon covers the whole cart: the server quotes ¥0.00. */
const FREE_QUOTE: QuoteView = {
  lines: [{ skuId: 'dairy-milk-950', name: '鲜牛奶', unit: '950ml/瓶', qty: 1, unitPriceFen: 1590, listPriceFen: 1590, priceSource: 'list', priceLabel: '', reason: '', amountFen: 1590, paidMemberDiscountFen: 0 }],
  listTotalFen: 1590,
  subtotalFen: 1590,
  paidMemberPercent: null,
  paidMemberDiscountFen: 0,
  couponDiscountFen: 1590,
  pointsUsed: 0,
  pointsDiscountFen: 0,
  pointsAvailable: 0,
  pointsPerYuan: 100,
  paidMemberFriday: false,
  payableFen: 0,
  bestCouponId: 'cpn-gift',
  couponId: 'cpn-gift',
  coupons: [{ couponId: 'cpn-gift', name: '赠鲜牛奶', summary: '赠品', validTo: '2026-12-30T16:00:00.000Z', applies: true, discountFen: 1590, reason: null }],
};

interface Wx {
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  requestPayment(options: Record<string, unknown>): void;
  redirectTo(options: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }): void;
}

describe('checkout of a ¥0 order (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const storage = new Map<string, unknown>();
  const payments: unknown[] = [];
  const redirects: string[] = [];

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'catalog' && data.action === 'stores') return { ok: true, data: { stores: [STORE] } };
        if (name === 'order' && data.action === 'quote') return { ok: true, data: FREE_QUOTE };
        if (name === 'order' && data.action === 'create') {
          const created: CreatedOrder = { orderId: 'GLFREE0001', status: 'paid', payableFen: 0, outTradeNo: 'GLFREE0001', payment: null, expiresAt: '2026-01-01T00:15:00.000Z' };
          return { ok: true, data: created };
        }
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.getStorageSync = (key) => (storage.has(key) ? storage.get(key) : '');
    wx.setStorageSync = (key, value) => void storage.set(key, value);
    wx.requestPayment = (options) => void payments.push(options);
    wx.redirectTo = (options) => {
      redirects.push(options.url);
      options.success?.({ errMsg: 'redirectTo:ok' });
      options.complete?.({ errMsg: 'redirectTo:ok' });
    };
    storage.set('guoli.store', STORE);
    storage.set('guoli.cart', { [STORE.storeId]: [{ skuId: 'dairy-milk-950', qty: 1 }] });
    page = app.renderPage('pages/checkout/index');
    await page.waitFor(() => page.byClass('checkout__payable') !== null, 'the payable amount');
  });

  afterAll(() => page?.detach());

  it('submit: the order is complete at once — no WeChat Pay, no second call to pay, straight to the order and its voucher', async () => {
    assert.equal(page.textOf('checkout__total'), '¥0.00');
    await page.tap('checkout__submit');
    await page.waitFor(() => redirects.length === 1, 'the redirect to the order page', 8000);
    assert.equal(payments.length, 0);
    // Quoted, quoted again with the best coupon, created: nothing else (no order.pay, no detail polling).
    assert.deepEqual(
      app.cloudCalls.filter((c) => c.name === 'order').map((c) => c.data.action),
      ['quote', 'quote', 'create'],
    );
    assert.equal(redirects[0], '/pages/order/index?orderId=GLFREE0001');
    assert.deepEqual(storage.get('guoli.cart'), {});
  });
});
