import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { InvitesView } from '@contract/member';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const NOBODY_YET: InvitesView = {
  inviteCode: 'H8T3WX',
  invitees: [],
  shares: { cards: 0, visits: 0, orders: 0, gmvFen: 0 },
  rewards: [],
  offer: { inviter: '无门槛减¥20.00', invitee: '满¥39.00减¥8.00' },
  // Already bound by a friend's card: nothing to type in.
  hasInviter: true,
  canBindInviter: false,
};

describe('我的邀请 (compiled weapp): a failed load, then nobody invited yet', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let failing = true;

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'member' && data.action === 'invites') {
          return failing ? { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } } : { ok: true, data: NOBODY_YET };
        }
        return { ok: false, error: { code: 'NOT_FOUND', message: 'unexpected' } };
      },
    });
    page = app.renderPage('packages/member/pages/invite/index');
    await page.waitFor(() => page.byClass('error-state') !== null, 'the error state');
  });

  afterAll(() => page?.detach());

  it('a failed load says so, with a retry', () => {
    assert.equal(page.textOf('error-state__message'), '系统繁忙，请稍后再试');
    assert.equal(page.byClass('invite__code'), null);
  });

  it('retry: the code shows, and the empty invitee list invites the member to share', async () => {
    failing = false;
    await page.tap('error-state__retry');
    await page.waitFor(() => page.byClass('invite__code') !== null, 'the invite code');
    assert.equal(page.textOf('invite__code'), 'H8T3WX');
    assert.match(page.textOf('invite__empty') ?? '', /还没有好友接受邀请/);
    assert.match(page.text(), /我邀请的好友（0）/);
    assert.equal(page.textOf('invite__figures'), '0 分享卡片 0 好友访问 0 带来订单 ¥0.00 订单金额');
    assert.equal(page.textOf('invite__wallet-text'), '已获得邀请奖励券 0 张');
    assert.equal(app.cloudCalls.filter((c) => c.data.action === 'invites').length, 2);
  });

  it('the operators\' rewards as the server sends them, and a member already bound sees no code form', () => {
    assert.match(page.text(), /你得 无门槛减¥20\.00 邀请奖励券/);
    assert.match(page.text(), /好友得 满¥39\.00减¥8\.00 新人券/);
    assert.equal(page.byClass('invite__bind-input'), null);
    assert.match(page.textOf('invite__bind--done') ?? '', /已绑定邀请人/);
  });
});
