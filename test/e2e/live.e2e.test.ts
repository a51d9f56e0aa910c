import assert from '@test/support/assert';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Result } from '@contract/errors';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { upsertTemplate } from '@test/support/coupons';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { okData, setClock } from '@test/support/shop';

const ROOT = path.resolve(__dirname, '..', '..');
const SCREENSHOT_DIR = path.join(ROOT, '.tmp');
const SESSION_ID = 'live-e2e';
const ROOM = `/#/packages/live/pages/room/index?sessionId=${SESSION_ID}`;

// Saturday 28 Nov 2026, 20:00 in Shanghai; the session runs two hours.
const START = Date.parse('2026-11-28T12:00:00.000Z');
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

async function seedSession(cloud: EmulatorInstance) {
  const days = { days: 7 };
  await upsertTemplate(cloud, { templateId: 'live-reserve', name: '预约礼3元', kind: 'cash', valueFen: 300, validity: days });
  await upsertTemplate(cloud, { templateId: 'live-enter', name: '进场5元', kind: 'cash', valueFen: 500, validity: days });
  await upsertTemplate(cloud, { templateId: 'live-watch', name: '看满10分钟满99减15', kind: 'threshold', valueFen: 1500, thresholdFen: 9900, validity: days });
  await upsertTemplate(cloud, { templateId: 'live-share', name: '分享10元', kind: 'cash', valueFen: 1000, validity: days });
  const rewards = [
    { trigger: 'reserve', templateId: 'live-reserve' },
    { trigger: 'enter', templateId: 'live-enter' },
    { trigger: 'watch', minutes: 10, templateId: 'live-watch' },
    { trigger: 'share', templateId: 'live-share' },
  ];
  const session = { sessionId: SESSION_ID, title: '周六鲜果直播', roomId: 'sph-guoli-fresh', startAt: at(0), endAt: at(120), rewards };
  okData(await cloud.call<Result<unknown>>('admin', { action: 'upsert', entity: 'liveSession', doc: session }, 'demo-admin'));
}

describe('live room: reserve, enter, watch ten minutes on the server clock, buy with the best coupon, share (H5 preview on the emulator)', () => {
  let emulator: EmulatorInstance | undefined;
  let browser: Browser | undefined;
  let page: Page;

  const shot = async (name: string) => {
    await page.waitForTimeout(400); // let the page's slide-in transition settle
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `live-${name}.png`), fullPage: true });
  };
  /** Taro H5's toast (showToast), holding exactly this text. */
  const toast = (title: string) => page.locator('.taro__toast').getByText(title, { exact: true });
  const granted = (trigger: string) => page.locator(`[data-testid="reward-${trigger}"][data-granted="yes"]`);

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
      throw new Error('dist/h5 is missing: build the H5 preview first (npx taro build --type h5; the e2e test script does this)');
    }
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    await setClock(emulator, at(-60));
    await seedSession(emulator);
    browser = await launchBrowser();
    const context = await browser.newContext(PHONE_VIEWPORT);
    // 银卡会员 (demo-member): the persona switcher's choice.
    await context.addInitScript(() => {
      if (!localStorage.getItem('guoli.persona')) localStorage.setItem('guoli.persona', 'member');
    });
    page = await context.newPage();
    // The page's own timers (the 60 s heartbeat) run on a clock the test can move.
    await page.clock.install();
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  it('sessions: without a sessionId the page lists the session with its phase and rewards', async () => {
    await page.goto(`${emulator!.url}/#/packages/live/pages/room/index`);
    const card = page.getByTestId(`session-${SESSION_ID}`);
    await card.waitFor();
    const cardText = (await card.textContent()) ?? '';
    assert.match(cardText, /预告/);
    assert.match(cardText, /周六鲜果直播/);
    assert.match(cardText, /11月28日 20:00–22:00/);
    assert.match(cardText, /预约礼 · 无门槛减¥3\.00/);
    assert.match(cardText, /观看满10分钟 · 满¥99\.00减¥15\.00/);
    await shot('sessions');
    await card.click();
    await page.waitForURL(new RegExp(`sessionId=${SESSION_ID}`));
    await page.getByTestId('live-room').waitFor();
  });

  it('before the start: a countdown to 20:00, and 预约直播 grants the reservation gift', async () => {
    assert.match(await text(page, 'start-countdown'), /^(01:00:00|00:59:\d\d)$/);
    assert.match(await text(page, 'live-player'), /直播即将开始/);
    // No raw ids anywhere in the room: not the session's, the room's or a coupon template's.
    const roomText = await text(page, 'live-room');
    for (const raw of [SESSION_ID, 'sph-guoli-fresh', 'live-reserve', 'live-watch']) assert.ok(!roomText.includes(raw), `${raw} shown in the room`);
    await shot('upcoming');
    await page.getByTestId('live-reserve').click();
    // The consent sheet for 直播开播提醒 comes first, inside the tap; the reservation follows whatever the answer.
    await page.getByTestId('subscribe-sheet-item-liveStarting').waitFor();
    await page.getByTestId('subscribe-sheet-allow').click();
    await toast('获得 预约礼3元').waitFor();
    await granted('reserve').waitFor();
    await page.getByTestId('live-reserve').filter({ hasText: '已预约' }).waitFor();
    assert.equal(await granted('enter').count(), 0);
    await shot('reserved');
  });

  it('at the start: opening the room enters it and grants the entry coupon', async () => {
    await setClock(emulator!, at(0));
    assert.ok(page.url().endsWith(ROOM), page.url());
    await page.reload(); // the member opens the room again at 20:00
    await toast('获得 进场5元').waitFor();
    await granted('enter').waitFor();
    // The stream plays in the room (the preview's demo clip, muted until tapped); the watch clock runs with it.
    await page.locator('[data-testid="live-player"][data-state="playing"]').waitFor();
    assert.equal(await page.getByTestId('live-stream').evaluate((v) => (v as HTMLVideoElement).paused), false);
    assert.match(await text(page, 'live-unmute'), /点击开启声音/);
    await page.getByTestId('live-unmute').click();
    assert.equal(await page.getByTestId('live-stream').evaluate((v) => (v as HTMLVideoElement).muted), false);
    await page.getByTestId('live-fullscreen').waitFor();
    await page.locator('[data-testid="watch-progress"][data-watched-seconds="0"][data-counting="yes"]').waitFor();
    assert.equal(await text(page, 'watch-headline'), '再看 10:00 可领满¥99.00减¥15.00');
    assert.equal(await page.getByTestId('live-room').getAttribute('data-phase'), 'live');
  });

  it('watching: a heartbeat every 60 s, credited on the server clock, earns the watch coupon at 10 minutes', async () => {
    for (let minute = 1; minute <= 10; minute += 1) {
      await setClock(emulator!, at(minute));
      await page.clock.runFor(60_000); // the page's interval fires its heartbeat; the server measures the gap
      await page.locator(`[data-testid="watch-progress"][data-watched-seconds="${minute * 60}"]`).waitFor();
      if (minute === 4) {
        assert.match(await text(page, 'watch-headline'), /^再看 \d:\d\d 可领满¥99\.00减¥15\.00$/);
        assert.equal(await granted('watch').count(), 0);
        await shot('watching');
      }
    }
    await toast('获得 看满10分钟满99减15').waitFor();
    await granted('watch').waitFor();
    assert.match(await text(page, 'reward-watch'), /✓ 已获得/);
    assert.equal(await text(page, 'watch-headline'), '✓ 已获得 看满10分钟满99减15');
    await shot('watched');
  });

  it('hidden or stalled: no heartbeats while the page is hidden or the picture stands still; they resume on show, and the hidden time is not counted', async () => {
    const beats: string[] = [];
    const onRequest = (request: { url(): string; postData(): string | null }) => {
      if (request.url().endsWith('/functions/live')) beats.push(JSON.parse(request.postData() ?? '{}').data?.action ?? '');
    };
    page.on('request', onRequest);
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await page.locator('[data-testid="watch-progress"][data-counting="no"]').waitFor();
    await setClock(emulator!, at(13));
    await page.clock.runFor(180_000);
    assert.deepEqual(beats, [], 'no call while hidden');
    // Shown again: enter restarts the server's clock, then a beat a minute.
    await setHidden(false);
    await page.locator('[data-testid="watch-progress"][data-counting="yes"]').waitFor();
    await setClock(emulator!, at(14));
    await page.clock.runFor(60_000);
    await page.locator('[data-testid="watch-progress"][data-watched-seconds="660"]').waitFor();
    assert.deepEqual(beats, ['enter', 'heartbeat']);
    // The picture stops (paused, as a stall would): the beats stop with it.
    await page.getByTestId('live-stream').evaluate((v) => (v as HTMLVideoElement).pause());
    await page.locator('[data-testid="live-player"][data-state="paused"]').waitFor();
    await page.locator('[data-testid="watch-progress"][data-counting="no"]').waitFor();
    await page.clock.runFor(60_000);
    assert.deepEqual(beats, ['enter', 'heartbeat']);
    await page.getByTestId('live-stream').evaluate((v) => (v as HTMLVideoElement).play());
    await page.locator('[data-testid="live-player"][data-state="playing"]').waitFor();
    await page.locator('[data-testid="watch-progress"][data-counting="yes"]').waitFor();
    assert.equal(beats[2], 'enter', 'the server clock restarts when the picture moves again');
    // A stall: the picture stands still (its progress events held back at the window) and the player
    // buffers. The first 10 s still count as watching; after that the beats stop.
    await page.evaluate(() => {
      const hold = (e: Event) => e.stopImmediatePropagation();
      (window as unknown as { holdPicture: (on: boolean) => void }).holdPicture = (on) => {
        for (const type of ['timeupdate', 'playing']) (on ? window.addEventListener : window.removeEventListener)(type, hold, true);
      };
      (window as unknown as { holdPicture: (on: boolean) => void }).holdPicture(true);
    });
    await page.getByTestId('live-stream').evaluate((v) => v.dispatchEvent(new Event('waiting')));
    await page.locator('[data-testid="live-player-overlay"]', { hasText: '网络不佳，正在缓冲…' }).waitFor();
    await page.clock.runFor(9_000);
    assert.equal(await page.getByTestId('watch-progress').getAttribute('data-counting'), 'yes', 'a short stall still counts');
    await page.clock.runFor(2_000);
    await page.locator('[data-testid="watch-progress"][data-counting="no"]').waitFor();
    assert.equal(beats.length, 3, 'no call during the stall');
    await page.evaluate(() => (window as unknown as { holdPicture: (on: boolean) => void }).holdPicture(false));
    await page.locator('[data-testid="watch-progress"][data-counting="yes"]').waitFor();
    page.off('request', onRequest);
    assert.equal(beats[3], 'enter', 'after a long stall the server clock restarts too');
  });

  it('share: without a paid order from the session it explains how to earn the share coupon', async () => {
    await page.getByTestId('live-share').click();
    await toast('下单并支付后分享可得分享券').waitFor();
    assert.equal(await granted('share').count(), 0);
    // The preview shows the live card it made (member.share), with the room's path and share id.
    assert.match(await text(page, 'share-card-path'), new RegExp(`^/packages/live/pages/room/index\\?sessionId=${SESSION_ID}&shareId=[A-Za-z0-9]{16}$`));
    await page.getByTestId('share-preview-close').click();
    await page.getByTestId('share-preview').waitFor({ state: 'detached' });
  });

  it('wallet: the reservation, entry and watch coupons are there', async () => {
    await page.getByTestId('reward-wallet').click();
    await page.waitForURL(/#\/pages\/coupons\/index/);
    await page.getByTestId('coupon-card').nth(2).waitFor();
    const names = await page.locator('[data-testid="coupon-card"] .coupon-card__name').allTextContents();
    assert.deepEqual(names.map((n) => n.trim()).sort(), ['看满10分钟满99减15', '进场5元', '预约礼3元'].sort());
    assert.match(await text(page, 'wallet-tab-unused'), /未使用 ?3/);
    const watchCard = page.getByTestId('coupon-card').filter({ hasText: '看满10分钟满99减15' });
    assert.match((await watchCard.textContent()) ?? '', /满¥99\.00减¥15\.00/);
    assert.match((await watchCard.textContent()) ?? '', /直播专享/);
    await shot('wallet');
  });

  it('去下单: goes to the shop and leaves the session id for the checkout', async () => {
    await page.goBack();
    await page.getByTestId('live-order').click();
    await page.waitForURL(/#\/pages\/index\/index/);
    const stored = await page.evaluate(() => localStorage.getItem('liveSessionId'));
    assert.match(stored ?? '', new RegExp(SESSION_ID));
  });

  it('buy: the checkout proposes the coupon that saves most and the order carries the session', async () => {
    // A long unit must not break the line: the unit price stays under the amount, nothing overflows.
    const products = (await emulator!.get<{ documents: Array<Record<string, unknown>> }>('/__dev/collections/products')).body.documents;
    const durian = products.find((p) => p.skuId === 'fruit-durian')!;
    const fields = ['skuId', 'name', 'category', 'unit', 'listPriceFen', 'memberPriceFen', 'paidPriceFen', 'noExtraDiscount', 'onSale', 'image', 'imageFileId', 'description'];
    const doc = Object.fromEntries(fields.filter((f) => durian[f] !== undefined).map((f) => [f, durian[f]]));
    okData(await emulator!.call<Result<unknown>>('admin', { action: 'upsert', entity: 'product', doc: { ...doc, unit: '约2.5kg×2个（进口礼盒装·冷链）' } }, 'demo-admin'));
    await page.goto(`${emulator!.url}/#/pages/checkout/index?skuId=fruit-durian&qty=1`);
    const line = page.getByTestId('quote-line-fruit-durian');
    await line.locator('.quote-line__unit-name').waitFor();
    const box = async (selector: string) => (await line.locator(selector).first().boundingBox())!;
    const [amount, unitPrice, whole] = [await box('.quote-line__amount'), await box('.quote-line__unit'), await line.boundingBox()];
    assert.ok(Math.abs(amount.x + amount.width - (unitPrice.x + unitPrice.width)) <= 1, 'unit price right-aligned with the amount');
    assert.ok(unitPrice.x + unitPrice.width <= whole!.x + whole!.width + 0.5, 'nothing overflows the line');
    assert.equal(await line.evaluate((el) => el.scrollWidth <= el.clientWidth), true);
    // ¥158.00: 满¥99.00减¥15.00 saves more than 进场5元 or 预约礼3元.
    await page.locator('#checkout-coupon', { hasText: '-¥15.00' }).waitFor();
    await page.locator('#checkout-payable', { hasText: '¥143.00' }).waitFor();
    await page.locator('#checkout-submit').click();
    await page.getByTestId('subscribe-sheet-cancel').click();
    assert.equal(await text(page, 'pay-sheet-subject'), '果粒鲜选 · 到店自提订单');
    await page.locator('[data-testid="pay-sheet-confirm"]').click();
    // The checkout polls until the callback has marked the order paid; its timers run on the test clock.
    for (let i = 0; i < 20 && !/pages\/order\/index/.test(page.url()); i += 1) await page.clock.runFor(1000);
    await page.waitForURL(/#\/pages\/order\/index\?orderId=/);
    const orders = (await emulator!.get<{ documents: Array<{ openid: string; status: string; liveSessionId: string | null; couponDiscountFen: number }> }>('/__dev/collections/orders')).body.documents;
    const mine = orders.filter((o) => o.openid === 'demo-member');
    assert.deepEqual(
      mine.map((o) => [o.status, o.liveSessionId, o.couponDiscountFen]),
      [['paid', SESSION_ID, 1500]],
    );
  });

  it('share: after the paid order, sharing the room grants the share coupon, and it is in the wallet', async () => {
    await page.goto(`${emulator!.url}${ROOM}`);
    await page.reload(); // a fresh load of the room, as when the member comes back to the live
    await page.getByTestId('live-room').waitFor();
    await page.getByTestId('live-share').click();
    await toast('获得 分享10元').waitFor();
    await granted('share').waitFor();
    await page.getByTestId('share-preview-close').click();
    await page.goto(`${emulator!.url}/#/pages/coupons/index`);
    const shareCard = page.getByTestId('coupon-card').filter({ hasText: '分享10元' });
    for (let i = 0; i < 20 && !(await shareCard.isVisible()); i += 1) await page.clock.runFor(500);
    await shareCard.waitFor();
    const used = await emulator!.call<Result<{ coupons: Array<{ name: string; status: string }> }>>('coupon', { action: 'wallet' }, 'demo-member');
    assert.equal(okData(used).coupons.find((c) => c.name === '看满10分钟满99减15')?.status, 'used');
  });
});
