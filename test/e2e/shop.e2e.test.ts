import assert from '@test/support/assert';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { startEmulator } from '@test/support/emulator';

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOT_DIR = path.join(ROOT, '.tmp');
const STRAWBERRY = 'fruit-strawberry';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

interface StoredOrder {
  orderId: string;
  openid: string;
  status: string;
  payableFen: number;
  lines: Array<{ skuId: string; qty: number; priceSource: string; unitPriceFen: number }>;
}

const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('shop: browse, cart, checkout and pay (H5 preview on the emulator)', () => {
  let emulator: Emulator | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;

  const orders = async () => (await emulator!.get<{ documents: StoredOrder[] }>('/__dev/collections/orders')).body.documents;
  const shot = (name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `shop-${name}.png`) });

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
      throw new Error('dist/h5 is missing: build the H5 preview first (npx taro build --type h5; the e2e test script does this)');
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    browser = await launchBrowser();
    context = await browser.newContext(PHONE_VIEWPORT);
    // 银卡会员 (demo-member), who joined WeChat group gid-fresh-a in the demo data: the persona switcher's choice.
    await context.addInitScript(() => {
      if (!localStorage.getItem('guoli.persona')) localStorage.setItem('guoli.persona', 'member');
    });
    page = await context.newPage();
    await page.goto(`${emulator.url}/#/pages/index/index`);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('shelf: 丹东99草莓 shows the group price 群专享 ¥29.90 with the list price struck', async () => {
    const card = page.locator(`[data-testid="product-${STRAWBERRY}"]`);
    await card.waitFor();
    const cardText = await card.textContent();
    assert.match(cardText ?? '', /丹东99草莓/);
    assert.match(cardText ?? '', /群专享/);
    assert.match(cardText ?? '', /¥29\.90/);
    assert.equal(await text(page, `[data-testid="product-${STRAWBERRY}"] .price-tag__list`), '¥39.90');
    assert.match(await text(page, '[data-testid="persona-toggle"]'), /银卡会员/);
    await shot('home');
  });

  it('cart: adding one box puts it in the cart, priced by the server', async () => {
    await page.locator(`[data-testid="product-${STRAWBERRY}"] [data-testid="qty-add"]`).click();
    await page.locator(`[data-testid="product-${STRAWBERRY}"] [data-testid="qty-value"]`, { hasText: '1' }).waitFor();
    await page.locator('.weui-tabbar__item', { hasText: '购物车' }).click();
    await page.locator(`[data-testid="cart-row-${STRAWBERRY}"]`).waitFor();
    await page.locator('#cart-total', { hasText: '¥29.90' }).waitFor();
    assert.match((await page.locator(`[data-testid="cart-row-${STRAWBERRY}"]`).textContent()) ?? '', /群专享/);
    await shot('cart');
  });

  it('checkout: explains the 群专享 line and the payable amount', async () => {
    await page.locator('#cart-settle').click();
    await page.waitForURL(/#\/pages\/checkout\/index/);
    await page.locator('#checkout-payable', { hasText: '¥29.90' }).waitFor();
    const line = await text(page, `[data-testid="quote-line-${STRAWBERRY}"]`);
    assert.match(line, /丹东99草莓/);
    assert.match(line, /× 1/);
    assert.match(line, /群专享/);
    assert.match(line, /鲜果A群专享/);
    assert.equal(await text(page, '#checkout-total'), '¥29.90');
    assert.match(await text(page, '#checkout-store'), /果粒鲜选·/);
    await shot('checkout');
  });

  it('pay: submitting opens the pay sheet; confirming pays and lands on the order detail, paid', async () => {
    await page.locator('#checkout-submit').click();
    // First the consent sheet for 支付成功 / 退款成功 (test/e2e/notices.e2e.test.ts follows it).
    await page.locator('[data-testid="subscribe-sheet-cancel"]').click();
    const sheet = page.locator('[data-testid="pay-sheet"]');
    await sheet.waitFor();
    assert.equal(await text(page, '[data-testid="pay-sheet-amount"]'), '¥29.90');
    assert.match((await sheet.textContent()) ?? '', /微信支付（本地模拟）/);
    await page.waitForTimeout(300); // the sheet slides up
    await shot('pay-sheet');
    await page.locator('[data-testid="pay-sheet-confirm"]').click();

    await page.waitForURL(/#\/pages\/order\/index\?orderId=/, { timeout: 10_000 });
    const orderId = new URL(page.url().replace('/#/', '/')).searchParams.get('orderId');
    assert.ok(orderId, `no orderId in ${page.url()}`);
    const order = (await orders()).find((o) => o.orderId === orderId);
    assert.ok(order, `order ${orderId} is not stored`);
    assert.equal(order.openid, 'demo-member');
    assert.equal(order.status, 'paid');
    assert.equal(order.payableFen, 2990);
    assert.deepEqual(
      order.lines.map((l) => ({ skuId: l.skuId, qty: l.qty, priceSource: l.priceSource, unitPriceFen: l.unitPriceFen })),
      [{ skuId: STRAWBERRY, qty: 1, priceSource: 'group', unitPriceFen: 2990 }],
    );
    // Paid lines leave the cart.
    const cart = await page.evaluate(() => localStorage.getItem('guoli.cart'));
    assert.doesNotMatch(cart ?? '', new RegExp(STRAWBERRY));
    await page.waitForTimeout(1500); // the order page loads its detail
    await shot('order');
  });

  it('cancel: closing the pay sheet keeps the order waiting 15 minutes and opens its detail', async () => {
    const before = (await orders()).length;
    await page.goto(`${emulator!.url}/#/pages/product/index?skuId=dairy-milk-950`);
    await page.locator('#product-name', { hasText: '鲜牛奶' }).waitFor();
    await page.locator('#buy-now').click();
    await page.locator('#checkout-payable').waitFor();
    await page.locator('#checkout-submit').click();
    await page.locator('[data-testid="subscribe-sheet-cancel"]').click();
    await page.locator('[data-testid="pay-sheet-cancel"]').click();
    const modal = page.locator('.taro__modal .taro-modal__text');
    await modal.waitFor();
    assert.match((await modal.textContent()) ?? '', /15 分钟/);
    await page.locator('.taro-model__confirm').click();
    await page.waitForURL(/#\/pages\/order\/index\?orderId=/);
    const all = await orders();
    assert.equal(all.length, before + 1);
    const waiting = all.find((o) => o.lines.some((l) => l.skuId === 'dairy-milk-950'));
    assert.equal(waiting?.status, 'pending_payment');
  });

  it('coupon: checkout proposes the coupon that saves most, and the member can pay without it', async () => {
    const admin = (data: unknown) => emulator!.call<{ ok: boolean }>('admin', data, 'demo-admin');
    const templates = [
      { templateId: 'e2e-cash-3', name: '无门槛3元券', kind: 'cash', valueFen: 300, validity: { days: 30 } },
      { templateId: 'e2e-fruit-50-5', name: '鲜果满50减5', kind: 'threshold', valueFen: 500, thresholdFen: 5000, validity: { days: 30 }, scope: { categories: ['fruit'] } },
    ];
    for (const doc of templates) {
      assert.equal((await admin({ action: 'upsert', entity: 'couponTemplate', doc })).ok, true);
      assert.equal((await admin({ action: 'grant', openid: 'demo-member', kind: 'coupon', templateId: doc.templateId })).ok, true);
    }
    // 阳光玫瑰青提 ×1 at 银卡会员价 ¥42.90: below the ¥50 threshold, so the ¥3 cash coupon is the best.
    await page.goto(`${emulator!.url}/#/pages/checkout/index?skuId=fruit-grape&qty=1`);
    await page.locator('#checkout-coupon', { hasText: '-¥3.00' }).waitFor();
    assert.match(await text(page, '#checkout-coupon'), /无门槛3元券/);
    assert.equal(await text(page, '#checkout-payable'), '¥39.90');
    await page.locator('#checkout-coupon').click();
    assert.match(await text(page, '[data-testid="coupon-sheet"]'), /还差 ¥7\.10/);
    await page.locator('[data-testid="coupon-none"]').click();
    await page.locator('#checkout-payable', { hasText: '¥42.90' }).waitFor();
    assert.match(await text(page, '#checkout-coupon'), /^优惠券\s*1 张可用 ›$/);
  });

  it('stores and search: from the preview’s fixed location (福田) the nearest store comes first; picked, its shelf is searched', async () => {
    await page.goto(`${emulator!.url}/#/pages/index/index`);
    await page.locator('#shop-store:visible').click();
    const first = page.locator('.store-picker__card').first();
    await first.locator('.store-picker__distance').waitFor();
    // 深圳市民中心 to 福华三路 168 号: 880 m; the flagship in 南山 is about 11 km away.
    assert.match(await text(page, '.store-picker__card'), /^果粒鲜选·福田中心店880 米离你最近.*电话导航在这里自提 ›$/);
    assert.match(await text(page, '.store-picker__card:nth-child(2)'), /^果粒鲜选·南山旗舰店\d+\.\d 公里/);
    await shot('stores');
    await first.click();
    await page.locator('#shop-store:visible', { hasText: '福田中心店' }).waitFor();
    await page.locator('#shop-search:visible').click();
    await page.waitForURL(/#\/packages\/shop\/pages\/search\/index/);
    await page.locator('#shop-search-input input').fill('草莓');
    await page.locator(`#shop-search-results [data-testid="product-${STRAWBERRY}"]`).waitFor();
    await shot('search');
    await page.locator('#shop-search-input input').fill('咖啡豆');
    assert.equal((await text(page, '#shop-search-empty .search-panel__empty-title')).replace(/\s+/g, ''), '没有找到「咖啡豆」');
  });
});
