import assert from '@test/support/assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';

const ROOT = path.resolve(__dirname, '..', '..');
const testId = (id: string) => `[data-testid="${id}"]`;
const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const OPS = '/#/packages/ops/pages';
const TEMPLATE_ID = 'ops-e2e-cash';
const SKU = 'fruit-strawberry';

/** A PNG of `width` × `height` pixels of one colour, made here (no image library): signature, IHDR, IDAT, IEND. */
function solidPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, Buffer.from([0xe8, 0x44, 0x3a]))]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** A JPEG's width and height, from its start-of-frame segment. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  assert.equal(jpeg.readUInt16BE(0), 0xffd8, 'not a JPEG');
  let at = 2;
  while (at < jpeg.length) {
    const marker = jpeg.readUInt16BE(at);
    const length = jpeg.readUInt16BE(at + 2);
    if (marker >= 0xffc0 && marker <= 0xffc3) return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error('no start-of-frame in the JPEG');
}

/**
 * The operators' console through the screens, on a real local cloud: an admin makes a claimable
 * coupon that a member then sees in the 领券中心, gives a product a photo through the file input
 * (shrunk to 1280 px and stored in cloud storage), finds both writes in 操作日志; a member who opens
 * the console by its URL gets the server's refusal, and no entry.
 */
describe('operators’ console (H5 preview on the local cloud)', () => {
  let emulator: EmulatorInstance;
  let browser: Browser | undefined;
  let page: Page;

  /** Opens `hash` as the persona (the preview's switcher keeps the choice in localStorage). */
  async function openAs(persona: string, hash: string) {
    await page.evaluate((id) => localStorage.setItem('guoli.persona', id), persona);
    await page.goto('about:blank');
    await page.goto(`${emulator.url}${hash}`);
  }

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) throw new Error('dist/h5 is missing: build the H5 preview first (npm test does)');
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    browser = await launchBrowser();
    page = await (await browser.newContext(PHONE_VIEWPORT)).newPage();
    await page.goto(`${emulator.url}/#/pages/member/index`);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('coupon: an admin opens 运营 from the member centre and makes a claimable cash coupon; the server’s refusal shows beside its field', async () => {
    await openAs('admin', '/#/pages/member/index');
    await page.locator(testId('entry-ops')).click();
    await page.locator(testId('ops-console')).waitFor();
    assert.equal(await page.locator(`${testId('ops-console')} [data-testid^="ops-tile-"]`).count(), 15);
    await page.locator(testId('ops-tile-couponTemplate')).click();
    await page.locator(`${testId('ops-empty')}, ${testId('entity-list')}`).first().waitFor();
    await page.locator(testId('entity-create')).click();
    await page.locator(testId('entity-form')).waitFor();

    // The light check before sending: required fields.
    await page.locator(testId('entity-save')).click();
    assert.equal(await text(page, testId('error-templateId')), '请填写券编号');
    assert.equal(await text(page, testId('error-name')), '请填写券名称');

    await page.locator(`${testId('input-templateId')} input`).fill(TEMPLATE_ID);
    await page.locator(`${testId('input-name')} input`).fill('运营测试券');
    await page.locator(`${testId('input-valueFen')} input`).fill('8.5');
    await page.locator(testId('toggle-claimable')).click();
    await page.locator(`${testId('input-totalStock')} input`).fill('10');
    // A per-member limit of 0 is the server's to refuse: its message stands beside the field.
    await page.locator(`${testId('input-perMemberLimit')} input`).fill('0');
    await page.locator(testId('entity-save')).click();
    await page.locator(testId('error-perMemberLimit')).waitFor();
    assert.equal(await text(page, testId('error-perMemberLimit')), '每人限领不能小于 1');

    await page.locator(`${testId('input-perMemberLimit')} input`).fill('2');
    await page.locator(testId('entity-save')).click();
    const row = page.locator(testId(`row-${TEMPLATE_ID}`));
    await row.waitFor();
    assert.match(await text(page, testId(`row-${TEMPLATE_ID}`)), /运营测试券.*无门槛 ¥8\.50.*领取后 30 天有效.*已发 0 \/ 10 张.*每人限 2 张.*领券中心/);

    const [saved] = (await emulator.get<{ documents: Array<Record<string, unknown>> }>('/__dev/collections/couponTemplates')).body.documents.filter((d) => d.templateId === TEMPLATE_ID);
    assert.equal(saved.valueFen, 850);
    assert.equal(saved.kind, 'cash');
    assert.equal(saved.claimable, true);
    assert.equal(saved.totalStock, 10);
    assert.deepEqual(saved.validity, { days: 30 });
  });

  it('coupon centre: a member sees the new coupon offered', async () => {
    await openAs('member', '/#/packages/member/pages/coupon-centre/index');
    await page.getByText('运营测试券').first().waitFor();
  });

  it('photo: an admin uploads a product photo through the file input; it is shrunk to 1280 px and saved as a cloud:// fileID', async () => {
    await openAs('admin', `${OPS}/entities/index?entity=product`);
    await page.locator(testId(`row-${SKU}`)).click();
    await page.locator(testId('entity-form')).waitFor();
    assert.equal(await text(page, testId('readonly-skuId')), SKU);
    assert.equal(await page.locator(`${testId('input-listPriceFen')} input`).inputValue(), '39.90');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator(testId('photo-pick')).click()]);
    await chooser.setFiles({ name: 'strawberry.png', mimeType: 'image/png', buffer: solidPng(1600, 900) });
    await page.locator(testId('photo-preview')).waitFor();
    await page.locator(testId('entity-save')).click();
    // Back on the list, which loads again: the row now says it has a photo.
    await page.locator(testId(`row-${SKU}`)).getByText('有图').waitFor();

    const products = (await emulator.get<{ documents: Array<Record<string, unknown>> }>('/__dev/collections/products')).body.documents;
    const product = products.find((p) => p.skuId === SKU)!;
    assert.match(String(product.imageFileId), new RegExp(`^cloud://.+/products/${SKU}-\\d+\\.jpg$`));
    // The other fields stayed as they were.
    assert.equal(product.listPriceFen, 3990);
    assert.deepEqual(product.memberPriceFen, { silver: 3690, gold: 3490, diamond: 3290 });

    const urls = await emulator.post<{ fileList: Array<{ tempFileURL: string }> }>('/__dev/storage/tempUrls', { fileList: [product.imageFileId] });
    const jpeg = Buffer.from(await (await fetch(new URL(urls.body.fileList[0].tempFileURL, emulator.url))).arrayBuffer());
    assert.deepEqual(jpegSize(jpeg), { width: 1280, height: 720 });
  });

  it('audit: 操作日志 lists both writes, newest first, with what changed', async () => {
    await openAs('admin', `${OPS}/audit/index`);
    await page.locator(testId('audit-list')).waitFor();
    const entries = page.locator(testId('audit-entry'));
    // Who wrote: the staff member's name, once the staff list is in.
    await entries.nth(0).getByText(/运营小果/).waitFor();
    assert.match(await entries.nth(0).innerText(), new RegExp(`保存 · 商品[\\s\\S]*${SKU}[\\s\\S]*运营小果[\\s\\S]*商品图片`));
    assert.match(await entries.nth(1).innerText(), new RegExp(`保存 · 优惠券[\\s\\S]*${TEMPLATE_ID}[\\s\\S]*新建[\\s\\S]*券名称[\\s\\S]*运营测试券`));
  });

  it('stock: an admin sets a shelf count of a store; the shelf shows it', async () => {
    await openAs('admin', `${OPS}/stock/index`);
    await page.locator(testId('choice-stock-store-store-futian')).click();
    await page.locator(testId(`shelf-${SKU}`)).waitFor();
    await page.locator(`${testId(`stock-input-${SKU}`)} input`).fill('88');
    await page.locator(testId('stock-save')).click();
    await page.locator(testId(`shelf-${SKU}`)).getByText('88', { exact: true }).waitFor();
    const stock = (await emulator.get<{ documents: Array<Record<string, unknown>> }>('/__dev/collections/stock')).body.documents;
    assert.equal(stock.find((s) => s._id === `store-futian:${SKU}`)?.stock, 88);
  });

  it('desktop: the console stays a centred column on a wide screen', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await openAs('admin', `${OPS}/index/index`);
    await page.locator(testId('ops-console')).waitFor();
    const box = (await page.locator('.ops-page__body').boundingBox())!;
    assert.ok(box.width < 1100, `column ${box.width}px wide`);
    assert.ok(Math.abs(box.x - (1440 - box.x - box.width)) < 2, 'centred');
    await page.setViewportSize(PHONE_VIEWPORT.viewport);
  });

  it('members: the console by its URL answers the server’s refusal, never a form; the member centre has no 运营 entry', async () => {
    await openAs('member', `${OPS}/index/index`);
    await page.locator(testId('ops-denied')).waitFor();
    assert.equal(await text(page, testId('ops-denied-message')), '仅管理员可以执行此操作');
    assert.equal(await page.locator(testId('ops-console')).count(), 0);

    await openAs('member', `${OPS}/edit/index?entity=couponTemplate`);
    await page.locator(testId('ops-denied')).waitFor();
    assert.equal(await page.locator(testId('entity-form')).count(), 0);

    const staffAnswered = page.waitForResponse((res) => res.url().endsWith('/functions/staff'));
    await openAs('member', '/#/pages/member/index');
    await staffAnswered;
    await page.locator(testId('entry-invite')).waitFor();
    assert.equal(await page.locator(testId('entry-ops')).count(), 0);
  });
});
