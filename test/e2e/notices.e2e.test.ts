import assert from '@test/support/assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { messages, templateOf } from '@test/support/notices';
import { profile, setClock } from '@test/support/shop';

const ROOT = path.resolve(__dirname, '..', '..');
const testId = (id: string) => `[data-testid="${id}"]`;
/** Every page in the H5 stack has its own switcher: the one on screen. */
const onScreen = (id: string) => `${testId(id)} >> visible=true`;
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const BUY = '/#/pages/checkout/index?skuId=fruit-strawberry&qty=1';

/**
 * Subscribe messages through the screens, against the real local cloud: the preview's consent sheet
 * before paying, the payment, and the message WeChat would show in 服务通知 (the switcher's 消息).
 */
describe('subscribe messages: consent before paying → 支付成功通知 in 消息 (H5 preview)', () => {
  let emulator: EmulatorInstance;
  let browser: Browser | undefined;
  let page: Page;

  /** Pays for one box of strawberries; `answer` is what the member taps in the consent sheet. Answers the order id. */
  async function buy(answer: 'allow' | 'cancel'): Promise<string> {
    await page.goto(`${emulator.url}${BUY}`);
    await page.locator('#checkout-payable').waitFor();
    await page.locator('#checkout-submit').click();
    const sheet = page.locator(testId('subscribe-sheet'));
    await sheet.waitFor();
    assert.match(await text(page, testId('subscribe-sheet')), /「果粒鲜选」申请向你发送以下消息.*支付成功通知.*退款成功通知/);
    // Ticked by default, as WeChat's sheet.
    assert.equal(await page.locator(testId('subscribe-sheet-item-paid')).getAttribute('data-checked'), 'true');
    assert.equal(await page.locator(testId('subscribe-sheet-item-refundDone')).getAttribute('data-checked'), 'true');
    await page.locator(testId(`subscribe-sheet-${answer}`)).click();
    await sheet.waitFor({ state: 'detached' });
    await page.locator(testId('pay-sheet-confirm')).click();
    await page.waitForURL(/#\/pages\/order\/index\?orderId=/);
    const orderId = new URL(page.url().replace('/#/', '/')).searchParams.get('orderId');
    assert.ok(orderId);
    return orderId;
  }

  async function openInbox() {
    await page.locator(onScreen('persona-inbox')).click();
    await page.locator(onScreen('inbox-panel')).waitFor();
  }

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) throw new Error('dist/h5 is missing: build the H5 preview first (npm test does)');
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    // A Thursday: no member-day prices in play.
    await setClock(emulator, '2026-11-26T04:00:00.000Z');
    browser = await launchBrowser();
    page = await (await browser.newContext(PHONE_VIEWPORT)).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('银卡会员: 允许 before paying, pays, and 消息 shows one 支付成功通知 with the pickup code; tapping it opens the order', async () => {
    const orderId = await buy('allow');
    await page.locator(testId('voucher-short-code')).waitFor();
    const shortCode = (await text(page, testId('voucher-short-code'))).replace(/\s/g, '');
    assert.match(shortCode, /^\d{8}$/);

    // The shop counted the accepts and used the 支付成功 one; WeChat delivered the message.
    const { subscriptions } = await profile(emulator, 'demo-member');
    assert.equal(subscriptions.paid, 0);
    assert.equal(subscriptions.refundDone, 1);
    const sent = await messages(emulator, { openid: 'demo-member' });
    assert.deepEqual(
      sent.map((m) => [m.templateId, m.page]),
      [[templateOf('paid'), `pages/order/index?orderId=${orderId}`]],
    );

    await openInbox();
    const message = page.locator(onScreen('inbox-message'));
    await message.waitFor();
    assert.equal(await message.count(), 1);
    const shown = await text(page, onScreen('inbox-message'));
    assert.match(shown, /^支付成功通知/);
    assert.match(shown, new RegExp(`订单号: ${orderId}`));
    assert.match(shown, /金额: ¥\d+\.\d{2}/);
    assert.match(shown, new RegExp(`取货码: ${shortCode}`));
    assert.equal(await text(page, onScreen('persona-inbox-badge')), '1');

    await message.click();
    await page.waitForURL(new RegExp(`#/pages/order/index\\?orderId=${orderId}`));
    await page.locator(onScreen('inbox-panel')).waitFor({ state: 'detached' });
  });

  it('普卡会员: 取消 in the consent sheet, pays, and 消息 says 还没有收到消息', async () => {
    await page.locator(onScreen('persona-toggle')).click();
    await Promise.all([page.waitForEvent('load'), page.locator(onScreen('persona-normal')).click()]);
    await buy('cancel');
    assert.equal((await profile(emulator, 'demo-normal')).subscriptions.paid, 0);

    await openInbox();
    await page.locator(onScreen('inbox-empty'), { hasText: '还没有收到消息' }).waitFor();
    assert.equal(await page.locator(onScreen('inbox-message')).count(), 0);
    assert.equal(await page.locator(onScreen('persona-inbox-badge')).count(), 0);
    assert.deepEqual(await messages(emulator, { openid: 'demo-normal' }), []);
  });
});
