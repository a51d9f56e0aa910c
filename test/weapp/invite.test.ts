import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { InvitesView } from '@contract/member';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const CODE = 'K7M2QP';
const SHARE_ID = 'Inv1te5hareId00A';

const VIEW: InvitesView = {
  inviteCode: CODE,
  invitees: [
    // Newest first, as the server sends them.
    { name: '会员 ***new1', joinedAt: '2026-11-27T03:00:00.000Z', firstPaidAt: null },
    { name: '会员 ***b2c3', joinedAt: '2026-11-19T17:30:00.000Z', firstPaidAt: '2026-11-21T09:00:00.000Z' },
  ],
  shares: { cards: 5, visits: 3, orders: 2, gmvFen: 12880 },
  rewards: ['cpn-referral-1'],
  offer: { inviter: '无门槛减¥10.00', invitee: '满¥59.00减¥10.00' },
  hasInviter: false,
  canBindInviter: true,
};

type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

interface Wx {
  navigateTo(options: { url: string; success?: (r: unknown) => void }): void;
  showModal(options: { title?: string; content?: string; success?: (r: unknown) => void }): void;
  showToast(options: { title: string; icon?: string; success?: (r: unknown) => void }): void;
  setClipboardData(options: { data: string; success?: (r: unknown) => void }): void;
  showShareMenu(options: { withShareTicket?: boolean; success?: (r: unknown) => void }): void;
}

describe('邀请有礼 · 我的邀请 (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let bindAnswer: Answer;
  const navigations: string[] = [];
  const modals: string[] = [];
  const toasts: string[] = [];
  const clipboard: string[] = [];
  const shareMenus: Array<{ withShareTicket?: boolean }> = [];
  const callsOf = (action: string) => app.cloudCalls.filter((c) => c.name === 'member' && c.data.action === action);

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data): Answer => {
        if (name !== 'member') return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}` } };
        if (data.action === 'invites') return { ok: true, data: VIEW };
        if (data.action === 'share') return { ok: true, data: { shareId: SHARE_ID, path: `/pages/index/index?shareId=${SHARE_ID}` } };
        if (data.action === 'bindInviter') return bindAnswer;
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected member.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.navigateTo = (options) => {
      navigations.push(options.url);
      options.success?.({ errMsg: 'navigateTo:ok' });
    };
    wx.showModal = (options) => {
      modals.push(options.content ?? '');
      options.success?.({ errMsg: 'showModal:ok', confirm: true, cancel: false });
    };
    wx.showToast = (options) => {
      toasts.push(options.title);
      options.success?.({ errMsg: 'showToast:ok' });
    };
    wx.setClipboardData = (options) => {
      clipboard.push(options.data);
      options.success?.({ errMsg: 'setClipboardData:ok' });
    };
    wx.showShareMenu = (options) => {
      shareMenus.push({ withShareTicket: options.withShareTicket });
      options.success?.({ errMsg: 'showShareMenu:ok' });
    };
    page = app.renderPage('packages/member/pages/invite/index');
    await page.waitFor(() => page.byClass('invite__code') !== null, 'the invite code');
  });

  afterAll(() => page?.detach());

  it('asks member.invites once and shows the member’s invite code, large, with a copy button', async () => {
    assert.equal(callsOf('invites').length, 1);
    assert.equal(page.textOf('invite__code'), CODE);
    await page.tap('invite__copy');
    await page.waitFor(() => clipboard.length === 1, 'wx.setClipboardData');
    assert.deepEqual(clipboard, [CODE]);
  });

  it('share: the page is shared with a share ticket; the card is an invite card with its share id', async () => {
    assert.deepEqual(shareMenus, [{ withShareTicket: true }]);
    assert.match(page.textOf('invite__code-actions') ?? '', /分享给好友/);
    const message = page.trigger('onShareAppMessage', { from: 'button' }) as { title: string; path: string; promise: Promise<{ path: string; title: string }> };
    // Until the share id is in, the card opens the shop without attribution.
    assert.equal(message.path, '/pages/index/index');
    assert.match(message.title, /果粒鲜选/);
    const resolved = await message.promise;
    assert.equal(resolved.path, `/pages/index/index?shareId=${SHARE_ID}`);
    assert.equal(resolved.title, message.title);
    assert.deepEqual(callsOf('share').map((c) => c.data), [{ action: 'share', kind: 'invite' }]);
  });

  it('rewards: what the inviter and the friend get, and that the operator may change them', () => {
    const text = page.text();
    assert.match(text, /你得 无门槛减¥10\.00 邀请奖励券/);
    assert.match(text, /好友得 满¥59\.00减¥10\.00 新人券/);
    assert.match(text, /奖励以实际发放到券包的为准/);
  });

  it('shares: cards, visitors, orders and their amount; the reward coupons lead to the wallet', async () => {
    assert.equal(page.textOf('invite__figures'), '5 分享卡片 3 好友访问 2 带来订单 ¥128.80 订单金额');
    assert.equal(page.textOf('invite__wallet-text'), '已获得邀请奖励券 1 张');
    await page.tap('invite__wallet');
    await page.waitFor(() => navigations.length === 1, 'the wallet opened');
    assert.deepEqual(navigations, ['/pages/coupons/index']);
  });

  it('invitees: masked names, the Shanghai date they joined, and whether they have ordered', () => {
    const list = page.component.dom.querySelectorAll('.page--invite__invitee');
    assert.equal(list.length, 2);
    const rows = Array.from(list).map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());
    assert.match(rows[0], /会员 \*\*\*new1\s*2026-11-27 加入\s*未下单/);
    assert.match(rows[1], /会员 \*\*\*b2c3\s*2026-11-20 加入\s*已下单/);
    assert.match(page.text(), /我邀请的好友（2）/);
    assert.equal(page.byClass('invite__empty'), null);
  });

  it('bind: the member’s own code is refused on the spot, without a call', async () => {
    page.component.querySelector('.invite__bind-input')!.dispatchEvent('input', { detail: { value: CODE.toLowerCase() } });
    await page.waitFor(() => page.byClass('invite__btn--off') === null, 'the bind button enabled');
    await page.tap('invite__bind-submit');
    await page.waitFor(() => page.byClass('invite__bind-refusal') !== null, 'the refusal');
    assert.equal(page.textOf('invite__bind-refusal'), '不能使用自己的邀请码');
    assert.equal(callsOf('bindInviter').length, 0);
    assert.deepEqual(modals, []);
  });

  it('bind: confirmed, sent upper-case; a refusal shows the server’s Chinese message', async () => {
    bindAnswer = { ok: false, error: { code: 'NOT_ELIGIBLE', message: '已下过单的会员不能再绑定邀请人' } };
    page.component.querySelector('.invite__bind-input')!.dispatchEvent('input', { detail: { value: 'abc 234' } });
    await page.waitFor(() => page.byClass('invite__bind-refusal') === null, 'the old refusal cleared');
    await page.tap('invite__bind-submit');
    await page.waitFor(() => page.byClass('invite__bind-refusal') !== null, 'the refusal');
    assert.deepEqual(modals, ['邀请码 ABC234，绑定后不可更改，确认绑定？']);
    assert.deepEqual(callsOf('bindInviter').map((c) => c.data), [{ action: 'bindInviter', inviteCode: 'ABC234' }]);
    assert.equal(page.textOf('invite__bind-refusal'), '已下过单的会员不能再绑定邀请人');
    assert.ok(toasts.includes('已下过单的会员不能再绑定邀请人'), JSON.stringify(toasts));
  });

  it('bind: accepted, the form gives way to what comes next', async () => {
    bindAnswer = { ok: true, data: { bound: true } };
    await page.tap('invite__bind-submit');
    await page.waitFor(() => page.byClass('invite__bind--done') !== null, 'the bound state');
    assert.equal(callsOf('bindInviter').length, 2);
    assert.match(page.textOf('invite__bind--done') ?? '', /已绑定邀请人/);
    assert.ok(toasts.includes('绑定成功'), JSON.stringify(toasts));
  });

  it('never shows a segment label', () => {
    assert.doesNotMatch(page.text(), /\bS[1-6]\b|钻石核心|忠诚复购|高潜成长|价格敏感|KOC|沉睡新客/);
  });
});
