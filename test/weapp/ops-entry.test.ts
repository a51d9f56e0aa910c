import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { MemberProfile } from '@contract/member';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const PROFILE: MemberProfile = {
  openid: 'o-test',
  tier: 'normal',
  growth: 0,
  nextTier: 'silver',
  growthToNext: 500,
  tierExpiresAt: null,
  keepTierGrowth: 0,
  points: 0,
  paid: null,
  segment: null,
  birthday: null,
  groups: [],
  inviteCode: null,
  subscriptions: { paid: 0, liveStarting: 0, tierExpiring: 0, couponExpiring: 0, refundDone: 0, tierChanged: 0, campaignGift: 0 },
  nickName: null,
  avatarUrl: null,
  phoneTail: null,
  couponCount: 0,
};

type StaffMe = { openid: string; storeId: string; storeName: string; role: 'clerk' | 'manager' | 'admin' } | null;

interface Wx {
  navigateTo(options: { url: string; success?: (r: unknown) => void }): void;
}

describe('member centre: the 运营后台 entry (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let staff: StaffMe = null;
  const navigations: string[] = [];
  const staffCalls = () => app.cloudCalls.filter((c) => c.name === 'staff' && c.data.action === 'me').length;

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'member' && data.action === 'profile') return { ok: true, data: PROFILE };
        if (name === 'staff' && data.action === 'me') return { ok: true, data: staff };
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.navigateTo = (options) => {
      navigations.push(options.url);
      options.success?.({ errMsg: 'navigateTo:ok' });
    };
    page = app.renderPage('pages/member/index');
    await page.waitFor(() => page.byClass('member-entries') !== null && staffCalls() === 1, 'the entries and the quiet staff.me');
  });

  afterAll(() => page?.detach());

  it('member: a member who is not staff sees no 运营 entry and no error', async () => {
    await new Promise((ok) => setTimeout(ok, 30));
    assert.equal(page.byClass('member-entries__row--ops'), null);
    assert.doesNotMatch(page.text(), /运营后台|店员工作台|加载失败/);
  });

  it('admin: staff.me answering admin shows 运营后台 on the next show; it opens the console', async () => {
    staff = { openid: 'o-test', storeId: 'store-flagship', storeName: '果粒鲜选·南山旗舰店', role: 'admin' };
    page.trigger('onShow');
    await page.waitFor(() => page.byClass('member-entries__row--ops') !== null, 'the 运营 entry');
    assert.match(page.textOf('member-entries__row--ops') ?? '', /运营后台 商品、价格、券、活动与数据看板/);
    await page.tap('member-entries__row--ops');
    await page.waitFor(() => navigations.length === 1, 'a navigation');
    assert.equal(navigations[0], '/packages/ops/pages/index/index');
  });

  it('manager: a store manager gets the entry too, for their store’s stock', async () => {
    staff = { openid: 'o-test', storeId: 'store-futian', storeName: '果粒鲜选·福田中心店', role: 'manager' };
    page.trigger('onShow');
    await page.waitFor(() => /福田中心店 · 本店库存/.test(page.textOf('member-entries__row--ops') ?? ''), 'the manager’s entry');
  });

  it('clerk: a clerk has the workbench, not the console', async () => {
    staff = { openid: 'o-test', storeId: 'store-futian', storeName: '果粒鲜选·福田中心店', role: 'clerk' };
    page.trigger('onShow');
    await page.waitFor(() => page.byClass('member-entries__row--ops') === null, 'the entry gone');
    assert.match(page.textOf('member-entries') ?? '', /店员工作台/);
  });
});
