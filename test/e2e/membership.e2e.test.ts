import assert from '@test/support/assert';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { CouponResponses } from '@contract/coupon';
import type { Result } from '@contract/errors';
import type { MembershipResponses } from '@contract/membership';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { upsertTemplate } from '@test/support/coupons';
import { startEmulator } from '@test/support/emulator';
import { okData, profile, quote, setClock } from '@test/support/shop';

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOT_DIR = path.join(ROOT, '.tmp');
const FRIDAY = '2026-11-27T04:00:00.000Z'; // 12:00 on a Friday in Shanghai
const YEAR_AND_A_DAY_LATER = '2027-11-28T04:00:00.000Z';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('paid membership (H5 preview on the emulator)', () => {
  let emulator: Emulator;
  let browser: Browser | undefined;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `membership-e2e-${name}.png`), fullPage: true });
  const wallet = async (openid: string) => okData(await emulator.call<Result<CouponResponses['wallet']>>('coupon', { action: 'wallet' }, openid)).coupons;
  const status = async (openid: string) => okData(await emulator.call<Result<MembershipResponses['status']>>('membership', { action: 'status' }, openid));

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
      throw new Error('dist/h5 is missing: build the H5 preview first (npx taro build --type h5; the e2e test script does this)');
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    await setClock(emulator, FRIDAY);
    // The operator's plan packs, as the functions' membership test sets them up.
    await upsertTemplate(emulator, { templateId: 'pack-10', name: '月度无门槛10元', kind: 'cash', valueFen: 1000, validity: { days: 31 } });
    await upsertTemplate(emulator, { templateId: 'pack-99-20', name: '月度满99减20', kind: 'threshold', valueFen: 2000, thresholdFen: 9900, validity: { days: 31 } });
    await upsertTemplate(emulator, { templateId: 'gift-weekly', name: '每周惊喜5元', kind: 'cash', valueFen: 500, validity: { days: 7 } });
    okData(
      await emulator.call<Result<unknown>>(
        'admin',
        { action: 'upsert', entity: 'plan', doc: { plan: 'premium', priceFen: 19900, monthlyPack: ['pack-10', 'pack-99-20'], weeklyGift: ['gift-weekly'] } },
        'demo-admin',
      ),
    );
    browser = await launchBrowser();
    const context = await browser.newContext(PHONE_VIEWPORT);
    // The H5 preview's persona switcher keeps its choice here: open the app as the 金卡 member.
    await context.addInitScript(() => localStorage.setItem('guoli.persona', 'gold'));
    page = await context.newPage();
    await page.goto(`${emulator.url}/#/packages/member/pages/membership/index`);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('plans: a member without a card is offered both cards to open', async () => {
    await page.locator('[data-testid="plan-premium"]').waitFor();
    assert.equal((await page.locator('[data-testid="plan-lite-price"]').textContent())?.trim(), '¥99.00');
    assert.equal((await page.locator('[data-testid="plan-premium-price"]').textContent())?.trim(), '¥199.00');
    assert.equal((await page.locator('[data-testid="plan-premium-buy"]').textContent())?.trim(), '开通 ¥199.00');
    assert.equal(await page.locator('#membership-card').count(), 0);
    await shot('plans');
  });

  it('purchase: 尊享 through the pay sheet, then the card shows', async () => {
    await page.locator('[data-testid="plan-premium-buy"]').click();
    await page.locator('[data-testid="pay-sheet"]').waitFor();
    assert.equal((await page.locator('[data-testid="pay-sheet-amount"]').textContent())?.trim(), '¥199.00');
    await page.locator('[data-testid="pay-sheet-confirm"]').click();
    await page.locator('#membership-success').waitFor({ timeout: 10_000 });
    assert.equal((await page.locator('#membership-card-name').textContent())?.trim(), '尊享卡');
    assert.equal((await page.locator('#membership-card-expiry').textContent())?.trim(), '有效期至 2027-11-27');
    assert.match((await page.locator('#guarantee-text').textContent()) ?? '', /本年已省 ¥0\.00 \/ 年费 ¥199\.00/);
    assert.deepEqual((await profile(emulator, 'demo-gold')).paid, { plan: 'premium', expiresAt: '2027-11-27T04:00:00.000Z' });
    await shot('bought');
  });

  it('Friday checkout: 85折 on the member price, paid through the pay sheet; the saving counts toward 开卡保本', async () => {
    const q = okData(await quote(emulator, 'demo-gold', [{ skuId: 'fruit-grape', qty: 2 }]));
    assert.equal(q.paidMemberPercent, 85);
    await page.goto(`${emulator.url}/#/pages/checkout/index?skuId=fruit-grape&qty=2`);
    // 2 × ¥39.90 金卡价 = ¥79.80; 15% = ¥11.97 off.
    await page.locator('#checkout-paid-discount', { hasText: '心享会员 周五 85折' }).waitFor();
    assert.match((await page.locator('#checkout-paid-discount').textContent()) ?? '', /¥11\.97/);
    await page.locator('#checkout-payable', { hasText: '¥67.83' }).waitFor();
    await page.locator('#checkout-submit').click();
    // The consent sheet for 支付成功 / 退款成功 comes before paying (test/e2e/notices.e2e.test.ts follows it).
    await page.locator('[data-testid="subscribe-sheet-cancel"]').click();
    await page.locator('[data-testid="pay-sheet-confirm"]').click();
    await page.waitForURL(/#\/pages\/order\/index\?orderId=/);
    assert.equal((await status('demo-gold')).card?.term?.savedFen, 1197);
    // A fresh load of the membership page: the H5 router keeps earlier pages (hidden) in the document.
    await page.goto(`${emulator.url}/#/packages/member/pages/membership/index`);
    await page.reload();
    await page.locator('#guarantee-text', { hasText: '本年已省 ¥11.97' }).waitFor();
  });

  it('monthly pack: claimed once in the UI; the second tap shows 已领取 and claims nothing', async () => {
    const claim = page.locator('[data-testid="pack-monthly-claim"]');
    assert.equal((await claim.textContent())?.trim(), '领取');
    await claim.click();
    await page.locator('#pack-received').waitFor();
    assert.deepEqual(await page.locator('[data-testid="pack-coupon"]').allTextContents(), ['月度无门槛10元 · 无门槛减¥10.00', '月度满99减20 · 满¥99.00减¥20.00']);
    assert.equal((await claim.textContent())?.trim(), '已领取');
    await claim.click();
    await page.waitForTimeout(300);
    assert.equal((await claim.textContent())?.trim(), '已领取');
    assert.equal((await wallet('demo-gold')).filter((c) => c.source === 'monthly').length, 2);
    await shot('claimed');
    // A new visit knows it from membership.status.
    await page.reload();
    await page.locator('[data-testid="pack-monthly-claim"]', { hasText: '已领取' }).waitFor();
  });

  it('year end: a day after the year, the guarantee returns the shortfall as a coupon and the card is gone', async () => {
    const { term } = (await status('demo-gold')).card!;
    const shortfallFen = term!.feeFen - term!.savedFen;
    await setClock(emulator, YEAR_AND_A_DAY_LATER);
    const settled = await emulator.post<{ result: { refunded: number } }>('/__dev/trigger/membershipSettle');
    assert.equal(settled.status, 200);
    const guarantee = (await wallet('demo-gold')).filter((c) => c.source === 'guarantee');
    assert.deepEqual(guarantee.map((c) => [c.kind, c.valueFen, c.thresholdFen ?? 0]), [['cash', shortfallFen, 0]]);

    await page.goto(`${emulator.url}/#/pages/member/index`);
    await page.locator('#paid-card').waitFor();
    assert.match((await page.locator('#paid-card').getAttribute('class')) ?? '', /paid-card--invite/);
    assert.equal(await page.locator('#paid-card-expiry').count(), 0);
    assert.match((await page.locator('#paid-card').textContent()) ?? '', /开通心享会员/);
    await page.waitForTimeout(800); // the page transition
    await shot('after-year');
  });
});
