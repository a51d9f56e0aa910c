import assert from '@test/support/assert';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { startEmulator } from '@test/support/emulator';

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOT_DIR = path.join(ROOT, '.tmp');

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const testId = (id: string) => `[data-testid="${id}"]`;

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

/** A phone of one persona: the preview keeps the persona in localStorage, set before the app loads. */
async function phoneOf(browser: Browser, persona: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE_VIEWPORT);
  await context.addInitScript((id) => localStorage.setItem('guoli.persona', id), persona);
  return { context, page: await context.newPage() };
}

/** Confirms the preview's showModal (Taro H5's modal) and answers what it said. */
async function confirmModal(page: Page): Promise<string> {
  const modal = page.locator('.taro__modal .taro-modal__text');
  await modal.waitFor();
  const said = ((await modal.textContent()) ?? '').trim();
  await page.locator('.taro-model__confirm').click();
  return said;
}

describe('at the counter: the member shows 会员码, the clerk credits a receipt (H5 preview on the emulator)', () => {
  let emulator: Emulator;
  let browser: Browser | undefined;
  let member: Page;
  let clerk: Page;
  let growthBefore = 0;
  let digits = '';
  let earned = 0;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
      throw new Error('dist/h5 is missing: build the H5 preview first (npx taro build --type h5; the e2e test script does this)');
    }
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    browser = await launchBrowser();
    // A new customer: no name or phone yet (the demo members have both), created on the first call.
    member = (await phoneOf(browser, 'new')).page;
    clerk = (await phoneOf(browser, 'clerk-1')).page;
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('member centre: a nickname and the phone (the preview stands in for WeChat’s sheet), then 会员码 with 12 digits', async () => {
    await member.goto(`${emulator.url}/#/pages/member/index`);
    await member.locator('#tier-growth').waitFor();
    growthBefore = Number(await text(member, '#tier-growth'));
    const nickname = member.locator(`${testId('profile-nickname')} input`);
    await nickname.fill('果粒小王');
    await nickname.blur();
    await member.locator(testId('profile-bind-phone')).click();
    await member.locator(testId('profile-phone'), { hasText: '尾号 8000' }).waitFor();

    await member.locator(testId('entry-member-code')).click();
    await member.locator(testId('member-code-digits')).waitFor();
    const shown = await text(member, testId('member-code-digits'));
    assert.match(shown, /^\d{4} \d{4} \d{4}$/);
    digits = shown.replace(/\s/g, '');
    assert.equal(await text(member, testId('member-code-tier')), '普卡会员');
    assert.equal(await text(member, '.member-code__name'), '果粒小王');
    assert.equal(await member.locator(testId('voucher-qr')).count(), 1);
    if (process.env.E2E_SCREENSHOTS) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await member.screenshot({ path: path.join(SCREENSHOT_DIR, 'member-code.png'), fullPage: true });
    }
  });

  it('workbench: the typed digits are a member code: masked name, phone tail and tier; the receipt is checked, confirmed and credited', async () => {
    await clerk.goto(`${emulator.url}/#/packages/staff/pages/workbench/index`);
    await clerk.locator(testId('workbench-store')).waitFor();
    await clerk.locator(`${testId('workbench-code-input')} input`).fill(digits.replace(/(\d{4})(?=\d)/g, '$1 '));
    await clerk.locator(testId('workbench-lookup')).click();
    await clerk.locator(testId('member-panel')).waitFor();
    assert.equal(await text(clerk, testId('member-panel-who')), '果**王 · 尾号 8000');
    assert.equal(await text(clerk, testId('member-panel-tier')), '普卡会员');

    await clerk.locator(`${testId('credit-receipt')} input`).fill('A0001-77');
    await clerk.locator(`${testId('credit-amount')} input`).fill('128.5');
    await clerk.locator(testId('credit-submit')).click();
    const confirmed = await confirmModal(clerk);
    assert.match(confirmed, /小票号：A0001-77/);
    assert.match(confirmed, /消费金额：¥128\.50/);
    await clerk.locator(testId('credit-success')).waitFor();
    const line = await text(clerk, testId('credit-earned'));
    const match = /^果粒值 \+(\d+) · 积分 \+(\d+)$/.exec(line);
    assert.ok(match, `credit line: ${line}`);
    earned = Number(match[1]);
    assert.equal(earned, 128);
    // 今日记录 lists the credit with its amount.
    await clerk.locator(testId('today-credit')).waitFor();
    assert.match(await text(clerk, testId('today-credit')), /小票 A0001-77 · 果\*\*王.*¥128\.50/);
    if (process.env.E2E_SCREENSHOTS) await clerk.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-credit.png'), fullPage: true });
  });

  it('member centre: the 果粒值 shows the in-store credit', async () => {
    await member.goto(`${emulator.url}/#/pages/member/index`);
    await member.locator('#tier-growth', { hasText: String(growthBefore + earned) }).waitFor();
    assert.equal(Number(await text(member, '#tier-growth')), growthBefore + earned);
  });
});
