import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { WalletCouponView } from '@contract/coupon';
import type { MembershipStatus, PlanView } from '@contract/membership';
import type { CreatedOrder } from '@contract/order';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

// A lite card half-way through its year: 31.20 saved of the 99 fee; premium is an upgrade.
const LITE_STATUS: MembershipStatus = {
  card: {
    plan: 'lite',
    expiresAt: '2027-05-27T04:00:00.000Z',
    term: { startsAt: '2026-05-27T04:00:00.000Z', endsAt: '2027-05-27T04:00:00.000Z', feeFen: 9900, savedFen: 3120, trial: false },
  },
  monthlyPackClaimed: false,
  weeklyGiftClaimed: false,
};

const PREMIUM_STATUS: MembershipStatus = {
  card: {
    plan: 'premium',
    expiresAt: '2027-11-27T04:00:00.000Z',
    term: { startsAt: '2026-11-27T04:00:00.000Z', endsAt: '2027-11-27T04:00:00.000Z', feeFen: 14964, savedFen: 0, trial: false },
  },
  monthlyPackClaimed: false,
  weeklyGiftClaimed: false,
};

const PLANS: PlanView[] = [
  { plan: 'lite', name: '轻享卡', priceFen: 9900, benefits: ['全场95折，周五85折（折上折）', '每月券包'], forMe: { kind: 'renew', priceFen: 9900, creditFen: 0 } },
  { plan: 'premium', name: '尊享卡', priceFen: 19900, benefits: ['全场95折，周五85折（折上折）', '每月券包 + 每周惊喜礼'], forMe: { kind: 'upgrade', priceFen: 14964, creditFen: 4936 } },
];

// Once premium: lite cannot be bought while it runs; premium renews.
const PLANS_AS_PREMIUM: PlanView[] = [
  { ...PLANS[0], forMe: { blocked: '尊享卡有效期内不能购买轻享卡，到期后可续费' } },
  { ...PLANS[1], forMe: { kind: 'renew', priceFen: 19900, creditFen: 0 } },
];

const PACK_COUPON: WalletCouponView = {
  couponId: 'c-pack-1',
  templateId: 'pack-10',
  name: '月度无门槛10元',
  kind: 'cash',
  valueFen: 1000,
  thresholdFen: null,
  discountRate: null,
  maxDiscountFen: null,
  status: 'unused',
  validFrom: '2026-11-27T04:00:00.000Z',
  validTo: '2026-12-28T15:59:59.999Z',
  source: 'monthly',
  sourceName: '心享月度券包',
  summary: '无门槛减¥10',
  invalidReason: null,
};

const CREATED: CreatedOrder = {
  orderId: 'GMTESTORDER0001',
  status: 'pending_payment',
  payableFen: 14964,
  outTradeNo: 'GMTESTORDER0001',
  payment: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx-test', signType: 'MD5', paySign: 'sig' },
  expiresAt: '2026-11-27T04:15:00.000Z',
};

interface Wx {
  showToast(options: { title: string; success?: (r: unknown) => void }): void;
  showModal(options: { title?: string; content?: string; success?: (r: unknown) => void }): void;
  requestPayment(options: { package: string; success?: (r: unknown) => void; fail?: (e: unknown) => void }): unknown;
}

describe('membership page (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let status = LITE_STATUS;
  const toasts: string[] = [];
  const payments: string[] = [];
  let nextPayment: 'cancel' | 'ok' = 'cancel';
  const calls = (action: string) => app.cloudCalls.filter((c) => c.name === 'membership' && c.data.action === action);
  /** Taps the n-th element with this class (the shim's tap takes the first). */
  const tapNth = (className: string, n: number) => {
    const all = (page.component as unknown as { querySelectorAll(s: string): Array<{ dispatchEvent(name: string): void }> }).querySelectorAll(`.${className}`);
    all[n].dispatchEvent('tap');
  };
  const inPlan = (plan: string, className: string) => page.component.dom.querySelector(`.page--plan-card--${plan} .page--${className}`)?.textContent?.trim();

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name !== 'membership') return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}` } };
        if (data.action === 'plans') return { ok: true, data: status === PREMIUM_STATUS ? PLANS_AS_PREMIUM : PLANS };
        if (data.action === 'status') return { ok: true, data: status };
        if (data.action === 'claimMonthlyPack') return { ok: true, data: { coupons: [PACK_COUPON] } };
        if (data.action === 'claimWeeklyGift') return { ok: false, error: { code: 'LIMIT_REACHED', message: '本周惊喜礼已领取' } };
        if (data.action === 'purchase') return { ok: true, data: CREATED };
        return { ok: false, error: { code: 'INVALID_ARGUMENT', message: 'unexpected' } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    wx.showToast = (options) => {
      toasts.push(options.title);
      options.success?.({ errMsg: 'showToast:ok' });
    };
    wx.showModal = (options) => options.success?.({ errMsg: 'showModal:ok', confirm: true, cancel: false });
    wx.requestPayment = (options) => {
      payments.push(options.package);
      // Like the base library: callbacks when given, else a promise (Taro passes this API straight through).
      if (nextPayment === 'cancel') {
        const err = { errMsg: 'requestPayment:fail cancel' };
        if (options.fail) return options.fail(err);
        return Promise.reject(err);
      }
      // WeChat Pay took the money; the payment callback activates the card on the server.
      status = PREMIUM_STATUS;
      const ok = { errMsg: 'requestPayment:ok' };
      if (options.success) return options.success(ok);
      return Promise.resolve(ok);
    };
    page = app.renderPage('packages/member/pages/membership/index');
    await page.waitFor(() => page.byClass('plan-card') !== null, 'the plan cards');
  });

  afterAll(() => page?.detach());

  it('load: asks membership for the plans and the status', () => {
    assert.equal(calls('plans').length, 1);
    assert.equal(calls('status').length, 1);
  });

  it('plans: both yearly prices, with the caller’s own action', () => {
    assert.equal(inPlan('lite', 'plan-card__price-value'), '¥99.00');
    assert.equal(inPlan('premium', 'plan-card__price-value'), '¥199.00');
    assert.equal(inPlan('lite', 'plan-card__buy'), '续费 ¥99.00');
    assert.equal(inPlan('lite', 'plan-card__note'), '有效期将延长至 2028-05-27');
    assert.equal(inPlan('premium', 'plan-card__buy'), '升级 ¥149.64');
  });

  it('upgrade: the difference to pay and the unused lite part it credits', () => {
    assert.equal(inPlan('premium', 'plan-card__note'), '补差价 ¥149.64（已抵扣轻享未使用部分 ¥49.36）');
  });

  it('card: the plan and its end as a Shanghai date', () => {
    assert.equal(page.textOf('card-hero__name'), '轻享卡');
    assert.equal(page.textOf('card-hero__expiry'), '有效期至 2027-05-27');
    assert.equal(page.byClass('card-hero__trial'), null);
  });

  it('开卡保本: what this year saved against the fee, and what happens if it falls short', () => {
    assert.equal(page.textOf('guarantee-meter__text'), '本年已省 ¥31.20 / 年费 ¥99.00');
    assert.equal(page.textOf('guarantee-meter__hint'), '再省 ¥67.80 即回本');
    assert.match(page.textOf('guarantee-meter__explain') ?? '', /到期未省回年费，差额以无门槛券返还/);
    assert.match(page.byClass('guarantee-meter__fill')?.getAttribute('style') ?? '', /width:\s*31%/);
  });

  it('monthly pack: a claim shows the coupons received and 已领取; another tap asks nothing more', async () => {
    const button = () => page.component.dom.querySelector('.page--pack-claims__tile:first-child .page--pack-claims__button')?.textContent?.trim();
    assert.equal(button(), '领取');
    await page.tap('pack-claims__button');
    await page.waitFor(() => button() === '已领取', 'the monthly pack claimed');
    assert.equal(calls('claimMonthlyPack').length, 1);
    assert.equal(page.textOf('pack-claims__coupon'), '月度无门槛10元 · 无门槛减¥10');
    await page.tap('pack-claims__button');
    assert.equal(calls('claimMonthlyPack').length, 1);
    assert.equal(toasts[toasts.length - 1], '本月券包已领取，下月再来');
  });

  it('weekly gift on 轻享卡: 尊享卡专享 · 升级, never 暂不可领; 升级 asks nothing of the server and points to the upgrade', async () => {
    const weeklyTile = () => page.component.dom.querySelector('.page--pack-claims__tile:last-child');
    const weekly = () => weeklyTile()?.querySelector('.page--pack-claims__button')?.textContent?.trim();
    assert.equal(weekly(), '升级');
    assert.match(weeklyTile()?.textContent ?? '', /尊享卡专享 · 升级/);
    assert.doesNotMatch(weeklyTile()?.textContent ?? '', /暂不可领/);
    tapNth('pack-claims__button', 1);
    await page.waitFor(() => toasts[toasts.length - 1] === '升级尊享卡，每周可领惊喜礼', 'the upgrade hint');
    assert.equal(calls('claimWeeklyGift').length, 0);
  });

  it('upgrade: closing WeChat Pay keeps the purchase; paying again is the same requestId, then the card shows', async () => {
    tapNth('plan-card__buy', 1);
    await page.waitFor(() => toasts.includes('已取消支付'), 'the cancelled payment');
    nextPayment = 'ok';
    tapNth('plan-card__buy', 1);
    await page.waitFor(() => page.byClass('membership__success') !== null, 'the success banner', 8000);
    const purchases = calls('purchase');
    assert.equal(purchases.length, 2);
    assert.equal(purchases[0].data.plan, 'premium');
    assert.match(String(purchases[0].data.requestId), /^[A-Za-z0-9_-]{8,64}$/);
    assert.equal(purchases[1].data.requestId, purchases[0].data.requestId);
    assert.deepEqual(payments, ['prepay_id=wx-test', 'prepay_id=wx-test']);
    assert.equal(page.textOf('membership__success-text'), '尊享卡升级成功，有效期至 2027-11-27');
    await page.waitFor(() => page.textOf('card-hero__name') === '尊享卡', 'the premium card');
  });

  it('after the upgrade: lite says why it cannot be bought, premium offers the renewal', async () => {
    await page.waitFor(() => inPlan('lite', 'plan-card__blocked') === '暂不可购买', 'lite blocked');
    assert.equal(inPlan('lite', 'plan-card__note'), '尊享卡有效期内不能购买轻享卡，到期后可续费');
    assert.equal(inPlan('premium', 'plan-card__buy'), '续费 ¥199.00');
    assert.equal(inPlan('premium', 'plan-card__note'), '有效期将延长至 2028-11-27');
  });
});
