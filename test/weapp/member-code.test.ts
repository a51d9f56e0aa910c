import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { MemberCode, MemberProfile } from '@contract/member';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const PROFILE: MemberProfile = {
  openid: 'o-test-gold',
  tier: 'gold',
  growth: 2400,
  nextTier: 'diamond',
  growthToNext: 2600,
  tierExpiresAt: '2026-05-25T16:30:00.000Z',
  keepTierGrowth: 0,
  points: 300,
  paid: null,
  segment: null,
  birthday: null,
  groups: [],
  inviteCode: null,
  subscriptions: { paid: 0, liveStarting: 0, tierExpiring: 0, couponExpiring: 0, refundDone: 0, tierChanged: 0, campaignGift: 0 },
  nickName: '小果',
  avatarUrl: null,
  phoneTail: '8000',
  couponCount: 2,
};

/** A code as member.code answers, fetched now: the next one due in a minute, valid for two. */
function codeAnswer(digits: string): MemberCode {
  const now = Date.now();
  return {
    code: `GLM1.${digits}.${now + 120_000}.q2h7Xw0bT9kZr4LmN8pVs1cYe6uJ3aQd`,
    digits,
    expiresAt: new Date(now + 120_000).toISOString(),
    refreshAt: new Date(now + 60_000).toISOString(),
  };
}

type WxCallback = { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void };

describe('会员码 page (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let network = 'none';
  let codeFails = true;
  let digits = '620188394471';
  const brightness: number[] = [];
  const keepOn: boolean[] = [];

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'member' && data.action === 'profile') return { ok: true, data: PROFILE };
        if (name === 'member' && data.action === 'code') {
          return codeFails ? { ok: false, error: { code: 'INTERNAL', message: '服务开小差了，请稍后再试' } } : { ok: true, data: codeAnswer(digits) };
        }
        return { ok: false, error: { code: 'NOT_FOUND', message: '不存在' } };
      },
    });
    const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    const answer = (options: WxCallback, res: Record<string, unknown>) => {
      options.success?.(res);
      options.complete?.(res);
    };
    wx.getScreenBrightness = (o: WxCallback) => answer(o, { errMsg: 'getScreenBrightness:ok', value: 0.4 });
    wx.setScreenBrightness = (o: WxCallback & { value: number }) => {
      brightness.push(o.value);
      answer(o, { errMsg: 'setScreenBrightness:ok' });
    };
    wx.setKeepScreenOn = (o: WxCallback & { keepScreenOn: boolean }) => {
      keepOn.push(o.keepScreenOn);
      answer(o, { errMsg: 'setKeepScreenOn:ok' });
    };
    wx.getNetworkType = (o: WxCallback) => answer(o, { errMsg: 'getNetworkType:ok', networkType: network });
    page = app.renderPage('packages/member/pages/member-code/index');
    await page.waitFor(() => page.byClass('member-code__failed') !== null, 'the failed state');
  });

  afterAll(() => page?.detach());

  const codeCalls = () => app.cloudCalls.filter((c) => c.name === 'member' && c.data.action === 'code').length;

  it('offline: names the network, not a service failure, and offers to try again; who and tier still show', async () => {
    assert.equal(page.textOf('member-code__failed-title'), '网络未连接');
    assert.equal(page.textOf('member-code__failed-text'), '网络未连接，请检查网络后重试');
    assert.equal(page.byClass('voucher-qr'), null);
    await page.waitFor(() => page.byClass('member-code__tier') !== null, 'the member line');
    assert.equal(page.textOf('member-code__name'), '小果');
    assert.equal(page.textOf('member-code__tier'), '金卡会员');
  });

  it('shown: the screen goes to full brightness and stays on', () => {
    assert.deepEqual(brightness, [1]);
    assert.deepEqual(keepOn, [true]);
  });

  it('retry: back online, the QR and the 12 digits grouped by four', async () => {
    network = 'wifi';
    codeFails = false;
    await page.tap('member-code__retry');
    await page.waitFor(() => page.byClass('voucher-qr') !== null, 'the QR');
    assert.equal(page.textOf('member-code__digits'), '6201 8839 4471');
    assert.match(page.textOf('member-code__hint') ?? '', /每分钟自动更新/);
    assert.equal(page.byClass('member-code__failed'), null);
  });

  it('hidden: the member’s own brightness comes back and the screen may sleep; shown again: a new code at once', async () => {
    page.trigger('onHide');
    await page.waitFor(() => keepOn.length === 2, 'setKeepScreenOn(false)');
    assert.deepEqual(brightness, [1, 0.4]);
    assert.deepEqual(keepOn, [true, false]);
    const before = codeCalls();
    digits = '118844220033';
    page.trigger('onShow');
    await page.waitFor(() => page.textOf('member-code__digits') === '1188 4422 0033', 'the new code');
    assert.equal(codeCalls(), before + 1);
    assert.deepEqual(brightness, [1, 0.4, 1]);
  });

  it('a failed refresh keeps a still-valid code on screen and says why', async () => {
    network = 'none';
    codeFails = true;
    await page.tap('member-code__refresh');
    await page.waitFor(() => page.byClass('member-code__warning') !== null, 'the warning');
    assert.equal(page.textOf('member-code__warning'), '网络未连接，当前会员码仍可使用，恢复网络后自动更新');
    assert.equal(page.textOf('member-code__digits'), '1188 4422 0033');
  });
});
