import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { WalletCouponView } from '@contract/coupon';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

// validTo is the first instant a coupon no longer works: 2026-12-03 00:00 in Shanghai, so its last day is 12-02 (the wallet,
// the claim centre and the checkout's coupon sheet all say 有效期至 2026-12-02).
const FIVE_OFF: WalletCouponView = {
  couponId: 'cpn-five',
  templateId: 'live-enter',
  name: '进场5元',
  kind: 'cash',
  valueFen: 500,
  thresholdFen: null,
  discountRate: null,
  maxDiscountFen: null,
  status: 'unused',
  validFrom: '2026-11-26T04:00:00.000Z',
  validTo: '2026-12-02T16:00:00.000Z',
  source: 'live',
  sourceName: '直播专享',
  summary: '无门槛减¥5.00',
  invalidReason: null,
  appliesTo: { categories: ['dairy', 'yogurt'], skuIds: [], giftSkuId: null },
};

const FIFTEEN_OFF_99: WalletCouponView = {
  ...FIVE_OFF,
  couponId: 'cpn-99-15',
  templateId: 'tpl-99-15',
  name: '满99减15',
  kind: 'threshold',
  valueFen: 1500,
  thresholdFen: 9900,
  source: 'claim',
  sourceName: '领券中心',
  summary: '满¥99.00减¥15.00',
  validTo: '2026-12-25T16:00:00.000Z',
  appliesTo: { categories: [], skuIds: [], giftSkuId: null },
};

const EXPIRED_DISCOUNT: WalletCouponView = {
  ...FIVE_OFF,
  couponId: 'cpn-75',
  templateId: 'tpl-75',
  name: '生日75折券',
  kind: 'discount',
  valueFen: null,
  discountRate: 75,
  maxDiscountFen: 2000,
  status: 'expired',
  source: 'birthday',
  sourceName: '生日礼',
  summary: '7.5折 最高减¥20.00',
  validTo: '2026-11-20T16:00:00.000Z',
};

// Taken back when the purchase that reached 金卡 was refunded: shown among 已失效 with why.
const REVOKED_PACK: WalletCouponView = {
  ...FIVE_OFF,
  couponId: 'cpn-gold-pack',
  templateId: 'tpl-gold-pack',
  name: '金卡升级礼 满100减20',
  kind: 'threshold',
  valueFen: 2000,
  thresholdFen: 10000,
  status: 'expired',
  source: 'upgrade',
  sourceName: '升级礼包',
  summary: '满¥100.00减¥20.00',
  invalidReason: '订单退款后等级回退，升级礼包已收回',
};

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');

describe('wallet (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let coupons: WalletCouponView[] = [FIVE_OFF, FIFTEEN_OFF_99, EXPIRED_DISCOUNT, REVOKED_PACK];
  /** A member with more than a page: the first page's cursor and counts, and what the next page holds. */
  let paging: { cursor: string; counts: { unused: number; used: number; expired: number }; next: WalletCouponView[] } | null = null;

  const cards = () => Array.from(page.component.dom.querySelectorAll('.page--coupon-card'));
  /** A card's text, one space between text nodes (sibling <text>s have none between them). */
  const cardText = (card: Element) => {
    const parts: string[] = [];
    const walk = (n: Node) => {
      if (n.nodeType === 3 && n.textContent?.trim()) parts.push(n.textContent.trim());
      n.childNodes.forEach(walk);
    };
    walk(card);
    return parts.join(' ');
  };

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) =>
        name !== 'coupon' || data.action !== 'wallet'
          ? { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } }
          : !paging
            ? { ok: true, data: { coupons } }
            : data.cursor === paging.cursor
              ? { ok: true, data: { coupons: paging.next, cursor: null, counts: null } }
              : { ok: true, data: { coupons, cursor: paging.cursor, counts: paging.counts } },
    });
    page = app.renderPage('pages/coupons/index');
    await page.waitFor(() => page.byClass('coupon-card') !== null, 'the coupon cards');
  });

  afterAll(() => page?.detach());

  it('wallet: asks the coupon function once for every coupon and sorts them into tabs', () => {
    assert.deepEqual(app.cloudCalls, [{ name: 'coupon', data: { action: 'wallet' } }]);
    assert.equal(squash(page.textOf('wallet__tab--unused')), '未使用2');
    assert.equal(squash(page.textOf('wallet__tab--used')), '已使用0');
    assert.equal(squash(page.textOf('wallet__tab--expired')), '已失效2');
  });

  it('未使用: shows each face value, summary, name, source and Shanghai validity', () => {
    const [five, fifteen, ...rest] = cards();
    assert.equal(rest.length, 0);
    assert.equal(squash(five.querySelector('.page--coupon-card__value')?.textContent ?? null), '¥5.00');
    assert.equal(squash(five.querySelector('.page--coupon-card__condition')?.textContent ?? null), '无门槛');
    assert.match(cardText(five), /无门槛减¥5\.00/);
    assert.match(cardText(five), /直播专享 进场5元/);
    assert.match(cardText(five), /有效期至 2026-12-02(?! 23:59)/);
    // What it applies to, named as the shelf names it.
    assert.match(cardText(five), /适用：鲜奶乳品、酸奶奶酪/);
    assert.match(cardText(five), /去使用/);

    assert.equal(squash(fifteen.querySelector('.page--coupon-card__value')?.textContent ?? null), '¥15.00');
    assert.equal(squash(fifteen.querySelector('.page--coupon-card__condition')?.textContent ?? null), '满¥99.00可用');
    assert.match(cardText(fifteen), /满¥99\.00减¥15\.00/);
    assert.match(cardText(fifteen), /有效期至 2026-12-25(?! 23:59)/);
    assert.match(cardText(fifteen), /全场通用/);
    assert.equal(page.byClass('coupon-card__stamp'), null, 'no 已使用/已过期 stamp on usable coupons');
  });

  it('已失效 tab: the expired coupon greyed with 已过期, the revoked one with 已失效 and why', async () => {
    await page.tap('wallet__tab--expired');
    await page.waitFor(() => page.byClass('coupon-card--expired') !== null, 'the expired coupon');
    const [expired, revoked, ...rest] = cards();
    assert.equal(rest.length, 0);
    assert.equal(squash(expired.querySelector('.page--coupon-card__value')?.textContent ?? null), '7.5折');
    assert.match(cardText(expired), /7\.5折 最高减¥20\.00/);
    assert.equal(expired.querySelector('.page--coupon-card__stamp')?.textContent, '已过期');
    assert.equal(expired.querySelector('.page--coupon-card__reason'), null);
    assert.doesNotMatch(cardText(expired), /去使用/);
    assert.equal(revoked.querySelector('.page--coupon-card__stamp')?.textContent, '已失效');
    assert.match(cardText(revoked), /订单退款后等级回退，升级礼包已收回/);
    assert.doesNotMatch(cardText(revoked), /去使用/);
  });

  it('已使用 tab: empty, and the way to the claim centre and the points mall is only on 未使用', async () => {
    await page.tap('wallet__tab--used');
    await page.waitFor(() => page.byClass('wallet__empty') !== null, 'the empty state');
    assert.equal(cards().length, 0);
    assert.match(page.textOf('wallet__empty') ?? '', /还没有用过优惠券/);
    assert.match(page.textOf('wallet__links') ?? '', /领券中心.*积分商城/);
  });

  it('pull-down refresh: a coupon held by an unpaid order shows under 未使用 as 锁定中', async () => {
    coupons = [FIVE_OFF, { ...FIFTEEN_OFF_99, status: 'locked' }, EXPIRED_DISCOUNT];
    await page.tap('wallet__tab--unused');
    page.trigger('onPullDownRefresh');
    await page.waitFor(() => page.byClass('coupon-card--locked') !== null, 'the locked coupon');
    assert.equal(app.cloudCalls.length, 2);
    const [five, locked] = cards();
    assert.match(cardText(five), /进场5元/);
    assert.match(cardText(locked), /锁定中 待支付订单占用/);
    assert.doesNotMatch(cardText(locked), /去使用/);
  });

  it('empty 未使用: links to 领券中心 and 积分商城', async () => {
    const wx = (globalThis as unknown as { wx: { navigateTo: (o: { url: string }) => unknown } }).wx;
    const opened: string[] = [];
    const original = wx.navigateTo;
    wx.navigateTo = (o: { url: string }) => {
      opened.push(o.url);
      return original.call(wx, o);
    };
    coupons = [EXPIRED_DISCOUNT];
    page.trigger('onPullDownRefresh');
    await page.waitFor(() => page.byClass('wallet__empty') !== null, 'the empty 未使用 tab');
    assert.match(page.textOf('wallet__empty') ?? '', /去领券中心.*去积分商城/);
    await page.tap('wallet__empty-cta');
    wx.navigateTo = original;
    assert.deepEqual(opened, ['/packages/member/pages/coupon-centre/index']);
  });

  it('more than a page: the tabs count what the server counted, 加载更多 (or reaching the bottom) brings the next page once', async () => {
    const third = { ...FIVE_OFF, couponId: 'cpn-third', name: '第三张券' };
    paging = { cursor: 'page-2', counts: { unused: 3, used: 4, expired: 1 }, next: [third] };
    coupons = [FIVE_OFF, FIFTEEN_OFF_99, EXPIRED_DISCOUNT];
    page.trigger('onPullDownRefresh');
    await page.waitFor(() => page.byClass('wallet__more') !== null, '加载更多');
    assert.equal(squash(page.textOf('wallet__tab--unused')), '未使用3');
    assert.equal(squash(page.textOf('wallet__tab--used')), '已使用4');
    assert.equal(cards().length, 2);
    const calls = app.cloudCalls.length;
    page.trigger('onReachBottom');
    await page.waitFor(() => cards().length === 3, 'the next page appended');
    assert.deepEqual(app.cloudCalls.slice(calls), [{ name: 'coupon', data: { action: 'wallet', cursor: 'page-2' } }]);
    assert.match(cardText(cards()[2]), /第三张券/);
    assert.equal(page.byClass('wallet__more'), null, 'nothing more after the last page');
    assert.match(page.textOf('wallet__end') ?? '', /结算时自动推荐最省的一张券/);
    paging = null;
  });

  it('persona switcher: is not part of the mini-program', () => {
    assert.doesNotMatch(page.text(), /切换身份/);
  });
});
