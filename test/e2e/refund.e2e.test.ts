import assert from '@test/support/assert';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Result } from '@contract/errors';
import type { OrderView, RefundQuote } from '@contract/order';
import { formatFen } from '@core/money';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { startEmulator } from '@test/support/emulator';
import { assertInvariants } from '@test/support/invariants';
import { buy, detail, okData } from '@test/support/shop';

const ROOT = path.resolve(__dirname, '..', '..');
const MEMBER = 'demo-member';
const STRAWBERRY = 'fruit-strawberry';
const MILK = 'dairy-milk-950';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const testId = (id: string) => `[data-testid="${id}"]`;
/** Text matched literally inside a RegExp ("¥12.34"). */
const literally = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

describe('partial refunds: one line in part, then the rest, with exact amounts (H5 preview on the emulator)', () => {
  let emulator: Emulator;
  let browser: Browser | undefined;
  let page: Page;
  /** The order function's actions the page asked for, in order. */
  const asked: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
      throw new Error('dist/h5 is missing: build the H5 preview first (npx taro build --type h5; the e2e test script does this)');
    }
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    browser = await launchBrowser();
    page = await (await browser.newContext(PHONE_VIEWPORT)).newPage();
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/functions/order')) asked.push(String((req.postDataJSON() as { data?: { action?: string } }).data?.action));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  const refundQuote = async (orderId: string, lines?: Array<{ skuId: string; qty: number }>) =>
    okData(await emulator.call<Result<RefundQuote>>('order', { action: 'refundQuote', orderId, ...(lines ? { lines } : {}) }, MEMBER));

  /** Opens the sheet, lets `choose` pick, and answers the amount shown once the server's quote is in. */
  async function openSheetAndChoose(choose: () => Promise<void>): Promise<string> {
    await page.locator(testId('order-refund')).click();
    await page.locator('.refund-sheet__panel').waitFor();
    await choose();
    await page.locator(testId('refund-sheet-amount')).waitFor();
    return text(page, testId('refund-sheet-amount'));
  }

  /** 退款 ¥x.xx, then the irreversible confirmation's 确认退款. */
  async function confirmRefund(amount: string) {
    await page.locator(testId('refund-submit')).click();
    const modal = page.locator('.taro__modal .taro-modal__text');
    await modal.waitFor();
    assert.match((await modal.textContent()) ?? '', new RegExp(`^${literally(amount)} 将原路退回.*不可撤销。$`));
    await page.locator('.taro-model__confirm').click();
    await page.locator(testId('refund-sheet')).waitFor({ state: 'detached' });
  }

  it('buy two lines with points, refund one strawberry, then the rest: the amounts are the quotes\' and add up to the payable', async () => {
    // Two strawberries and a milk, ¥3 of it paid with points: the refunds share the points discount by line.
    const order: OrderView = await buy(emulator, MEMBER, [{ skuId: STRAWBERRY, qty: 2 }, { skuId: MILK, qty: 1 }], { points: 300 });
    assert.equal(order.status, 'paid');
    assert.equal(order.pointsUsed, 300);

    await page.goto(`${emulator.url}/#/pages/order/index?orderId=${order.orderId}`);
    await page.locator(testId('order-refund')).waitFor();
    assert.match(await text(page, testId('order-timeline')), /^订单进度下单\d{4}-\d{2}-\d{2} \d{2}:\d{2}支付\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // 1. One of the two strawberries: one quote for the settled choice, the amount the server's.
    asked.length = 0;
    const first = await refundQuote(order.orderId, [{ skuId: STRAWBERRY, qty: 1 }]);
    const shownFirst = await openSheetAndChoose(() => page.locator(`${testId(`refund-line-${STRAWBERRY}`)} ${testId('qty-inc')}`).click());
    assert.equal(shownFirst, formatFen(first.refundFen));
    assert.ok(first.refundFen > 0 && first.pointsReturned > 0 && !first.whole);
    assert.match(await text(page, '.refund-sheet__summary'), new RegExp(`退还积分 ${first.pointsReturned}`));
    await confirmRefund(shownFirst);
    await page.locator(testId('order-refund-amount')).waitFor();
    assert.deepEqual(asked, ['refundQuote', 'refund'], 'one quote for the settled choice, one refund (its answer is the order shown)');

    const afterFirst = await detail(emulator, MEMBER, order.orderId);
    assert.equal(afterFirst.status, 'paid');
    assert.deepEqual(afterFirst.refundedQty, { [STRAWBERRY]: 1 });
    assert.deepEqual(afterFirst.refunds.map((r) => r.refundFen), [first.refundFen]);
    assert.equal(await text(page, testId('order-refund-amount')), formatFen(first.refundFen));
    assert.equal(await text(page, testId('order-line-refunded')), '已退 1 件');
    assert.equal(await text(page, testId('order-refunded')), formatFen(first.refundFen));
    assert.match(await text(page, testId('order-timeline')), new RegExp(`部分退款${literally(formatFen(first.refundFen))}`));
    assert.equal(await text(page, testId('order-status')), '待提货');

    // 2. The rest (全选: the other strawberry and the milk): the order closes as 已退款.
    const rest = await refundQuote(order.orderId);
    const shownRest = await openSheetAndChoose(() => page.locator(testId('refund-all')).click());
    assert.equal(shownRest, formatFen(rest.refundFen));
    assert.ok(rest.whole);
    assert.deepEqual(rest.lines.map((l) => [l.skuId, l.qty]), [[STRAWBERRY, 1], [MILK, 1]]);
    await confirmRefund(shownRest);
    await page.locator(testId('order-status'), { hasText: '已退款' }).waitFor();

    const done = await detail(emulator, MEMBER, order.orderId);
    assert.equal(done.status, 'refunded');
    assert.equal(done.refundable, false);
    assert.deepEqual(done.refunds.map((r) => r.refundFen), [first.refundFen, rest.refundFen]);
    assert.equal(first.refundFen + rest.refundFen, order.payableFen, 'the refunds add up to the payable exactly');
    assert.equal(done.refundedFen, order.payableFen);
    assert.equal(first.pointsReturned + rest.pointsReturned, order.pointsUsed, 'the points spent all come back');
    assert.equal(first.growthReversed + rest.growthReversed, order.growthEarned);
    assert.deepEqual(await page.locator(testId('order-refund-amount')).allTextContents(), [formatFen(first.refundFen), formatFen(rest.refundFen)]);
    assert.match(await text(page, testId('order-status-hint')), new RegExp(`^${literally(formatFen(order.payableFen))} 已于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 原路退回$`));
    assert.match(await text(page, testId('order-timeline')), new RegExp(`已退款${literally(formatFen(rest.refundFen))}`));
    assert.equal(await page.locator(testId('order-refund')).count(), 0);

    await assertInvariants(emulator);
  });
});
