import assert from '@test/support/assert';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Result } from '@contract/errors';
import type { MemberProfile } from '@contract/member';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { okData } from '@test/support/shop';

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOT_DIR = path.join(ROOT, '.tmp');
const SKU = 'fruit-strawberry';

const squash = (s: string | null) => (s ?? '').replace(/\s+/g, '');

describe('sharing: A shares a product, B (new) opens it from a group and gets the group price; A’s 我的邀请 lists B (H5 preview on the emulator)', () => {
  let emulator: EmulatorInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let shareId = '';

  const persona = async () => (await page.getByTestId('persona-toggle').textContent()) ?? '';
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `sharing-${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
      throw new Error('dist/h5 is missing: build the H5 preview first (npx taro build --type h5; the e2e test script does this)');
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    [emulator, browser] = await Promise.all([startEmulator({ seed: 'demo', coverage: false }), launchBrowser()]);
    const context = await browser.newContext(PHONE_VIEWPORT);
    // A is 银卡会员 (demo-member), already in the group 鲜果A群.
    await context.addInitScript(() => {
      if (!localStorage.getItem('guoli.persona')) localStorage.setItem('guoli.persona', 'member');
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('A shares the product: the preview makes the card (member.share) and shows its path with the share id', async () => {
    await page.goto(`${emulator!.url}/#/pages/product/index?skuId=${SKU}`);
    await page.locator('#product-name', { hasText: '丹东99草莓' }).waitFor();
    assert.match(await persona(), /银卡会员/);
    await page.getByTestId('product-share').click();
    const cardPath = (await page.getByTestId('share-card-path').textContent()) ?? '';
    const match = /^\/pages\/product\/index\?skuId=fruit-strawberry&shareId=([A-Za-z0-9]{16})$/.exec(cardPath.trim());
    assert.ok(match, cardPath);
    shareId = match[1];
    await shot('card');
  });

  it('B, a new customer, opens the card from the group: the group price (群专享) shows for that product', async () => {
    await page.getByTestId('share-group-gid-fresh-a').click();
    await Promise.all([page.waitForEvent('load'), page.getByTestId('share-open-as-new').click()]);
    assert.match(page.url(), new RegExp(`#/pages/product/index\\?skuId=${SKU}&shareId=${shareId}&devGroup=gid-fresh-a$`));
    const price = page.locator('.product-detail__price');
    await price.locator('.price-tag__label', { hasText: '群专享' }).waitFor();
    assert.match(await persona(), /新用户/);
    assert.equal(squash(await price.locator('.price-tag__price').textContent()), '¥29.90');
    assert.match((await page.locator('#price-reason').textContent()) ?? '', /鲜果A群专享/);
    await shot('friend');
    // On the server: B joined the group and became A's invitee by opening the card.
    const b = okData(await emulator!.call<Result<MemberProfile>>('member', { action: 'profile' }, 'demo-new'));
    assert.deepEqual(b.groups, ['gid-fresh-a']);
  });

  it('A’s 我的邀请 lists B (not yet ordered), the card sent and its visitor', async () => {
    await page.evaluate(() => localStorage.setItem('guoli.persona', 'member'));
    await page.goto(`${emulator!.url}/#/packages/member/pages/invite/index`);
    await page.reload();
    await page.getByTestId('invite-code').waitFor();
    assert.match(((await page.getByTestId('invite-code').textContent()) ?? '').trim(), /^[2-9A-HJKMNP-Z]{6}$/);
    const invitee = page.getByTestId('invitee');
    await invitee.first().waitFor();
    assert.equal(await invitee.count(), 1);
    assert.match((await invitee.textContent()) ?? '', /会员 \*\*\*-new.*\d{4}-\d{2}-\d{2} 加入.*未下单/);
    assert.equal(squash(await page.getByTestId('invite-figure-cards').textContent()), '1分享卡片');
    assert.equal(squash(await page.getByTestId('invite-figure-visits').textContent()), '1好友访问');
    assert.equal(squash(await page.getByTestId('invite-figure-orders').textContent()), '0带来订单');
    assert.doesNotMatch((await page.locator('.invite').textContent()) ?? '', /\bS[1-6]\b|价格敏感|KOC/);
    await shot('invites');
  });
});
