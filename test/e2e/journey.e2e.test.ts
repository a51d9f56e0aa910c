import assert from '@test/support/assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { setClock } from '@test/support/shop';

const ROOT = path.resolve(__dirname, '..', '..');
const testId = (id: string) => `[data-testid="${id}"]`;
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/**
 * The whole pickup journey through the screens only, as a member and a clerk would: a group price in
 * the shop, checkout, WeChat Pay (the preview's pay sheet), the voucher, the clerk's redeem, and the
 * member center showing the growth and the tier the purchase earned.
 */
describe('journey: buy at a group price → pay → voucher → clerk redeems → member sees growth and tier (H5 preview)', () => {
  let emulator: EmulatorInstance;
  let browser: Browser | undefined;
  let page: Page;
  let shortCode = '';

  async function choosePersona(id: string) {
    // Every page in the H5 stack has its own switcher: use the one on screen.
    await page.locator(`${testId('persona-toggle')} >> visible=true`).click();
    await Promise.all([page.waitForEvent('load'), page.locator(`${testId(`persona-${id}`)} >> visible=true`).click()]);
  }

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) throw new Error('dist/h5 is missing: build the H5 preview first (npm test does)');
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    // A Thursday: no member-day prices in play.
    await setClock(emulator, '2026-11-26T04:00:00.000Z');
    await emulator.post('/__dev/reset', { seed: 'demo' });
    browser = await launchBrowser();
    page = await (await browser.newContext(PHONE_VIEWPORT)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('member center: 银卡会员 starts with 800 果粒值', async () => {
    await page.goto(`${emulator.url}/#/pages/member/index`);
    await page.locator('#tier-card').waitFor();
    assert.equal(await text(page, '#tier-name'), '银卡');
    assert.equal(await text(page, '#tier-growth'), '800');
  });

  it('shop: the group price for 丹东99草莓, then seven fruit gift boxes into the cart', async () => {
    await page.goto(`${emulator.url}/#/pages/index/index`);
    const berry = page.locator(testId('product-fruit-strawberry'));
    await berry.waitFor();
    assert.match(await text(page, testId('product-fruit-strawberry')), /群专享/);
    await berry.locator(testId('qty-add')).click();
    await berry.locator(testId('qty-value'), { hasText: '1' }).waitFor();
    await page.goto(`${emulator.url}/#/pages/product/index?skuId=gift-fruit-box`);
    await page.locator('#product-name', { hasText: '鲜果礼盒' }).waitFor();
    for (let i = 1; i < 7; i += 1) await page.locator(`.product-detail ${testId('qty-inc')}`).click();
    await page.locator(`.product-detail ${testId('qty-value')}`, { hasText: '7' }).waitFor();
    await page.locator('#add-to-cart').click();
  });

  it('checkout and pay: per-line prices, then the pay sheet, then the paid order with its voucher', async () => {
    await page.goto(`${emulator.url}/#/pages/cart/index`);
    // The cart is priced by the server: wait for the quote before settling.
    await page.locator('#cart-total', { hasText: '¥1415.90' }).waitFor();
    await page.locator('#cart-settle').click();
    await page.locator('#checkout-payable', { hasText: '¥1415.90' }).waitFor();
    assert.match(await text(page, '.checkout'), /群专享/);
    await page.locator('#checkout-submit').click();
    // The consent sheet for 支付成功 / 退款成功 comes before paying (test/e2e/notices.e2e.test.ts follows it).
    await page.locator(testId('subscribe-sheet-cancel')).click();
    await page.locator(testId('pay-sheet-confirm')).click();
    await page.waitForURL(/#\/pages\/order\/index\?orderId=/);
    await page.locator(testId('voucher-short-code')).waitFor();
    shortCode = (await text(page, testId('voucher-short-code'))).replace(/\s/g, '');
    assert.match(shortCode, /^\d{8}$/);
  });

  it('clerk of the store: types the short code, sees the goods, hands them over once', async () => {
    await choosePersona('clerk-1');
    await page.goto(`${emulator.url}/#/packages/staff/pages/workbench/index`);
    await page.locator(testId('workbench-store')).waitFor();
    await page.locator(`${testId('workbench-code-input')} input`).fill(shortCode);
    await page.locator(testId('workbench-lookup')).click();
    await page.locator(testId('handover-card')).waitFor();
    assert.equal(await page.locator(testId('handover-line')).count(), 2);
    await page.locator(testId('handover-confirm')).click();
    await page.locator(testId('redeem-success')).waitFor();
  });

  it('member center: the purchase earned 1415 果粒值 and 金卡', async () => {
    await choosePersona('member');
    await page.goto(`${emulator.url}/#/pages/member/index`);
    await page.locator('#tier-name', { hasText: '金卡' }).waitFor();
    assert.equal(await text(page, '#tier-growth'), String(800 + 1415));
  });
});
