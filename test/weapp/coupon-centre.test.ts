import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { OfferView, WalletCouponView } from '@contract/coupon';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

/** The mini-program API calls this page makes beyond the cloud (the rest are miniprogram-simulate's). */
interface Wx {
  showToast(options: { title: string; icon?: string; duration?: number; success?: (r: unknown) => void }): void;
}

const OFFER: OfferView = {
  templateId: 'tpl-49-10',
  name: '满49减10',
  kind: 'threshold',
  summary: '满¥49.00减¥10.00',
  pointsCost: null,
  remaining: 12,
  claimedByMe: 0,
  perMemberLimit: 1,
  blockedReason: null,
  validityText: '领取后 7 天内有效',
};

const CLAIMED: WalletCouponView = {
  couponId: 'cpn-49-10',
  templateId: OFFER.templateId,
  name: OFFER.name,
  kind: 'threshold',
  valueFen: 1000,
  thresholdFen: 4900,
  discountRate: null,
  maxDiscountFen: null,
  status: 'unused',
  validFrom: '2026-11-26T04:00:00.000Z',
  validTo: '2026-12-03T16:00:00.000Z',
  source: 'claim',
  sourceName: '领券中心',
  summary: OFFER.summary,
  invalidReason: null,
};

type Claim = { ok: true; data: WalletCouponView } | { ok: false; error: { code: string; message: string } };

// The action toasts: a claim is a button; its failure is said in the server's words, in a toast.
describe('coupon centre (compiled weapp): what a claim tells the member', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  let claimAnswer: Claim;
  const toasts: Array<{ title: string; icon?: string; duration?: number }> = [];
  const claims = () => app.cloudCalls.filter((c) => c.name === 'coupon' && c.data.action === 'claim');
  const centres = () => app.cloudCalls.filter((c) => c.name === 'coupon' && c.data.action === 'centre');

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name === 'coupon' && data.action === 'centre') return { ok: true, data: { offers: [OFFER] } };
        if (name === 'coupon' && data.action === 'claim') return claimAnswer;
        return { ok: false, error: { code: 'NOT_FOUND', message: `unexpected ${name}.${String(data.action)}` } };
      },
    });
    const wx = (globalThis as unknown as { wx: Wx }).wx;
    // What the member sees: the text, the icon and how long (Taro adds its own callbacks).
    wx.showToast = ({ title, icon, duration, success }) => {
      toasts.push({ title, icon, ...(duration === undefined ? {} : { duration }) });
      success?.({ errMsg: 'showToast:ok' });
    };
    page = app.renderPage('packages/member/pages/coupon-centre/index');
    await page.waitFor(() => page.byClass('coupon-action') !== null, 'the claim button');
  });

  afterAll(() => page?.detach());

  it('refused: a toast with the server’s Chinese message, and the offers are asked again', async () => {
    claimAnswer = { ok: false, error: { code: 'SOLD_OUT', message: '券已抢光' } };
    const centresBefore = centres().length;
    await page.tap('coupon-action');
    await page.waitFor(() => toasts.length > 0, 'the failure toast');
    assert.deepEqual(claims().map((c) => c.data), [{ action: 'claim', templateId: OFFER.templateId }]);
    assert.deepEqual(toasts, [{ title: '券已抢光', icon: 'none', duration: 2000 }]);
    await page.waitFor(() => centres().length > centresBefore, 'the centre reloaded');
  });

  it('claimed: only the success notice, no error toast', async () => {
    toasts.length = 0;
    claimAnswer = { ok: true, data: CLAIMED };
    await page.tap('coupon-action');
    await page.waitFor(() => toasts.length > 0, 'the success toast');
    assert.equal(claims().length, 2);
    assert.deepEqual(toasts, [{ title: '已领取 满49减10', icon: 'none' }]);
  });
});
