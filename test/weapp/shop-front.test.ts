import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { BannerView, CatalogProduct, StoreView } from '@contract/catalog';
import { bootWeapp, type CloudCall, type RenderedPage, type WeappHarness } from './shim';

const FLAGSHIP: StoreView = { storeId: 'store-flagship', name: '果粒鲜选·南山旗舰店', address: '深圳市南山区科技园南路 88 号', hours: '08:00–22:00' };
const FUTIAN: StoreView = { storeId: 'store-futian', name: '果粒鲜选·福田中心店', address: '深圳市福田区福华三路 100 号', hours: '09:00–21:00', phone: '0755-88886666' };

function product(skuId: string, name: string, category: string, imageUrl?: string): CatalogProduct {
  return { skuId, name, category, unit: '1 份', ...(imageUrl ? { image: imageUrl, imageUrl } : {}), listPriceFen: 1990, unitPriceFen: 1990, priceSource: 'list', priceLabel: '零售价', priceReason: '零售价', stock: 50, noExtraDiscount: false };
}

const SHELVES: Record<string, CatalogProduct[]> = {
  'store-flagship': [product('fruit-apple', '旗舰店苹果', 'fruit')],
  'store-futian': [product('fruit-strawberry', '丹东99草莓', 'fruit', 'https://img.example.com/strawberry.jpg'), product('dairy-milk-950', '鲜牛奶', 'dairy')],
};
const BANNERS: BannerView[] = [
  { bannerId: 'b-berry', title: '草莓季', imageUrl: 'https://img.example.com/berry.jpg', link: '/pages/product/index?skuId=fruit-strawberry' },
  { bannerId: 'b-member', title: '会员日', imageUrl: 'https://img.example.com/member.jpg', link: '/pages/member/index' },
];

/** An answer the test releases when it wants: how a slow network reorders answers. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((ok) => (open = ok));
  return { open, opened };
}

interface Wx {
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
  navigateTo(options: { url: string; success?: (r: unknown) => void }): void;
  navigateBack(options: { success?: (r: unknown) => void }): void;
  switchTab(options: { url: string; success?: (r: unknown) => void }): void;
}

describe('the shop front and its search page (compiled weapp): store switches, banners, photos, search', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let searchPage: RenderedPage;
  const storage = new Map<string, unknown>();
  const navigations: string[] = [];
  const gates = new Map<string, ReturnType<typeof gate>>();
  const calls = (action: string) => app.cloudCalls.filter((c: CloudCall) => c.name === 'catalog' && c.data.action === action).map((c) => c.data);
  const type = (value: string) => searchPage.component.querySelector('.search-bar__input')!.dispatchEvent('input', { detail: { value } });
  const showAgain = () => page.trigger('onShow');
  const pickInStorage = (store: StoreView) => storage.set('guoli.store', store);

  beforeAll(async () => {
    app = bootWeapp({
      cloud: async (name, data) => {
        if (name !== 'catalog') return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}` } };
        const key = `${String(data.action)}:${String(data.storeId ?? '')}:${String(data.q ?? '')}`;
        await gates.get(key)?.opened;
        const storeId = String(data.storeId);
        const store = storeId === FUTIAN.storeId ? FUTIAN : FLAGSHIP;
        switch (data.action) {
          case 'stores':
            return { ok: true, data: { stores: [FLAGSHIP, FUTIAN] } };
          case 'list':
            return { ok: true, data: { store, categories: [{ category: 'fruit', name: '当季鲜果' }, { category: 'dairy', name: '鲜奶乳品' }], products: SHELVES[storeId] } };
          case 'home':
            return { ok: true, data: { banners: storeId === FUTIAN.storeId ? BANNERS : [] } };
          case 'search': {
            const q = String(data.q);
            return { ok: true, data: { store, categories: [], products: SHELVES[storeId].filter((p) => p.name.includes(q)) } };
          }
          default:
            return { ok: false, error: { code: 'NOT_FOUND', message: 'unexpected action' } };
        }
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.getStorageSync = (key) => (storage.has(key) ? storage.get(key) : '');
    wx.setStorageSync = (key, value) => void storage.set(key, value);
    wx.removeStorageSync = (key) => void storage.delete(key);
    wx.navigateTo = (options) => {
      navigations.push(options.url);
      options.success?.({ errMsg: 'navigateTo:ok' });
    };
    wx.navigateBack = (options) => {
      navigations.push('back');
      options.success?.({ errMsg: 'navigateBack:ok' });
    };
    wx.switchTab = (options) => {
      navigations.push(`tab:${options.url}`);
      options.success?.({ errMsg: 'switchTab:ok' });
    };
  });

  afterAll(() => {
    searchPage?.detach();
    page?.detach();
  });

  it('store switch: a store picked while the first load waits for the store list stays picked, and only its shelf shows', async () => {
    // A new member: no store yet, so the shop asks for the list of stores, which is slow today.
    const slowStores = gate();
    gates.set('stores::', slowStores);
    page = app.renderPage('pages/index/index');
    await page.waitFor(() => calls('stores').length === 1, 'the store list to be asked');
    // Meanwhile the member opened 切换 and picked 福田 (the picker stores the choice), and came back.
    pickInStorage(FUTIAN);
    showAgain();
    await page.waitFor(() => page.text().includes('丹东99草莓'), '福田’s shelf');
    // The old answer lands last: it must not bring back the default store.
    slowStores.open();
    await page.waitFor(() => calls('list').length === 2, 'the first load to finish');
    await new Promise((ok) => setTimeout(ok, 50));
    assert.equal((storage.get('guoli.store') as StoreView).storeId, FUTIAN.storeId);
    assert.deepEqual(calls('list').map((c) => c.storeId), [FUTIAN.storeId, FUTIAN.storeId]);
    assert.match(page.textOf('shop__store-name') ?? '', /福田中心店/);
    assert.ok(page.text().includes('丹东99草莓'));
  });

  it('store switch: the latest store wins; a slower answer for the store just left is dropped, and its shelf never shows meanwhile', async () => {
    const slowFutian = gate();
    gates.set(`list:${FUTIAN.storeId}:`, slowFutian);
    // 福田 again (a reload that will be slow), then quickly the flagship.
    showAgain();
    pickInStorage(FLAGSHIP);
    showAgain();
    await page.waitFor(() => page.text().includes('旗舰店苹果'), 'the flagship’s shelf');
    slowFutian.open();
    await new Promise((ok) => setTimeout(ok, 50));
    assert.ok(page.text().includes('旗舰店苹果'));
    assert.ok(!page.text().includes('丹东99草莓'));
    assert.match(page.textOf('shop__store-name') ?? '', /南山旗舰店/);
    // The flagship has no banners: none are shown.
    assert.equal(page.byClass('banner-swiper'), null);

    // Back to 福田, whose answer is slow: meanwhile the flagship's shelf is not shown under 福田's name.
    const slowAgain = gate();
    gates.set(`list:${FUTIAN.storeId}:`, slowAgain);
    pickInStorage(FUTIAN);
    showAgain();
    await page.waitFor(() => page.byClass('shop-skeleton') !== null, 'the skeleton while 福田 loads');
    assert.ok(!page.text().includes('旗舰店苹果'));
    slowAgain.open();
    await page.waitFor(() => page.text().includes('丹东99草莓'), '福田’s shelf again');
    gates.clear();
  });

  it('banners: 福田’s banners show one at a time with a dot each; a tap opens the linked page (a tab with switchTab)', async () => {
    assert.ok(page.byClass('banner-swiper'), 'the banners');
    assert.equal(page.component.dom.querySelectorAll('.page--banner-swiper__dot').length, 2);
    assert.deepEqual(calls('home').at(-1), { action: 'home', storeId: FUTIAN.storeId });
    await page.tap('banner-swiper__item');
    assert.deepEqual(navigations.splice(0), ['/pages/product/index?skuId=fruit-strawberry']);
    const dots = (page.component as unknown as { querySelectorAll(selector: string): Array<{ dispatchEvent(name: string): void }> }).querySelectorAll('.banner-swiper__dot');
    dots[1].dispatchEvent('tap');
    await page.waitFor(() => page.byClass('banner-swiper__dot--on') === page.component.dom.querySelectorAll('.page--banner-swiper__dot')[1], 'the second dot on');
    await page.tap('banner-swiper__item');
    assert.deepEqual(navigations.splice(0), ['tab:/pages/member/index']);
  });

  it('photos: a product with a photo shows it; one that fails to load gives way to its category tile', async () => {
    const photo = page.component.dom.querySelector('.page--product-thumb__image');
    assert.ok(photo, 'the strawberry photo');
    assert.equal(page.component.dom.querySelectorAll('.page--product-thumb__tile').length, 0, 'milk is in another category tab');
    page.component.querySelector('.product-thumb__image')!.dispatchEvent('error', { detail: { errMsg: 'image load failed' } });
    await page.waitFor(() => page.byClass('product-thumb__tile') !== null, 'the tile after a broken photo');
  });

  it('search: the shop’s search box opens the search page; typing is debounced into one catalog.search of the chosen store; the results use the product cards; a miss says 没有找到「…」', async () => {
    await page.tap('shop__search');
    assert.deepEqual(navigations.splice(0), ['/packages/shop/pages/search/index']);
    searchPage = app.renderPage('packages/shop/pages/search/index');
    await searchPage.waitFor(() => searchPage.byClass('shop-search__store') !== null, 'the search page');
    assert.match(searchPage.textOf('shop-search__store') ?? '', /福田中心店/);
    const before = calls('search').length;
    type('草');
    type('草莓');
    await searchPage.waitFor(() => searchPage.byClass('search-panel__results') !== null, 'the results');
    assert.deepEqual(calls('search').slice(before), [{ action: 'search', storeId: FUTIAN.storeId, q: '草莓' }]);
    assert.match(searchPage.textOf('search-panel__results') ?? '', /找到 1 件商品 .*丹东99草莓/);
    assert.ok(searchPage.byClass('product-card__name'), 'the shop’s product card');

    type('榴莲');
    await searchPage.waitFor(() => searchPage.byClass('search-panel__empty') !== null, 'the empty state');
    assert.equal(searchPage.textOf('search-panel__empty-title')?.replace(/\s+/g, ''), '没有找到「榴莲」');
  });

  it('search: the latest word wins over a slower answer for an earlier one', async () => {
    const slow = gate();
    gates.set(`search:${FUTIAN.storeId}:丹东`, slow);
    type('丹东');
    await searchPage.waitFor(() => calls('search').some((c) => c.q === '丹东'), 'the slow search to be asked');
    type('牛奶');
    await searchPage.waitFor(() => (searchPage.textOf('search-panel__results') ?? '').includes('鲜牛奶'), 'the milk results');
    slow.open();
    await new Promise((ok) => setTimeout(ok, 50));
    assert.ok((searchPage.textOf('search-panel__results') ?? '').includes('鲜牛奶'));
    assert.ok(!(searchPage.textOf('search-panel__results') ?? '').includes('丹东99草莓'));
    gates.clear();
  });

  it('recent searches: 搜索 keeps the word; clearing shows the recent words, a tap searches again, 取消 goes back to the shop', async () => {
    searchPage.component.querySelector('.search-bar__input')!.dispatchEvent('confirm', { detail: { value: '牛奶' } });
    await searchPage.waitFor(() => Array.isArray(storage.get('guoli.recentSearches')), 'the recent searches stored');
    assert.deepEqual(storage.get('guoli.recentSearches'), ['牛奶']);
    await searchPage.tap('search-bar__clear');
    await searchPage.waitFor(() => searchPage.byClass('search-panel__recent') !== null, 'the recent searches');
    assert.match(searchPage.textOf('search-panel__chips') ?? '', /牛奶/);
    await searchPage.tap('search-panel__chip');
    await searchPage.waitFor(() => (searchPage.textOf('search-panel__results') ?? '').includes('鲜牛奶'), 'the results of a recent word');
    await searchPage.tap('search-bar__cancel');
    assert.deepEqual(navigations.splice(0), ['back']);
  });

  it('去使用: a coupon for a category opens the shop at that category, once', async () => {
    // What a category coupon's 去使用 leaves for the shop tab (src/utils/couponUse.ts).
    storage.set('shop.openCategory', 'dairy');
    showAgain();
    await page.waitFor(() => page.text().includes('鲜牛奶') && !page.text().includes('丹东99草莓'), 'the dairy shelf');
    assert.equal(storage.has('shop.openCategory'), false);
    // Asked once: the next show keeps the member's own choice of category.
    showAgain();
    await new Promise((ok) => setTimeout(ok, 50));
    assert.ok(page.text().includes('鲜牛奶'));
  });
});
