import assert from '@test/support/assert';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { startEmulator } from '@test/support/emulator';

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOT_DIR = path.join(ROOT, '.tmp');

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

async function tierCardText(page: Page) {
  await page.locator('#tier-card').waitFor();
  return {
    tier: (await page.locator('#tier-name').textContent())?.trim(),
    growth: (await page.locator('#tier-growth').textContent())?.trim(),
    points: (await page.locator('#asset-points').textContent())?.trim(),
  };
}

describe('member center (H5 preview on the emulator)', () => {
  let emulator: Emulator | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
      throw new Error('dist/h5 is missing: build the H5 preview first (npx taro build --type h5; the e2e test script does this)');
    }
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    browser = await launchBrowser();
    const context = await browser.newContext(PHONE_VIEWPORT);
    page = await context.newPage();
    await page.goto(`${emulator.url}/#/pages/member/index`);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('profile: shows the default persona (银卡会员) as seeded', async () => {
    assert.deepEqual(await tierCardText(page), { tier: '银卡', growth: '800', points: '1260' });
    assert.equal((await page.locator('#tier-upgrade-hint').textContent())?.trim(), '再获得 1200 果粒值升级为金卡');
    assert.match((await page.locator('#tier-card').textContent()) ?? '', /有效期至 \d{4}-\d{2}-\d{2}/);
    assert.match((await page.locator('[data-testid="persona-toggle"]').textContent()) ?? '', /银卡会员/);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'member-center.png'), fullPage: true });
  });

  it('persona switcher: switching to 新用户 creates the member and shows 普卡 with 0', async () => {
    await page.locator('[data-testid="persona-toggle"]').click();
    await Promise.all([page.waitForEvent('load'), page.locator('[data-testid="persona-new"]').click()]);
    await page.locator('#tier-name', { hasText: '普卡' }).waitFor();
    assert.deepEqual(await tierCardText(page), { tier: '普卡', growth: '0', points: '0' });
    assert.equal((await page.locator('#tier-upgrade-hint').textContent())?.trim(), '再获得 500 果粒值升级为银卡');
    // 普卡 never expires: no validity date, no keep-tier line.
    assert.equal(await page.locator('#tier-keep-hint').count(), 0);
    assert.match((await page.locator('[data-testid="persona-toggle"]').textContent()) ?? '', /新用户/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'member-center-new.png'), fullPage: true });
  });

  it('persona switcher: the choice survives a reload', async () => {
    await page.reload();
    assert.equal((await tierCardText(page)).tier, '普卡');
  });
});
