import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MemberProfile } from '../../core/member';
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
  segment: null,
  birthday: null,
  groups: [],
};

describe('member center (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;

  before(async () => {
    app = bootWeapp({ cloud: () => ({ ok: true, data: SILVER }) });
    page = app.renderPage('pages/member/index');
    await page.waitFor(() => page.byClass('tier-card__tier') !== null, 'the tier card');
  });

  after(() => page?.detach());

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

  it('tier card: shows the validity end as a Shanghai date', () => {
    assert.match(page.text(), /有效期至 2026-05-26/);
    assert.equal(page.textOf('tier-card__keep-text'), '已满足保级条件');
  });

  it('assets: shows points and growth', () => {
    const assets = page.textOf('member-center__assets');
    assert.equal(assets, '1260 积分 800 果粒值');
  });

  it('paid card: invites a member without a paid card', () => {
    assert.match(page.textOf('paid-card') ?? '', /心享会员/);
    assert.match(page.textOf('paid-card') ?? '', /了解详情/);
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
    app.setCloudHandler(() => ({ ok: true, data: { ...SILVER, points: 1300 } }));
    page.trigger('onPullDownRefresh');
    await page.waitFor(() => stopped === 1, 'wx.stopPullDownRefresh');
    wx.stopPullDownRefresh = original;
    assert.equal(app.cloudCalls.length, callsBefore + 1);
    await page.waitFor(() => page.textOf('member-center__assets') === '1300 积分 800 果粒值', 'the refreshed points');
  });

  it('persona switcher: is not part of the mini-program', () => {
    assert.doesNotMatch(page.text(), /切换身份/);
  });
});
