import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { CatalogProduct } from '@contract/catalog';
import type { QuoteLineView, QuoteView } from '@contract/order';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const STORE = { storeId: 'store-flagship', name: '果粒鲜选·南山旗舰店', address: '深圳市南山区科技园南路 88 号' };

function product(skuId: string, name: string, category: string, unit: string, listPriceFen: number, stock: number): CatalogProduct {
  return { skuId, name, category, unit, listPriceFen, unitPriceFen: listPriceFen, priceSource: 'list', priceLabel: '零售价', priceReason: '零售价', stock, noExtraDiscount: false };
}

const SHELF = {
  store: STORE,
  categories: [{ category: 'fruit', name: '当季鲜果' }],
  products: [product('fruit-banana', '海南香蕉', 'fruit', '1kg/把', 990, 0), product('fruit-strawberry', '丹东99草莓', 'fruit', '500g/盒', 3990, 40)],
};

function line(skuId: string, name: string, qty: number, unitPriceFen: number, source: 'group' | 'member' | 'list', label: string): QuoteLineView {
  return { skuId, name, unit: '', qty, unitPriceFen, listPriceFen: source === 'list' ? unitPriceFen : 3990, priceSource: source, priceLabel: label, reason: label, amountFen: qty * unitPriceFen, paidMemberDiscountFen: 0 };
}

/** The server's quote: the group price covers 2 boxes per member, the rest at 银卡会员价. */
function quoteFor(items: Array<{ skuId: string; qty: number }>): QuoteView {
  const lines = items.flatMap(({ skuId, qty }) =>
    skuId === 'fruit-banana' ? [line(skuId, '海南香蕉', qty, 990, 'list', '零售价')] : [line(skuId, '丹东99草莓', Math.min(qty, 2), 2990, 'group', '群专享'), ...(qty > 2 ? [line(skuId, '丹东99草莓', qty - 2, 3690, 'member', '会员价')] : [])],
  );
  const subtotalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  return {
    lines,
    listTotalFen: lines.reduce((s, l) => s + l.qty * l.listPriceFen, 0),
    subtotalFen,
    paidMemberPercent: null,
    paidMemberDiscountFen: 0,
    couponDiscountFen: 0,
    pointsUsed: 0,
    pointsDiscountFen: 0,
    pointsAvailable: 0,
    pointsPerYuan: 100,
    paidMemberFriday: false,
    payableFen: subtotalFen,
    bestCouponId: null,
    couponId: null,
    coupons: [],
  };
}

interface Wx {
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  navigateTo(options: { url: string; success?: (r: unknown) => void }): void;
  showToast(options: { title: string; success?: (r: unknown) => void }): void;
}

describe('cart (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const storage = new Map<string, unknown>();
  const navigations: string[] = [];
  const toasts: string[] = [];
  const quotes = () => app.cloudCalls.filter((c) => c.name === 'order' && c.data.action === 'quote').map((c) => c.data.items);
  const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'catalog' && data.action === 'list') return { ok: true, data: SHELF };
        if (name === 'order' && data.action === 'quote') return { ok: true, data: quoteFor(data.items as Array<{ skuId: string; qty: number }>) };
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.getStorageSync = (key) => (storage.has(key) ? storage.get(key) : '');
    wx.setStorageSync = (key, value) => void storage.set(key, value);
    wx.navigateTo = (options) => {
      navigations.push(options.url);
      options.success?.({ errMsg: 'navigateTo:ok' });
    };
    wx.showToast = (options) => {
      toasts.push(options.title);
      options.success?.({ errMsg: 'showToast:ok' });
    };
    storage.set('guoli.store', STORE);
    storage.set('guoli.cart', { [STORE.storeId]: [{ skuId: 'fruit-banana', qty: 1 }, { skuId: 'fruit-strawberry', qty: 3 }] });
    page = app.renderPage('pages/cart/index');
    await page.waitFor(() => squash(page.textOf('cart__total-amount')) === '¥106.60', 'the cart total');
  });

  afterAll(() => page?.detach());

  it('quote: prices the stored lines of the chosen store on the server', () => {
    assert.deepEqual(quotes()[0], [
      { skuId: 'fruit-banana', qty: 1 },
      { skuId: 'fruit-strawberry', qty: 3 },
    ]);
  });

  it('lines: a line split by a limited price shows both prices; a sold-out product says so and blocks checkout', async () => {
    const text = page.text();
    assert.match(text, /丹东99草莓 删除 500g\/盒 群专享 ¥29\.90 × 2 会员价 ¥36\.90 × 1 ¥96\.70/);
    assert.match(text, /海南香蕉 删除 1kg\/把 ¥9\.90 本店已售罄/);
    await page.tap('cart__settle');
    assert.deepEqual(navigations, []);
    assert.match(toasts.at(-1) ?? '', /海南香蕉.*已售罄/);
  });

  it('remove and stepper: the cart in storage follows, and the server re-prices it', async () => {
    await page.tap('cart-row__remove'); // the first row: 海南香蕉
    await page.waitFor(() => quotes().length === 2, 'a quote without the banana');
    assert.deepEqual(quotes()[1], [{ skuId: 'fruit-strawberry', qty: 3 }]);
    await page.waitFor(() => !page.text().includes('海南香蕉'), 'the banana row to go');
    await page.tap('qty-stepper__inc'); // now the strawberries' stepper
    await page.waitFor(() => squash(page.textOf('cart__total-amount')) === '¥133.60', 'the total for 4 boxes');
    assert.deepEqual(quotes().at(-1), [{ skuId: 'fruit-strawberry', qty: 4 }]);
    assert.deepEqual(storage.get('guoli.cart'), { [STORE.storeId]: [{ skuId: 'fruit-strawberry', qty: 4 }] });
  });

  it('settle: goes to checkout', async () => {
    await page.tap('cart__settle');
    assert.deepEqual(navigations, ['/pages/checkout/index']);
  });
});
