import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { MemberProfile } from '@contract/member';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const SILVER: MemberProfile = {
  openid: 'o-test-silver',
  tier: 'silver',
  growth: 800,
  nextTier: 'gold',
  growthToNext: 1200,
  tierExpiresAt: '2026-05-25T16:30:00.000Z', // 2026-05-26 00:30 in Shanghai
  keepTierGrowth: 0,
  points: 1260,
  paid: null,
  // Operators' word for the member: it must never reach the screen.
  segment: 'S4',
  birthday: null,
  groups: [],
  inviteCode: null,
  subscriptions: { paid: 0, liveStarting: 0, tierExpiring: 0, couponExpiring: 0, refundDone: 0, tierChanged: 0, campaignGift: 0 },
  nickName: null,
  avatarUrl: null,
  phoneTail: null,
  couponCount: 3,
};

interface Wx {
  navigateTo(options: { url: string; success?: (r: unknown) => void }): void;
  showModal(options: { title?: string; content?: string; success?: (r: unknown) => void }): void;
  showToast(options: { title: string; success?: (r: unknown) => void }): void;
}

describe('member center (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const navigations: string[] = [];
  const modals: string[] = [];

  beforeAll(async () => {
    app = bootWeapp({ cloud: () => ({ ok: true, data: SILVER }) });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.navigateTo = (options) => {
      navigations.push(options.url);
      options.success?.({ errMsg: 'navigateTo:ok' });
    };
    wx.showModal = (options) => {
      modals.push(options.content ?? '');
      options.success?.({ errMsg: 'showModal:ok', confirm: true, cancel: false });
    };
    wx.showToast = (options) => options.success?.({ errMsg: 'showToast:ok' });
    page = app.renderPage('pages/member/index');
    await page.waitFor(() => page.byClass('tier-card__tier') !== null, 'the tier card');
  });

  afterAll(() => page?.detach());

  /** Taps the element with this class and answers where the app navigated. */
  async function opened(className: string): Promise<string | undefined> {
    const before = navigations.length;
    await page.tap(className);
    await page.waitFor(() => navigations.length > before, `a navigation after tapping .${className}`);
    return navigations[navigations.length - 1];
  }

  it('launch: initialises wx.cloud with the configured environment', () => {
    assert.equal(app.cloudInit.length, 1);
    assert.deepEqual(app.cloudInit[0], { env: 'guoli-dev', traceUser: true });
  });

  it('profile: asks the member function for the profile through wx.cloud.callFunction', () => {
    assert.deepEqual(app.cloudCalls[0], { name: 'member', data: { action: 'profile' } });
  });

  it('tier card: shows the tier name, growth and the way to the next tier', () => {
    assert.equal(page.textOf('tier-card__tier'), '银卡');
    assert.equal(page.textOf('tier-card__growth-value'), '800');
    assert.equal(page.textOf('tier-card__upgrade-hint'), '再获得 1200 果粒值升级为金卡');
  });

  it('tier card: shows the validity end as a Shanghai date, what keeps the tier and what the end deducts', () => {
    assert.equal(page.textOf('tier-card__keep-text'), '有效期至 2026-05-26，已满足保级条件');
    assert.equal(page.textOf('tier-card__deduction'), '到期将扣减 300 果粒值，按剩余果粒值重新评定等级');
  });

  it('assets: 果粒值 shows once (on the tier card); beside the points, the coupon count opens the wallet', async () => {
    assert.equal(page.textOf('member-center__assets'), '1260 积分 › 3 优惠券 ›');
    assert.equal(page.textOf('tier-card__growth'), '800 果粒值');
    assert.equal(await opened('member-center__asset--coupons'), '/pages/coupons/index');
  });

  it('ledger: tapping the growth or the points opens its history', async () => {
    assert.equal(await opened('tier-card__growth'), '/packages/member/pages/ledger/index?kind=growth');
    assert.equal(await opened('member-center__asset'), '/packages/member/pages/ledger/index?kind=points');
  });

  it('paid card: invites a member without a paid card; its button opens the membership page', async () => {
    assert.match(page.textOf('paid-card') ?? '', /心享会员/);
    assert.match(page.textOf('paid-card') ?? '', /了解详情/);
    assert.equal(await opened('paid-card__cta'), '/packages/member/pages/membership/index');
  });

  it('entries: the coupon wallet, the claim centre, the points mall and the live room', async () => {
    assert.equal(page.textOf('member-shortcuts__grid'), '券 我的优惠券 领 领券中心 积 积分商城 播 直播间');
    assert.equal(await opened('member-shortcuts__item--coupons'), '/pages/coupons/index');
    assert.equal(await opened('member-shortcuts__item--centre'), '/packages/member/pages/coupon-centre/index');
    assert.equal(await opened('member-shortcuts__item--mall'), '/packages/member/pages/points-mall/index');
    assert.equal(await opened('member-shortcuts__item--live'), '/packages/live/pages/room/index');
  });

  it('benefits: the member’s own tier is marked and selected; another tier shows what starts there', async () => {
    assert.match(page.textOf('benefit-list__tier--mine') ?? '', /当前 银卡 500 果粒值/);
    assert.equal(page.byClass('benefit-list__item--locked'), null);
    assert.match(page.textOf('benefit-list__items') ?? '', /会员价 部分商品享银卡会员价 寿 生日券 生日当天自动发放生日券/);
    await page.tap('benefit-list__tier--normal');
    await page.waitFor(() => page.byClass('benefit-list__item--locked') !== null, 'the 普卡 benefits');
    assert.match(page.textOf('benefit-list__items') ?? '', /会员价 银卡起享 寿 生日券 银卡起享 享 会员专享活动 银卡起享 礼 升级礼包 银卡起享/);
  });

  it('birthday: picked, confirmed, set once through member.setBirthday, then read-only', async () => {
    assert.match(page.textOf('birthday-row') ?? '', /设置生日（仅可设置一次）/);
    app.setCloudHandler((_name, data) => ({ ok: true, data: data.action === 'setBirthday' || data.action === 'profile' ? { ...SILVER, birthday: '1996-02-29' } : null }));
    const callsBefore = app.cloudCalls.length;
    page.component.querySelector('.birthday-row__picker')!.dispatchEvent('change', { detail: { value: '1996-02-29' } });
    await page.waitFor(() => page.byClass('birthday-row--set') !== null, 'the birthday shown as set');
    assert.deepEqual(modals, ['生日设置后不可修改，确认设置为 1996-02-29？']);
    assert.deepEqual(app.cloudCalls[callsBefore], { name: 'member', data: { action: 'setBirthday', birthday: '1996-02-29' } });
    assert.match(page.textOf('birthday-row') ?? '', /我的生日 .* 1996-02-29/);
    assert.equal(page.byClass('birthday-row__picker'), null);
    app.setCloudHandler(() => ({ ok: true, data: SILVER }));
  });

  it('pull-down refresh: asks for the profile again and stops the spinner', async () => {
    const wx = (globalThis as unknown as { wx: { stopPullDownRefresh: (...a: unknown[]) => unknown } }).wx;
    let stopped = 0;
    const original = wx.stopPullDownRefresh;
    wx.stopPullDownRefresh = (...args: unknown[]) => {
      stopped += 1;
      return original.apply(wx, args);
    };
    const callsBefore = app.cloudCalls.length;
    // Spent less than it looked: 600 growth, 200 short of keeping 银卡 after the 300 deduction.
    app.setCloudHandler(() => ({ ok: true, data: { ...SILVER, points: 1300, growth: 600, growthToNext: 1400, keepTierGrowth: 200 } }));
    page.trigger('onPullDownRefresh');
    await page.waitFor(() => stopped === 1, 'wx.stopPullDownRefresh');
    wx.stopPullDownRefresh = original;
    assert.equal(app.cloudCalls.length, callsBefore + 1);
    await page.waitFor(() => page.textOf('member-center__assets') === '1300 积分 › 3 优惠券 ›', 'the refreshed points');
    assert.equal(page.textOf('tier-card__keep-text'), '有效期至 2026-05-26，再消费 ¥200.00 可保级');
  });

  it('会员码: the head of the centre opens the member code for the counter', async () => {
    assert.equal(await opened('profile-head__code'), '/packages/member/pages/member-code/index');
  });

  it('avatar and nickname: WeChat’s chooseAvatar file goes to cloud storage, then member.setProfile; the nickname on blur', async () => {
    const cloud = (globalThis as unknown as { wx: { cloud: Record<string, unknown> } }).wx.cloud;
    const uploads: Array<{ cloudPath: string; filePath: string }> = [];
    cloud.uploadFile = async (options: { cloudPath: string; filePath: string }) => {
      uploads.push({ cloudPath: options.cloudPath, filePath: options.filePath });
      return { errMsg: 'cloud.uploadFile:ok', fileID: `cloud://guoli-dev.bucket/${options.cloudPath}` };
    };
    let stored: MemberProfile = SILVER;
    app.setCloudHandler((_name, data) => {
      if (data.action === 'setProfile') {
        stored = { ...stored, ...(data.avatarFileId ? { avatarUrl: 'https://tmp.example/avatar.jpg' } : {}), ...(data.nickName ? { nickName: String(data.nickName) } : {}) };
      }
      return { ok: true, data: stored };
    });
    assert.equal(page.textOf('profile-head__avatar--none'), '果');
    page.component.querySelector('.profile-head__avatar-button')!.dispatchEvent('chooseavatar', { detail: { avatarUrl: 'http://tmp/wx-avatar.jpg' } });
    await page.waitFor(() => page.byClass('profile-head__avatar--none') === null, 'the chosen avatar');
    assert.equal(uploads.length, 1);
    assert.match(uploads[0].cloudPath, /^avatars\/o-test-silver\/\d+\.jpg$/);
    assert.equal(uploads[0].filePath, 'http://tmp/wx-avatar.jpg');
    const setAvatar = app.cloudCalls.find((c) => c.data.action === 'setProfile');
    assert.deepEqual(setAvatar, { name: 'member', data: { action: 'setProfile', avatarFileId: `cloud://guoli-dev.bucket/${uploads[0].cloudPath}` } });
    // The image's src is in the page's render data (miniprogram-simulate does not render it as an attribute).
    assert.match(JSON.stringify(page.component.instance.data), /https:\/\/tmp\.example\/avatar\.jpg/);

    page.component.querySelector('.profile-head__name')!.dispatchEvent('blur', { detail: { value: ' 小果 ' } });
    await page.waitFor(() => app.cloudCalls.filter((c) => c.data.action === 'setProfile').length === 2, 'the nickname saved');
    assert.deepEqual(app.cloudCalls.filter((c) => c.data.action === 'setProfile')[1].data, { action: 'setProfile', nickName: '小果' });
  });

  it('绑定手机号: getPhoneNumber’s CloudID goes to member.bindPhone; a declined sheet sends nothing; then the tail shows', async () => {
    app.setCloudHandler((_name, data) => (data.action === 'bindPhone' ? { ok: true, data: { phoneTail: '8000' } } : { ok: true, data: { ...SILVER, phoneTail: '8000' } }));
    const calls = app.cloudCalls.length;
    page.component.querySelector('.profile-head__bind')!.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    await new Promise((ok) => setTimeout(ok, 30));
    assert.equal(app.cloudCalls.length, calls);
    page.component.querySelector('.profile-head__bind')!.dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', cloudID: 'cloud-id-of-phone' } });
    await page.waitFor(() => page.byClass('profile-head__phone') !== null, 'the bound phone');
    assert.deepEqual(app.cloudCalls[calls], { name: 'member', data: { action: 'bindPhone', cloudID: 'cloud-id-of-phone' } });
    assert.equal(page.textOf('profile-head__phone'), '手机 尾号 8000');
    assert.equal(page.byClass('profile-head__bind'), null);
  });

  it('专属客服: only a 尊享卡 member gets the customer-service button (open-type contact)', async () => {
    assert.equal(page.byClass('priority-service'), null);
    const until = '2026-12-01T16:00:00.000Z';
    app.setCloudHandler(() => ({ ok: true, data: { ...SILVER, paid: { plan: 'premium', expiresAt: until } } }));
    page.trigger('onPullDownRefresh');
    await page.waitFor(() => page.byClass('priority-service') !== null, 'the priority service entry');
    assert.match(page.textOf('priority-service') ?? '', /专属客服 尊享卡专享/);
    // (miniprogram-simulate does not render open-type; the button is WeChat's contact button by its props.)
    assert.equal(page.textOf('priority-service__button'), '联系客服');
    app.setCloudHandler(() => ({ ok: true, data: { ...SILVER, paid: { plan: 'lite', expiresAt: until } } }));
    page.trigger('onPullDownRefresh');
    await page.waitFor(() => page.byClass('priority-service') === null, 'no priority service for 轻享卡');
    app.setCloudHandler(() => ({ ok: true, data: SILVER }));
  });

  it('邀请有礼: the entry opens 我的邀请', async () => {
    assert.match(page.textOf('member-entries') ?? '', /邀请有礼/);
    assert.equal(await opened('member-entries__row--invite'), '/packages/member/pages/invite/index');
  });

  it('segment: the member never sees their segment label', () => {
    assert.doesNotMatch(page.text(), /\bS[1-6]\b|钻石核心|忠诚复购|高潜成长|价格敏感|KOC|沉睡新客|分层/);
  });

  it('persona switcher: is not part of the mini-program', () => {
    assert.doesNotMatch(page.text(), /切换身份/);
  });
});
