import { beforeEach, describe, it, jest } from '@jest/globals';
import assert from '@test/support/assert';

/**
 * Issue 13's rough edges that are pure rules of the app: one coupon end everywhere, what a coupon
 * applies to and where 去使用 goes, the network named when a call never reached the backend, the pay
 * sheet's subject, and which player plays a live stream. (Their screens: test/weapp/wallet, membership and checkout,
 * test/e2e/live.e2e.test.ts.)
 */
const storage = new Map<string, unknown>();
const navigations: string[] = [];
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    navigateTo: async ({ url }: { url: string }) => void navigations.push(`navigateTo ${url}`),
    switchTab: async ({ url }: { url: string }) => void navigations.push(`switchTab ${url}`),
  },
}));

let failure: unknown;
jest.mock('@/services/transport', () => ({
  invokeFunction: async () => {
    throw failure;
  },
}));

import { ERROR_MESSAGES } from '@contract/errors';
import { callCloud, NETWORK_MESSAGE, toCloudCallError } from '@/services/cloud';
import { paySubject } from '@/components/pay-sheet/subject';
import { livePlayerState, streamKind } from '@/packages/live/pages/room/model';
import { appliesToText, couponUseTarget, openCouponUse, SHOP_CATEGORY_KEY } from '@/utils/couponUse';
import { couponValidUntil } from '@/utils/date';

describe('rough edges', () => {
  beforeEach(() => {
    storage.clear();
    navigations.length = 0;
  });

  it('couponValidUntil: the last day a coupon works, inclusive, in Shanghai (the minute too when it ends mid-day)', () => {
    // 2026-12-03 00:00 in Shanghai is the first instant it no longer works.
    assert.equal(couponValidUntil('2026-12-02T16:00:00.000Z'), '有效期至 2026-12-02');
    assert.equal(couponValidUntil(new Date('2026-12-02T16:00:00.000Z')), '有效期至 2026-12-02');
    assert.equal(couponValidUntil('2026-12-02T06:00:00.000Z'), '有效期至 2026-12-02 13:59');
  });

  it('appliesToText: categories by name, products when the screen knows them, the gift, the whole shop', () => {
    const names: Record<string, string> = { 'fruit-durian': '金枕榴莲', 'dairy-milk': '鲜牛奶 950ml' };
    const nameOf = (skuId: string) => names[skuId];
    assert.equal(appliesToText(undefined), null);
    assert.equal(appliesToText({ categories: [], skuIds: [], giftSkuId: null }), '全场通用');
    assert.equal(appliesToText({ categories: ['fruit', 'dairy'], skuIds: [], giftSkuId: null }), '适用：当季鲜果、鲜奶乳品');
    assert.equal(appliesToText({ categories: [], skuIds: ['fruit-durian'], giftSkuId: null }, nameOf), '适用：金枕榴莲');
    assert.equal(appliesToText({ categories: [], skuIds: ['fruit-durian', 'x'], giftSkuId: null }, nameOf), '适用：金枕榴莲 等 2 项');
    assert.equal(appliesToText({ categories: [], skuIds: ['a', 'b'], giftSkuId: null }), '适用：2 款指定商品');
    assert.equal(appliesToText({ categories: [], skuIds: [], giftSkuId: 'dairy-milk' }, nameOf), '赠品：鲜牛奶 950ml');
    assert.equal(appliesToText({ categories: [], skuIds: [], giftSkuId: 'dairy-milk' }), '赠品：指定商品');
  });

  it('去使用: a one-product or gift coupon opens the product, a category coupon the shop at that category, others the shop', async () => {
    assert.deepEqual(couponUseTarget({ categories: [], skuIds: ['fruit-durian'], giftSkuId: null }), { kind: 'product', url: '/pages/product/index?skuId=fruit-durian' });
    assert.deepEqual(couponUseTarget({ categories: [], skuIds: [], giftSkuId: 'dairy-milk' }), { kind: 'product', url: '/pages/product/index?skuId=dairy-milk' });
    assert.deepEqual(couponUseTarget({ categories: ['dairy'], skuIds: [], giftSkuId: null }), { kind: 'shop', category: 'dairy' });
    assert.deepEqual(couponUseTarget(undefined), { kind: 'shop', category: null });
    openCouponUse({ categories: ['dairy'], skuIds: [], giftSkuId: null });
    assert.equal(storage.get(SHOP_CATEGORY_KEY), 'dairy');
    openCouponUse({ categories: [], skuIds: [], giftSkuId: null });
    assert.equal(storage.has(SHOP_CATEGORY_KEY), false);
    openCouponUse({ categories: [], skuIds: ['fruit-durian'], giftSkuId: null });
    assert.deepEqual(navigations, ['switchTab /pages/index/index', 'switchTab /pages/index/index', 'navigateTo /pages/product/index?skuId=fruit-durian']);
  });

  it('offline: a call that never reached the backend names the network; other failures keep the generic message', async () => {
    const messageFor = async (thrown: unknown) => {
      failure = thrown;
      try {
        await callCloud('coupon', { action: 'wallet' });
      } catch (err) {
        return toCloudCallError(err).message;
      }
      return 'resolved';
    };
    assert.equal(await messageFor(new TypeError('Failed to fetch')), NETWORK_MESSAGE); // the preview's fetch, Chrome
    assert.equal(await messageFor(new TypeError('Load failed')), NETWORK_MESSAGE); // Safari
    assert.equal(await messageFor({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail' }), NETWORK_MESSAGE); // the mini-program
    assert.equal(await messageFor(new Error('cloud.callFunction:fail timeout')), NETWORK_MESSAGE);
    assert.equal(await messageFor(new Error('gateway: HTTP 500')), ERROR_MESSAGES.INTERNAL);
    assert.equal(NETWORK_MESSAGE, '网络连接不可用，请检查网络后重试');
    assert.equal(toCloudCallError({ errMsg: 'uploadFile:fail request:fail' }).message, NETWORK_MESSAGE);
    assert.equal(toCloudCallError(new Error('boom')).code, 'INTERNAL');
  });

  it('pay sheet: a paid-card purchase says 心享会员开通/续费, a shop order 到店自提订单', () => {
    assert.equal(paySubject('GM0123456789ABCDEF012345'), '心享会员开通/续费');
    assert.equal(paySubject('GL0123456789ABCDEF012345'), '到店自提订单');
  });

  it('live: RTMP and FLV play in <live-player>, HLS and MP4 in <video>; live-player codes become player states', () => {
    assert.equal(streamKind('rtmp://live.example.com/app/room'), 'live-player');
    assert.equal(streamKind('https://live.example.com/app/room.flv?token=1'), 'live-player');
    assert.equal(streamKind('https://live.example.com/app/room.m3u8'), 'video');
    assert.equal(streamKind('https://cdn.example.com/clip.mp4'), 'video');
    assert.equal(streamKind(null), null);
    assert.equal(streamKind(''), null);
    assert.deepEqual([2004, 2105, 2103, 2006, -2301, 2001].map(livePlayerState), ['playing', 'stalled', 'reconnecting', 'ended', 'error', null]);
  });
});
