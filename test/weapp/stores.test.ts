import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { StoreView } from '@contract/catalog';
import type { OrderView } from '@contract/order';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const HERE = { lat: 22.5431, lng: 114.0579 };
const FLAGSHIP: StoreView = { storeId: 'store-flagship', name: '果粒鲜选·南山旗舰店', address: '深圳市南山区科技园南路 88 号', hours: '08:00–22:00', phone: '0755-86001234', location: { lat: 22.5405, lng: 113.9545 } };
const FUTIAN: StoreView = { storeId: 'store-futian', name: '果粒鲜选·福田中心店', address: '深圳市福田区福华三路 100 号', hours: '09:00–21:00', phone: '0755-88886666', location: { lat: 22.5365, lng: 114.0567 } };
const BAOAN: StoreView = { storeId: 'store-baoan', name: '果粒鲜选·宝安西乡店', address: '深圳市宝安区西乡大道 300 号', hours: '08:30–21:30', location: null };

/** The picker's order without a location; nearest first (the unlocated last) with one. */
function storesFor(location: unknown): StoreView[] {
  if (!location) return [FLAGSHIP, FUTIAN, BAOAN];
  return [{ ...FUTIAN, distanceM: 740 }, { ...FLAGSHIP, distanceM: 10_620 }, BAOAN];
}

const ORDER_ID = 'GL0A1B2C3D4E5F60718293A4';
const PAID = {
  orderId: ORDER_ID,
  status: 'paid',
  storeId: FUTIAN.storeId,
  storeName: FUTIAN.name,
  lines: [{ skuId: 'dairy-milk-950', name: '鲜牛奶', unit: '950ml', qty: 1, unitPriceFen: 1590, listPriceFen: 1590, priceSource: 'list', priceLabel: '零售价', reason: '零售价', amountFen: 1590, paidMemberDiscountFen: 0 }],
  listTotalFen: 1590,
  subtotalFen: 1590,
  paidMemberPercent: null,
  paidMemberDiscountFen: 0,
  couponDiscountFen: 0,
  pointsUsed: 0,
  pointsDiscountFen: 0,
  payableFen: 1590,
  createdAt: '2025-11-26T06:00:00.000Z',
  expiresAt: null,
  paidAt: '2025-11-26T06:01:30.000Z',
  pickedUpAt: null,
  cancelledAt: null,
  refundedAt: null,
  growthEarned: 15,
  pointsEarned: 15,
  voucher: { code: `GLV1.${ORDER_ID}.${FUTIAN.storeId}.1764863999999.q2h7Xw0bT9kZr4LmN8pVs1cYe6uJ3aQd`, shortCode: '84721093', expiresAt: '2025-12-03T15:59:59.999Z' },
  refundable: true,
  refundedQty: {},
  refundedFen: 0,
  refunds: [],
  timeline: [],
} as unknown as OrderView;

type Callback = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };
interface Wx {
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  getLocation(options: Callback & { type?: string }): void;
  openSetting(options: Callback): void;
  makePhoneCall(options: Callback & { phoneNumber: string }): void;
  openLocation(options: Callback & Record<string, unknown>): void;
  navigateBack(options: Callback): void;
  switchTab(options: Callback & { url: string }): void;
  showToast(options: Callback & { title: string }): void;
}

describe('stores nearest first, phone and navigation; the voucher’s store (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const storage = new Map<string, unknown>();
  /** What wx.getLocation answers, call after call: refused twice (privacy, then the permission), then granted. */
  const locationAnswers: Array<{ errMsg: string } | { latitude: number; longitude: number }> = [
    { errMsg: 'getLocation:fail privacy permission is not authorized' },
    { errMsg: 'getLocation:fail auth deny' },
    { latitude: HERE.lat, longitude: HERE.lng },
  ];
  const asked: string[] = [];
  const phoneCalls: string[] = [];
  const maps: Array<Record<string, unknown>> = [];
  let settingsOpened = 0;
  /** Where the picker went after a pick (opened alone here, it returns to the shop tab). */
  const leaves: string[] = [];
  const storesCalls = () => app.cloudCalls.filter((c) => c.name === 'catalog' && c.data.action === 'stores').map((c) => c.data);

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'catalog' && data.action === 'stores') return { ok: true, data: { stores: storesFor(data.location) } };
        if (name === 'order' && data.action === 'detail') return { ok: true, data: PAID };
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.getStorageSync = (key) => (storage.has(key) ? storage.get(key) : '');
    wx.setStorageSync = (key, value) => void storage.set(key, value);
    wx.getLocation = (options) => {
      asked.push(String(options.type));
      const answer = locationAnswers.shift() ?? { errMsg: 'getLocation:fail unexpected' };
      if ('errMsg' in answer) options.fail?.(answer);
      else options.success?.({ ...answer, errMsg: 'getLocation:ok' });
    };
    wx.openSetting = (options) => {
      settingsOpened += 1;
      options.success?.({ authSetting: { 'scope.userLocation': true }, errMsg: 'openSetting:ok' });
    };
    wx.makePhoneCall = (options) => {
      phoneCalls.push(options.phoneNumber);
      options.success?.({ errMsg: 'makePhoneCall:ok' });
    };
    wx.openLocation = (options) => {
      const { success, fail, complete, ...point } = options;
      void fail;
      void complete;
      maps.push(point);
      success?.({ errMsg: 'openLocation:ok' });
    };
    wx.navigateBack = (options) => {
      leaves.push('back');
      options.success?.({ errMsg: 'navigateBack:ok' });
    };
    wx.switchTab = (options) => {
      leaves.push(options.url);
      options.success?.({ errMsg: 'switchTab:ok' });
    };
    wx.showToast = (options) => options.success?.({ errMsg: 'showToast:ok' });
    storage.set('guoli.store', { storeId: FLAGSHIP.storeId, name: FLAGSHIP.name, address: FLAGSHIP.address });
    page = app.renderPage('packages/shop/pages/store/index');
    await page.waitFor(() => page.byClass('store-picker__note') !== null, 'the list with its note');
  });

  afterAll(() => page?.detach());

  it('privacy refused: the list as before (no distances) with a gentle note and 重新定位', () => {
    assert.deepEqual(asked, ['gcj02']);
    assert.deepEqual(storesCalls(), [{ action: 'stores' }]);
    assert.equal(page.textOf('store-picker__note-text'), '同意隐私保护指引后，可按距离为你找到最近的门店');
    assert.equal(page.textOf('store-picker__note-action'), '重新定位');
    assert.match(page.textOf('store-picker__list') ?? '', /^果粒鲜选·南山旗舰店 当前门店/);
    assert.equal(page.byClass('store-picker__distance'), null);
  });

  it('permission refused: the note offers 去开启, which opens WeChat’s settings; granted there, the stores come nearest first', async () => {
    await page.tap('store-picker__note-action');
    await page.waitFor(() => page.textOf('store-picker__note-action') === '去开启', 'the permission note');
    assert.equal(page.textOf('store-picker__note-text'), '开启位置权限后，可按距离为你找到最近的门店');
    assert.equal(settingsOpened, 0);

    await page.tap('store-picker__note-action');
    await page.waitFor(() => page.byClass('store-picker__distance') !== null, 'the distances');
    assert.equal(settingsOpened, 1);
    assert.deepEqual(asked, ['gcj02', 'gcj02', 'gcj02']);
    assert.deepEqual(storesCalls().at(-1), { action: 'stores', location: HERE });
    assert.equal(page.byClass('store-picker__note'), null);
    assert.equal(page.textOf('store-picker__sorted'), '已按距离由近到远排列');
    // Nearest first, with 米 below a kilometre and 公里 above; the store without a location last, without a distance.
    const list = page.textOf('store-picker__list') ?? '';
    assert.match(list, /^果粒鲜选·福田中心店 740 米 离你最近 深圳市福田区福华三路 100 号 营业时间 09:00–21:00 电话 导航 在这里自提 ›/);
    assert.match(list, /果粒鲜选·南山旗舰店 10\.6 公里 当前门店 .* 继续选购 果粒鲜选·宝安西乡店 深圳市宝安区西乡大道 300 号 营业时间 08:30–21:30 在这里自提 ›$/);
  });

  it('phone and 导航: call the store and open its location on the map, without picking it', async () => {
    await page.tap('store-actions__call');
    await page.tap('store-actions__map');
    assert.deepEqual(phoneCalls, [FUTIAN.phone]);
    assert.deepEqual(maps, [{ latitude: FUTIAN.location!.lat, longitude: FUTIAN.location!.lng, name: FUTIAN.name, address: FUTIAN.address, scale: 16 }]);
    assert.equal((storage.get('guoli.store') as StoreView).storeId, FLAGSHIP.storeId);
    assert.deepEqual(leaves, []);
  });

  it('pick: the nearest store becomes the pickup store, with its phone and location kept for the voucher', async () => {
    await page.tap('store-picker__card');
    assert.deepEqual(leaves, ['/pages/index/index']);
    assert.deepEqual(storage.get('guoli.store'), { storeId: FUTIAN.storeId, name: FUTIAN.name, address: FUTIAN.address, hours: FUTIAN.hours, phone: FUTIAN.phone, location: FUTIAN.location });
  });

  it('voucher: shows the pickup store’s address, hours, 电话 and 导航 (from storage: no extra request)', async () => {
    const before = storesCalls().length;
    const order = app.renderPage('pages/order/index', { orderId: ORDER_ID });
    try {
      await order.waitFor(() => order.byClass('store-card__address') !== null, 'the store card on the voucher');
      assert.equal(order.textOf('store-card'), '深圳市福田区福华三路 100 号 营业时间 09:00–21:00 电话 导航');
      assert.equal(storesCalls().length, before);
      await order.tap('store-actions__call');
      assert.deepEqual(phoneCalls, [FUTIAN.phone, FUTIAN.phone]);
    } finally {
      order.detach();
    }
  });
});
