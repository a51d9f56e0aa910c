import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { CatalogProduct } from '@contract/catalog';
import { bootWeapp, type LaunchOptions, type RenderedPage, type WeappHarness } from './shim';

const STORE = { storeId: 'store-flagship', name: '果粒鲜选·南山旗舰店', address: '深圳市南山区科技园南路 88 号' };
const SKU = 'fruit-strawberry';
const SHARE_ID = 'Fr1endShare00001';
const TICKET = 'share-ticket-of-the-group';
const CLOUD_ID = 'cloud-id-of-the-group';

const LIST: CatalogProduct = { skuId: SKU, name: '丹东99草莓', category: 'fruit', unit: '500g/盒', listPriceFen: 3990, unitPriceFen: 3990, priceSource: 'list', priceLabel: '零售价', priceReason: '零售价', stock: 40, noExtraDiscount: false };
const GROUP: CatalogProduct = { ...LIST, unitPriceFen: 2990, priceSource: 'group', priceLabel: '群专享', priceReason: '鲜果A群专享' };

/** A friend's product card opened from a group chat: the card's page, its query, the group's share ticket. */
const FROM_GROUP: LaunchOptions = { path: 'pages/product/index', query: { skuId: SKU, shareId: SHARE_ID }, scene: 1044, shareTicket: TICKET };

interface Wx {
  getShareInfo(options: { shareTicket: string; timeout?: number; success?: (r: unknown) => void }): void;
  showToast(options: { title: string; success?: (r: unknown) => void }): void;
  showShareMenu(options: { withShareTicket?: boolean; success?: (r: unknown) => void }): void;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
}

describe('opening a share card from a group chat (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let inGroup = false;
  /** The order things happened in: cloud calls as they arrive and answer, wx calls. */
  const events: string[] = [];
  const shareInfo: Array<{ shareTicket: string }> = [];
  const toasts: string[] = [];
  const shareMenus: Array<{ withShareTicket?: boolean }> = [];
  const storage = new Map<string, unknown>();
  const calls = (action: string) => app.cloudCalls.filter((c) => c.data.action === action);

  const stubWx = (wx: Wx) => {
    wx.getShareInfo = (options) => {
      shareInfo.push({ shareTicket: options.shareTicket });
      events.push('wx.getShareInfo');
      options.success?.({ errMsg: 'getShareInfo:ok', encryptedData: 'x', iv: 'y', cloudID: CLOUD_ID });
    };
    wx.showToast = (options) => {
      toasts.push(options.title);
      options.success?.({ errMsg: 'showToast:ok' });
    };
    wx.showShareMenu = (options) => {
      shareMenus.push({ withShareTicket: options.withShareTicket });
      options.success?.({ errMsg: 'showShareMenu:ok' });
    };
    wx.getStorageSync = (key) => storage.get(key) ?? '';
    wx.setStorageSync = (key, value) => void storage.set(key, value);
  };

  beforeAll(async () => {
    app = bootWeapp({
      launch: FROM_GROUP,
      setupWx: (wx) => stubWx(wx as unknown as Wx),
      cloud: async (name, data) => {
        const what = `${name}.${String(data.action)}`;
        events.push(what);
        if (what === 'member.openShare') return { ok: true, data: { kind: 'product', targetId: SKU, bound: true } };
        if (what === 'member.joinGroup') {
          await new Promise((ok) => setTimeout(ok, 50)); // WeChat resolving the CloudID takes a moment
          inGroup = true;
          events.push('joined');
          return { ok: true, data: { groups: ['gid-fresh-a'], joined: true } };
        }
        if (what === 'member.share') return { ok: true, data: { shareId: 'MyOwnCard0000001', path: `/pages/product/index?skuId=${SKU}&shareId=MyOwnCard0000001` } };
        if (what === 'catalog.stores') return { ok: true, data: { stores: [STORE] } };
        if (what === 'catalog.list') return { ok: true, data: { store: STORE, categories: [{ category: 'fruit', name: '当季鲜果' }], products: [inGroup ? GROUP : LIST] } };
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${what}` } };
      },
    });
    page = app.renderPage('pages/product/index', { skuId: SKU, shareId: SHARE_ID });
    await page.waitFor(() => page.byClass('price-tag__label') !== null, 'the price');
  });

  afterAll(() => page?.detach());

  it('records the visit once: member.openShare with the card’s share id', () => {
    assert.deepEqual(calls('openShare').map((c) => c.data), [{ action: 'openShare', shareId: SHARE_ID }]);
  });

  it('a new customer who became the friend’s invitee is told so', async () => {
    await page.waitFor(() => toasts.length > 0, 'the invitation toast');
    assert.deepEqual(toasts, ['已接受好友邀请，首单支付后可得新人礼券']);
  });

  it('joins the group: wx.getShareInfo with the share ticket, its CloudID to member.joinGroup', () => {
    assert.deepEqual(shareInfo, [{ shareTicket: TICKET }]);
    assert.deepEqual(calls('joinGroup').map((c) => c.data), [{ action: 'joinGroup', cloudID: CLOUD_ID }]);
  });

  it('the shelf waits for the join: the first catalog.list comes after it, and the group price shows', () => {
    assert.equal(calls('list').length, 1);
    assert.ok(events.indexOf('joined') < events.indexOf('catalog.list'), events.join(' → '));
    assert.equal(page.textOf('price-tag__label'), '群专享');
    assert.match(page.textOf('price-tag__price') ?? '', /29\s*\.90/);
    assert.match(page.textOf('product-detail__reason') ?? '', /鲜果A群专享/);
  });

  it('the same card shown again changes nothing; another card is recorded', async () => {
    app.showApp(FROM_GROUP);
    await new Promise((ok) => setTimeout(ok, 20));
    assert.equal(calls('openShare').length, 1);
    assert.equal(calls('joinGroup').length, 1);
    app.showApp({ path: 'pages/index/index', query: { shareId: 'AnotherCard00002' }, scene: 1007 });
    await page.waitFor(() => calls('openShare').length === 2, 'the second card recorded');
    assert.deepEqual(calls('openShare')[1].data, { action: 'openShare', shareId: 'AnotherCard00002' });
    assert.equal(calls('joinGroup').length, 1, 'a card from a one-to-one chat has no group');
  });

  it('sharing the product on: a share ticket is asked for, and the card carries the member’s own share id', async () => {
    assert.deepEqual(shareMenus, [{ withShareTicket: true }]);
    const message = page.trigger('onShareAppMessage', { from: 'menu' }) as { title: string; path: string; promise: Promise<{ path: string }> };
    assert.equal(message.path, `/pages/product/index?skuId=${SKU}`);
    assert.match(message.title, /丹东99草莓/);
    assert.doesNotMatch(message.title, /¥/);
    assert.equal((await message.promise).path, `/pages/product/index?skuId=${SKU}&shareId=MyOwnCard0000001`);
    assert.deepEqual(calls('share').map((c) => c.data), [{ action: 'share', kind: 'product', targetId: SKU }]);
  });
});
