import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { MemberProfile } from '@contract/member';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const NEW_MEMBER: MemberProfile = {
  openid: 'o-test-new',
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

// A separate file from member.test.ts: miniprogram-simulate loads a page once per process.
describe('member center (compiled weapp) when the profile fails', () => {
  let app: WeappHarness;
  let page: RenderedPage;

  beforeAll(async () => {
    app = bootWeapp({ cloud: () => ({ ok: false, error: { code: 'CONFLICT', message: '系统繁忙，请稍后重试' } }) });
    page = app.renderPage('pages/member/index');
    await page.waitFor(() => page.byClass('error-state') !== null, 'the error state');
  });

  afterAll(() => page?.detach());

  it('profile: shows the function’s Chinese message and a retry button', () => {
    assert.equal(page.textOf('error-state__message'), '系统繁忙，请稍后重试');
    assert.equal(page.textOf('error-state__retry'), '重试');
    assert.equal(page.byClass('tier-card'), null);
  });

  it('retry: calls again and shows the card once the function answers', async () => {
    app.setCloudHandler(() => ({ ok: true, data: NEW_MEMBER }));
    await page.tap('error-state__retry');
    await page.waitFor(() => page.byClass('tier-card') !== null, 'the tier card after retry');
    assert.equal(app.cloudCalls.length, 2);
    assert.equal(page.textOf('tier-card__tier'), '普卡');
    assert.equal(page.textOf('tier-card__growth-value'), '0');
    assert.equal(page.textOf('tier-card__upgrade-hint'), '再获得 500 果粒值升级为银卡');
    // 普卡 never expires: no validity, no keep-tier line.
    assert.equal(page.byClass('tier-card__validity'), null);
    assert.equal(page.byClass('tier-card__keep'), null);
  });
});
