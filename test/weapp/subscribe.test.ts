import assert from '@test/support/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { MemberProfile } from '@contract/member';
import type { CreatedOrder, QuoteView } from '@contract/order';
import type { LiveSessionView } from '@contract/live';
import type { NoticeKey } from '@contract/vocabulary';
import { bootWeapp, DIST_WEAPP, type CloudCall, type RenderedPage, type WeappHarness } from './shim';

/** Subscribe messages in the mini-program: the 消息提醒 row, and the consent asked on paying and on reserving a live. */

const NONE: Record<NoticeKey, number> = { paid: 0, liveStarting: 0, tierExpiring: 0, couponExpiring: 0, refundDone: 0, tierChanged: 0, campaignGift: 0 };

const PROFILE: MemberProfile = {
  openid: 'o-test-notices',
  tier: 'silver',
  growth: 800,
  nextTier: 'gold',
  growthToNext: 1200,
  tierExpiresAt: '2026-05-25T16:30:00.000Z',
  keepTierGrowth: 0,
  points: 1260,
  paid: null,
  segment: 'S4',
  birthday: null,
  groups: [],
  inviteCode: null,
  subscriptions: NONE,
  nickName: null,
  avatarUrl: null,
  phoneTail: null,
  couponCount: 0,
};

const STORE = { storeId: 'store-flagship', name: '果粒鲜选·南山旗舰店', address: '深圳市南山区科技园南路 88 号', hours: '08:00–22:00' };

const QUOTE: QuoteView = {
  lines: [
    {
      skuId: 'fruit-strawberry',
      name: '丹东99草莓',
      unit: '500g/盒',
      qty: 1,
      unitPriceFen: 2990,
      listPriceFen: 3990,
      priceSource: 'member',
      priceLabel: '会员价',
      reason: '银卡会员价',
      amountFen: 2990,
      paidMemberDiscountFen: 0,
    },
  ],
  listTotalFen: 3990,
  subtotalFen: 2990,
  paidMemberPercent: null,
  paidMemberDiscountFen: 0,
  couponDiscountFen: 0,
  pointsUsed: 0,
  pointsDiscountFen: 0,
  pointsAvailable: 0,
  pointsPerYuan: 100,
  paidMemberFriday: false,
  payableFen: 2990,
  bestCouponId: null,
  couponId: null,
  coupons: [],
};

const CREATED: CreatedOrder = {
  orderId: 'GLNOTICE0001',
  status: 'pending_payment',
  payableFen: 2990,
  outTradeNo: 'GLNOTICE0001',
  payment: { timeStamp: '1767000000', nonceStr: 'n0nce', package: 'prepay_id=wx-test', signType: 'RSA', paySign: 'sig' },
  expiresAt: '2026-01-01T00:15:00.000Z',
};

const SESSION: LiveSessionView = {
  sessionId: 'live-weekend',
  title: '周六鲜果直播',
  roomId: 'sph-guoli-fresh',
  startAt: '2099-11-28T12:00:00.000Z',
  endAt: '2099-11-28T14:00:00.000Z',
  phase: 'upcoming',
  rewards: [],
  reserved: false,
  entered: false,
  watchedSeconds: 0,
};

/** The local cloud's template ids: the build has no TARO_APP_TPL_… set, so src/config/notices.ts falls back to them. */
const tpl = (key: NoticeKey) => `local-tpl-${key}`;

type WeChatReply = Record<string, string>;

interface Wx {
  requestSubscribeMessage(options: { tmplIds: string[]; success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void }): void;
  requestPayment(options: { success?: (r: unknown) => void; complete?: (r: unknown) => void }): void;
  showToast(options: { title: string; success?: (r: unknown) => void }): void;
  redirectTo(options: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }): void;
  getStorageSync(key: string): unknown;
  setStorageSync(key: string, value: unknown): void;
  removeStorageSync(key: string): void;
}

describe('subscribe messages (compiled weapp)', () => {
  let app: WeappHarness;
  let member: RenderedPage;
  /** The member's accepts per kind, as the member function keeps them. */
  let counts: Record<NoticeKey, number> = { ...NONE };
  /** What WeChat's consent sheet answers next (its success), or its failure. */
  let reply: { ok: WeChatReply } | { fail: { errCode: number; errMsg: string } } = { ok: {} };
  const asked: string[][] = [];
  const toasts: string[] = [];
  const storage = new Map<string, unknown>();
  /** Every step the app took, in order: WeChat's sheets and the cloud calls, as "wx.…" or "function.action". */
  const steps: string[] = [];

  const subscribeCalls = () => app.cloudCalls.filter((c: CloudCall) => c.name === 'member' && c.data.action === 'subscribe');
  const hint = () => member.textOf('notice-row__hint');
  /**
   * What the page tells WeChat's <switch> as `checked`. miniprogram-simulate renders no built-in
   * component's properties, so this reads the page's data: the switch's node (by its data-sid) and
   * the field Taro's base template binds to `checked` (base.wxml: `<switch checked="{{xs.b(i.p0,!1)}}"`).
   */
  const switchOn = (): boolean => {
    const sid = member.byClass('notice-row__switch')?.getAttribute('data-sid');
    const field = /<switch checked="\{\{xs\.b\(i\.(p\d+)/.exec(readFileSync(path.join(DIST_WEAPP, 'base.wxml'), 'utf8'))?.[1];
    assert.ok(sid && field, 'the switch and its checked field');
    const find = (node: unknown): Record<string, unknown> | null => {
      if (!node || typeof node !== 'object') return null;
      if ((node as { sid?: unknown }).sid === sid) return node as Record<string, unknown>;
      for (const child of Object.values(node)) {
        const found = find(child);
        if (found) return found;
      }
      return null;
    };
    return find((member.component.instance as { data: unknown }).data)?.[field] === true;
  };

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        steps.push(`${name}.${String(data.action)}`);
        if (name === 'member' && data.action === 'profile') return { ok: true, data: { ...PROFILE, subscriptions: { ...counts } } };
        if (name === 'member' && data.action === 'subscribe') {
          const results = data.results as Partial<Record<NoticeKey, string>>;
          for (const [key, answer] of Object.entries(results)) if (answer === 'accept') counts[key as NoticeKey] += 1;
          return { ok: true, data: { subscriptions: { ...counts } } };
        }
        if (name === 'staff' && data.action === 'me') return { ok: true, data: null };
        if (name === 'catalog' && data.action === 'stores') return { ok: true, data: { stores: [STORE] } };
        if (name === 'order' && data.action === 'quote') return { ok: true, data: QUOTE };
        if (name === 'order' && data.action === 'create') return { ok: true, data: CREATED };
        if (name === 'order' && data.action === 'detail') return { ok: true, data: { orderId: CREATED.orderId, status: 'paid' } };
        if (name === 'live' && data.action === 'sessions') return { ok: true, data: { sessions: [SESSION], now: '2099-11-28T11:00:00.000Z' } };
        if (name === 'live' && data.action === 'reserve') return { ok: true, data: { granted: [] } };
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.requestSubscribeMessage = (options) => {
      steps.push('wx.requestSubscribeMessage');
      asked.push(options.tmplIds);
      const answer = reply;
      setTimeout(() => {
        if ('ok' in answer) options.success?.({ errMsg: 'requestSubscribeMessage:ok', ...answer.ok });
        else options.fail?.(answer.fail);
        options.complete?.({});
      }, 0);
    };
    wx.requestPayment = (options) => {
      steps.push('wx.requestPayment');
      setTimeout(() => {
        options.success?.({ errMsg: 'requestPayment:ok' });
        options.complete?.({ errMsg: 'requestPayment:ok' });
      }, 0);
    };
    wx.showToast = (options) => {
      toasts.push(options.title);
      options.success?.({ errMsg: 'showToast:ok' });
    };
    wx.redirectTo = (options) => {
      options.success?.({ errMsg: 'redirectTo:ok' });
      options.complete?.({ errMsg: 'redirectTo:ok' });
    };
    wx.getStorageSync = (key) => (storage.has(key) ? storage.get(key) : '');
    wx.setStorageSync = (key, value) => void storage.set(key, value);
    wx.removeStorageSync = (key) => void storage.delete(key);
    storage.set('guoli.store', STORE);

    member = app.renderPage('pages/member/index');
    await member.waitFor(() => member.byClass('notice-row') !== null, 'the 消息提醒 row');
  });

  afterAll(() => member?.detach());

  /** Turns the 提醒我 switch as the member's finger would (WeChat's switch sends change). */
  function turnSwitch(on: boolean) {
    member.component.querySelector('.notice-row__switch')!.dispatchEvent('change', { detail: { value: on } });
  }

  it('member centre: with no reminder allowed, 消息提醒 says 未开启 and the switch is off', () => {
    assert.match(member.textOf('notice-row') ?? '', /消息提醒/);
    assert.match(member.textOf('notice-row') ?? '', /提醒我/);
    assert.equal(hint(), '等级到期、优惠券到期、等级变更提醒 · 未开启');
    assert.equal(switchOn(), false);
  });

  it('member centre: turning it on and declining everything reports nothing and the switch goes back off', async () => {
    reply = { ok: { [tpl('tierExpiring')]: 'reject', [tpl('couponExpiring')]: 'reject', [tpl('tierChanged')]: 'reject' } };
    const profileCalls = app.cloudCalls.length;
    turnSwitch(true);
    await member.waitFor(() => app.cloudCalls.length > profileCalls && !switchOn() && hint() !== '正在开启提醒…', 'the counts asked again');
    assert.deepEqual(asked, [[tpl('tierExpiring'), tpl('couponExpiring'), tpl('tierChanged')]]);
    assert.equal(subscribeCalls().length, 0);
    assert.equal(hint(), '等级到期、优惠券到期、等级变更提醒 · 未开启');
  });

  it('member centre: turning it on asks WeChat for the three reminders, reports the answers by kind, then shows the counts', async () => {
    // 'filter' (a template WeChat dropped) counts as reject; a template the app did not ask for is ignored.
    reply = { ok: { [tpl('tierExpiring')]: 'accept', [tpl('couponExpiring')]: 'accept', [tpl('tierChanged')]: 'filter', [tpl('paid')]: 'accept' } };
    steps.length = 0;
    turnSwitch(true);
    await member.waitFor(() => switchOn() && /剩余/.test(hint() ?? ''), 'the switch on with the counts');
    assert.deepEqual(asked[1], [tpl('tierExpiring'), tpl('couponExpiring'), tpl('tierChanged')]);
    assert.deepEqual(subscribeCalls().map((c) => c.data), [{ action: 'subscribe', results: { tierExpiring: 'accept', couponExpiring: 'accept', tierChanged: 'reject' } }]);
    // WeChat first, then the answer, then the profile again.
    assert.deepEqual(steps, ['wx.requestSubscribeMessage', 'member.subscribe', 'member.profile']);
    // On while any reminder is left; the count is the fewest left of the three.
    assert.equal(hint(), '等级到期、优惠券到期、等级变更提醒 · 剩余 0 次');
  });

  it('member centre: the count shown is the fewest left of the three reminders', async () => {
    counts = { ...NONE, tierExpiring: 3, couponExpiring: 2, tierChanged: 4, paid: 9 };
    member.trigger('onPullDownRefresh');
    await member.waitFor(() => hint() === '等级到期、优惠券到期、等级变更提醒 · 剩余 2 次', 'the refreshed counts');
    assert.equal(switchOn(), true);
  });

  it('member centre: turning it off only explains that one-time subscriptions end by themselves', async () => {
    const before = app.cloudCalls.length;
    const askedBefore = asked.length;
    turnSwitch(false);
    await member.waitFor(() => toasts.some((t) => /一次性订阅/.test(t)), 'the explanation');
    assert.match(toasts[toasts.length - 1], /设置→订阅消息/);
    assert.equal(app.cloudCalls.length, before);
    assert.equal(asked.length, askedBefore);
    await member.waitFor(() => switchOn(), 'the switch shown on again');
  });

  it('member centre: subscriptions turned off in WeChat (20004) change nothing and show no error', async () => {
    counts = { ...NONE };
    member.trigger('onPullDownRefresh');
    await member.waitFor(() => !switchOn(), 'the switch off');
    reply = { fail: { errCode: 20004, errMsg: 'requestSubscribeMessage:fail:20004' } };
    const subscribesBefore = subscribeCalls().length;
    const toastsBefore = toasts.length;
    turnSwitch(true);
    await member.waitFor(() => hint() === '等级到期、优惠券到期、等级变更提醒 · 未开启' && !switchOn(), 'the switch back off');
    assert.equal(subscribeCalls().length, subscribesBefore);
    assert.equal(toasts.length, toastsBefore);
  });

  it('checkout: the pay button asks for 支付成功 and 退款成功 before the order is created and paid', async () => {
    reply = { ok: { [tpl('paid')]: 'accept', [tpl('refundDone')]: 'reject' } };
    const checkout = app.renderPage('pages/checkout/index', { skuId: 'fruit-strawberry', qty: '1' });
    await checkout.waitFor(() => checkout.byClass('checkout__payable') !== null, 'the payable amount');
    steps.length = 0;
    await checkout.tap('checkout__submit');
    await checkout.waitFor(() => steps.includes('order.detail'), 'the payment confirmed', 8000);
    assert.deepEqual(asked[asked.length - 1], [tpl('paid'), tpl('refundDone')]);
    assert.deepEqual(steps.slice(0, 5), ['wx.requestSubscribeMessage', 'member.subscribe', 'order.create', 'wx.requestPayment', 'order.detail']);
    assert.deepEqual(subscribeCalls().at(-1)?.data, { action: 'subscribe', results: { paid: 'accept', refundDone: 'reject' } });
    checkout.detach();
  });

  it('live room: 预约直播 asks for 直播开播提醒 before reserving, and a refusal still reserves', async () => {
    reply = { ok: { [tpl('liveStarting')]: 'reject' } };
    const room = app.renderPage('packages/live/pages/room/index', { sessionId: SESSION.sessionId });
    await room.waitFor(() => room.byClass('live-room') !== null, 'the room');
    steps.length = 0;
    const subscribesBefore = subscribeCalls().length;
    await room.tap('live-room__btn--reserve');
    await room.waitFor(() => steps.includes('live.reserve'), 'the reservation');
    assert.deepEqual(asked[asked.length - 1], [tpl('liveStarting')]);
    assert.deepEqual(steps.slice(0, 2), ['wx.requestSubscribeMessage', 'live.reserve']);
    assert.equal(subscribeCalls().length, subscribesBefore);
    room.detach();
  });

  it('bundle: the preview’s consent sheet and its WeChat side stay out of the mini-program', () => {
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? walk(full) : [full];
      });
    })(DIST_WEAPP);
    const offenders = files.filter((f) => /__dev\/(subscriptions|messages)|subscribe-sheet|申请向你发送以下消息|还没有收到消息/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
