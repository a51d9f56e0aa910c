import assert from '@test/support/assert';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DashboardView } from '@contract/admin';
import type { Result } from '@contract/errors';
import { formatFen } from '@core/money';
import { playDemoHistory } from '@ops/demoHistory';
import { launchBrowser, PHONE_VIEWPORT } from '@test/support/browser';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import { documents, okData } from '@test/support/shop';

const ROOT = path.resolve(__dirname, '..', '..');
/** Committed as documentation: what the operators' dashboard looks like on a phone and on a desktop. */
/** The committed pictures of the dashboard are remade on request: SCREENSHOTS=1 npx jest test/e2e/opsDashboard. */
const SCREENSHOT_DIR = process.env.SCREENSHOTS === '1' ? path.join(ROOT, 'docs', 'screenshots') : null;
const DASHBOARD = '/#/packages/ops/pages/dashboard/index';
const SECTION_TITLES = ['会员分层 · 每周人数', '分层迁移', '各分层 GMV 与订单', '优惠券核销', '直播漏斗', '心享会员', '分享达人'];
const SEGMENT_KEYS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'none'];

interface CanvasInk {
  /** CSS width, and the backing store's width. */
  cssWidth: number;
  width: number;
  /** Share of pixels that are not the white background. */
  ink: number;
}

/** What each chart's canvas holds: its size and how much of it is drawn on. */
function canvasInk(page: Page): Promise<CanvasInk[]> {
  return page.locator('[data-testid="ops-chart-canvas"]').evaluateAll((canvases) =>
    (canvases as HTMLCanvasElement[]).map((canvas) => {
      const ctx = canvas.getContext('2d');
      if (!ctx || !canvas.width || !canvas.height) return { cssWidth: 0, width: canvas.width, ink: 0 };
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) inked += 1;
      return { cssWidth: canvas.getBoundingClientRect().width, width: canvas.width, ink: inked / (canvas.width * canvas.height) };
    }),
  );
}

/** The page is drawn: every chart has ink (the draw animation takes 0.5 s; then it holds still). */
async function chartsDrawn(page: Page, expected: number): Promise<CanvasInk[]> {
  await page.locator('[data-testid="dash-segments"]').waitFor();
  await page.waitForFunction(
    (n) => {
      const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('[data-testid="ops-chart-canvas"]'));
      return canvases.length >= n && canvases.every((c) => c.width > 0);
    },
    expected,
  );
  await page.waitForTimeout(900);
  return canvasInk(page);
}

/**
 * The whole dashboard in one picture: Taro H5 scrolls the page inside its own container, so a
 * full-page screenshot would stop at the window; the window is made as tall as the page instead.
 */
async function wholePage(page: Page, file: string): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  const width = page.viewportSize()!.width;
  const height = await page.evaluate(() => Math.ceil(Math.max(document.documentElement.scrollHeight, ...Array.from(document.querySelectorAll('.taro_page, .ops-dash')).map((el) => el.scrollHeight))));
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file) });
}

const textOf = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** A Wednesday noon in Shanghai: the history's "now". */
const NOW = new Date('2026-12-02T04:00:00.000Z');

describe("operators' dashboard: charts from admin.dashboard after nine weeks of demo history (H5 preview on the emulator)", () => {
  let emulator: EmulatorInstance | undefined;
  let browser: Browser | undefined;
  let view: DashboardView;
  let outcome: Awaited<ReturnType<typeof playDemoHistory>>;
  let clockAfter: { frozen: boolean };
  /** Charts expected on the page: weekly segments, GMV by segment, coupons, one funnel per live session, the paid cards' ring. */
  let chartCount: number;

  const openAs = async (persona: string, options: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser!.newContext(options);
    // The H5 preview's persona switcher keeps its choice here.
    await context.addInitScript((id) => localStorage.setItem('guoli.persona', id), persona);
    const page = await context.newPage();
    await page.goto(`${emulator!.url}${DASHBOARD}`);
    return { context, page };
  };

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) {
      throw new Error('dist/h5 is missing: build the H5 preview first (npx taro build --type h5; the e2e test script does this)');
    }
    if (SCREENSHOT_DIR) mkdirSync(SCREENSHOT_DIR, { recursive: true });
    // No coverage recording: the history it plays repeats calls the function tests cover.
    emulator = await startEmulator({ seed: 'demo', coverage: false });
    // Orders, shares, invitations, a live session, a campaign and each Monday's segmentation, through the real functions.
    const [history, launched] = await Promise.all([playDemoHistory(emulator.url, NOW), launchBrowser()]);
    browser = launched;
    outcome = history;
    clockAfter = (await emulator.get<{ frozen: boolean }>('/__dev/clock')).body;
    // The figures are read as of the history's "now", whatever day the tests run on.
    await emulator.post('/__dev/clock', { now: NOW.toISOString() });
    assert.ok(history.weeks.length >= 8, `demo history ran ${history.weeks.length} weeks`);
    view = okData(await emulator.call<Result<DashboardView>>('admin', { action: 'dashboard', weeks: 8 }, 'demo-admin'));
    chartCount = 3 + view.live.length + (view.paid.active > 0 ? 1 : 0);
  });

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
  });

  // The history itself, checked here because it is played here once (it is what `npm start` plays into
  // a fresh cloud): the segments, the dashboard's figures against the documents, the invariants.
  it('every segment has members in the latest week, and the personas are where the history puts them', async () => {
    assert.equal(outcome.weeks.length, 10);
    assert.equal(outcome.weeks[outcome.weeks.length - 1], '2026-W49');
    const segment = new Map((await documents<{ _id: string; segment: string | null }>(emulator!, 'members')).map((m) => [m._id, m.segment]));
    assert.deepEqual(
      ['demo-diamond', 'demo-gold', 'demo-member', 'demo-normal', 'demo-paid', 'demo-m15'].map((id) => segment.get(id)),
      ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'],
    );
    const view = okData(await emulator!.call<Result<DashboardView>>('admin', { action: 'dashboard', weeks: 8 }, 'demo-admin'));
    const latest = view.segments[view.segments.length - 1];
    for (const s of ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'] as const) assert.ok(latest.counts[s] > 0, `${s} is empty`);
    assert.equal(view.segments.length, 8);
    assert.ok(view.moves.list.some((m) => m.from !== m.to), 'members moved between the two latest weeks');
    assert.ok(view.bySegment.filter((r) => r.orders > 0).length >= 4);
    const live = view.live.find((l) => l.sessionId === 'live-demo-past');
    assert.deepEqual(live && { reserved: live.reserved, entered: live.entered, watched: live.watched, ordered: live.ordered }, { reserved: 6, entered: 5, watched: 3, ordered: 2 });
    // The weekly campaign for S4 reached every S4 member of the latest week, one coupon each.
    const campaign = view.campaigns.find((c) => c.campaignId === 'demo-s4-weekly');
    assert.deepEqual(campaign && [campaign.matched, campaign.issued, campaign.skipped], [latest.counts.S4, latest.counts.S4, 0]);
  });

  it('the dashboard\'s coupon, paid-card and live figures equal those counted by hand from the documents', async () => {
    const view = okData(await emulator!.call<Result<DashboardView>>('admin', { action: 'dashboard', weeks: 8 }, 'demo-admin'));
    const since = Date.parse(view.asOf) - 8 * 7 * 86_400_000;
    const coupons = await documents<{ templateId: string; status: string; issuedAt: string; source: string; terms: { valueFen?: number } }>(emulator!, 'coupons');
    const orders = await documents<{ status: string; paidAt: string | null; couponTemplateId?: string | null; couponDiscountFen: number; liveSessionId: string | null; payableFen: number }>(emulator!, 'orders');
    const recent = coupons.filter((c) => Date.parse(c.issuedAt) >= since);
    const templates = [...new Set(recent.map((c) => c.templateId))].sort();
    const bought = orders.filter((o) => (o.status === 'paid' || o.status === 'picked_up') && o.paidAt && Date.parse(o.paidAt) >= since);
    assert.deepEqual(
      [...view.coupons].sort((a, b) => a.templateId.localeCompare(b.templateId)),
      templates.map((templateId) => ({
        templateId,
        issued: recent.filter((c) => c.templateId === templateId).length,
        used: recent.filter((c) => c.templateId === templateId && c.status === 'used').length,
        discountFen: bought.filter((o) => o.couponTemplateId === templateId).reduce((sum, o) => sum + o.couponDiscountFen, 0),
      })),
    );
    assert.ok(view.coupons.some((c) => c.templateId === 'sys-referral-inviter' && c.issued === 6), 'the KOC got one reward per friend');
    assert.ok(view.coupons.some((c) => c.templateId === 'sys-referral-invitee' && c.used === 1 && c.discountFen === 1000), 'a friend spent her 新人礼');
    for (const row of view.bySegment) {
      const withCoupon = bought.filter((o) => o.couponTemplateId && ((o as { segment?: string | null }).segment ?? 'none') === row.segment);
      assert.equal(row.couponsUsed, withCoupon.length, `coupons used by ${row.segment}`);
    }
    const members = await documents<{ paid: { plan: string; expiresAt: string } | null }>(emulator!, 'members');
    const active = members.filter((m) => m.paid && Date.parse(m.paid.expiresAt) > Date.parse(view.asOf));
    assert.deepEqual(view.paid, {
      active: active.length,
      lite: active.filter((m) => m.paid!.plan === 'lite').length,
      premium: active.filter((m) => m.paid!.plan === 'premium').length,
      guaranteeFen: coupons.filter((c) => c.source === 'guarantee').reduce((sum, c) => sum + (c.terms.valueFen ?? 0), 0),
    });
    // The KOC leads the sharers: six friends' orders came through her card.
    assert.deepEqual(view.sharers[0], { openid: 'demo-paid', orders: 6, gmvFen: bought.filter((o) => (o as { attribution?: { sharer: string } }).attribution?.sharer === 'demo-paid').reduce((sum, o) => sum + o.payableFen, 0) });
    const live = view.live.find((l) => l.sessionId === 'live-demo-past')!;
    const fromLive = bought.filter((o) => o.liveSessionId === 'live-demo-past');
    assert.equal(live.ordered, fromLive.length);
    assert.equal(live.gmvFen, fromLive.reduce((sum, o) => sum + o.payableFen, 0));
  });

  it('the history leaves the shop consistent: the invariant checker finds nothing, and the clock is real time again', async () => {
    const report = await checkLocalCloud(emulator!.url);
    assert.deepEqual(report.violations, []);
    assert.equal(clockAfter.frozen, false);
    assert.ok(outcome.orders >= 90, `${outcome.orders} orders`);
  });

  it('admin at phone width: every section, every chart drawn, the moves grid holding the server’s numbers; a tap shows a tooltip', async () => {
    const { context, page } = await openAs('admin', { ...PHONE_VIEWPORT, viewport: { width: 375, height: 812 } });
    const inks = await chartsDrawn(page, chartCount);
    assert.equal(inks.length, chartCount);
    for (const [i, canvas] of inks.entries()) {
      assert.ok(canvas.ink > 0.02, `chart ${i} is blank (${(canvas.ink * 100).toFixed(2)}% drawn)`);
      // Drawn for the 2× screen, as wide as the phone's card.
      assert.equal(canvas.width, Math.round(canvas.cssWidth * 2));
      assert.ok(canvas.cssWidth > 250 && canvas.cssWidth < 375, `chart ${i} is ${canvas.cssWidth}px wide`);
    }

    assert.deepEqual(await page.locator('.ops-dash__title').allTextContents(), SECTION_TITLES);
    assert.equal(await page.locator('#error-state').count(), 0);

    // The moves grid: every cell as the server counted it, between the two latest weeks.
    assert.ok(view.moves.from && view.moves.to, 'the history has two finished weeks');
    const expected = (from: string, to: string) => view.moves.list.find((m) => m.from === from && m.to === to)?.members ?? 0;
    const cells = await page.locator('[data-testid^="move-"]').evaluateAll((els) => Object.fromEntries(els.map((el) => [el.getAttribute('data-testid'), (el.textContent ?? '').trim()])));
    for (const from of SEGMENT_KEYS) {
      for (const to of SEGMENT_KEYS) {
        const members = expected(from, to);
        assert.equal(cells[`move-${from}-${to}`], members > 0 ? String(members) : '·', `${from} → ${to}`);
      }
    }
    const total = view.moves.list.reduce((sum, m) => sum + m.members, 0);
    assert.ok(total > 20, `moves of ${total} members`);
    assert.equal(await textOf(page, '[data-testid="moves-total"]'), String(total));
    assert.match(await textOf(page, '#dash-moves'), new RegExp(`${view.moves.from.slice(-3)} → ${view.moves.to.slice(-3)}`));

    // Money through the one formatter: the overview's GMV and the paid cards' guarantee.
    const gmvFen = view.bySegment.reduce((sum, r) => sum + r.gmvFen, 0);
    assert.ok(gmvFen > 0);
    assert.equal(await textOf(page, '[data-testid="dash-gmv-total"]'), formatFen(gmvFen));
    assert.match(await textOf(page, '[data-testid="paid-guarantee"]'), /^¥\d+\.\d{2}$/);
    assert.equal(await page.locator('[data-testid="live-session"]').count(), view.live.length);
    assert.equal(await page.locator('[data-testid="sharer-table"] .ops-dash__tr').count(), view.sharers.length + 1);

    await wholePage(page, 'ops-dashboard-phone.png');

    // A tap on the weekly chart draws that week's tooltip over it.
    const chart = page.locator('[data-testid="ops-chart-canvas"]').first();
    const before = await chart.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    const box = (await chart.boundingBox())!;
    await chart.click({ position: { x: box.width * 0.6, y: box.height * 0.4 } });
    await page.waitForTimeout(100);
    assert.notEqual(await chart.evaluate((c) => (c as HTMLCanvasElement).toDataURL()), before);

    // Widening the window redraws each chart at the new width.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.waitForTimeout(900);
    for (const canvas of await canvasInk(page)) {
      assert.ok(canvas.cssWidth > 400, `after the resize a chart is ${canvas.cssWidth}px wide`);
      assert.equal(canvas.width, Math.round(canvas.cssWidth * 2));
      assert.ok(canvas.ink > 0.02);
    }
    await context.close();
  });

  it('admin at desktop width: the cards sit in two columns and the charts fill them', async () => {
    const { context, page } = await openAs('admin', { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const inks = await chartsDrawn(page, chartCount);
    const columns = await page.locator('.ops-dash__section').evaluateAll((els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().left))).size);
    assert.equal(columns, 2);
    const bodyWidth = await page.locator('#dash-segments .ops-dash__body').evaluate((el) => el.getBoundingClientRect().width);
    for (const canvas of inks) {
      assert.ok(canvas.ink > 0.02);
      assert.ok(Math.abs(canvas.cssWidth - bodyWidth) < 2, `a chart is ${canvas.cssWidth}px wide in a ${bodyWidth}px card`);
    }
    assert.ok(bodyWidth > 450);
    await wholePage(page, 'ops-dashboard-desktop.png');
    await context.close();
  });

  it('member: the server refuses (仅管理员可以执行此操作), shown with 重试 and no charts; 重试 asks again', async () => {
    const { context, page } = await openAs('member', { ...PHONE_VIEWPORT, viewport: { width: 375, height: 812 } });
    await page.locator('#error-message').waitFor();
    let asked = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/functions/admin')) asked += 1;
    });
    assert.equal(await textOf(page, '#error-message'), '仅管理员可以执行此操作');
    assert.equal(await textOf(page, '#error-retry'), '重试');
    assert.equal(await page.locator('[data-testid="ops-chart-canvas"]').count(), 0);
    assert.equal(await page.locator('.ops-dash__section').count(), 0);
    await Promise.all([page.waitForResponse((response) => response.url().endsWith('/functions/admin')), page.locator('#error-retry').click()]);
    await page.locator('#error-message', { hasText: '仅管理员可以执行此操作' }).waitFor();
    assert.equal(asked, 1);
    await context.close();
  });

  it('a shop with nothing counted yet: 还没有数据, what makes figures appear, and 刷新', async () => {
    const empty: DashboardView = {
      asOf: view.asOf,
      segments: [],
      moves: { from: null, to: null, list: [] },
      bySegment: SEGMENT_KEYS.map((segment) => ({ segment, members: 0, orders: 0, gmvFen: 0, couponsUsed: 0 })),
      coupons: [],
      live: [],
      paid: { active: 0, lite: 0, premium: 0, guaranteeFen: 0 },
      sharers: [],
      campaigns: [],
    };
    const context = await browser!.newContext({ ...PHONE_VIEWPORT, viewport: { width: 375, height: 812 } });
    await context.addInitScript(() => localStorage.setItem('guoli.persona', 'admin'));
    let answered = 0;
    // The gateway's answer for a new environment, as admin.dashboard gives it before any order or run.
    await context.route('**/functions/admin', (route) => {
      answered += 1;
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ result: { ok: true, data: empty } }) });
    });
    const page = await context.newPage();
    await page.goto(`${emulator!.url}${DASHBOARD}`);
    await page.locator('[data-testid="dashboard-empty"]').waitFor();
    assert.match(await textOf(page, '[data-testid="dashboard-empty"]'), /还没有数据\s*会员分层每周一凌晨计算.*会员下单付款.*对应的图表会陆续出现。\s*刷新$/);
    assert.equal(await page.locator('[data-testid="ops-chart-canvas"]').count(), 0);
    await page.locator('[data-testid="dashboard-empty"] button, [data-testid="dashboard-empty"] taro-button-core').first().click();
    await page.waitForTimeout(300);
    assert.equal(answered, 2);
    await context.close();
  });
});
