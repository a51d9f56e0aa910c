import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { HandoverView } from '@contract/staff';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const QR = 'GLV1.GL0A1B2C3D4E5F60718293A4.store-flagship.1764863999999.q2h7Xw0bT9kZr4LmN8pVs1cYe6uJ3aQd';

const HANDOVER: HandoverView = {
  orderId: 'GL0A1B2C3D4E5F60718293A4',
  storeId: 'store-flagship',
  storeName: '果粒鲜选·南山旗舰店',
  status: 'paid',
  lines: [
    { skuId: 'fruit-strawberry', name: '丹东99草莓', unit: '500g/盒', qty: 2 },
    { skuId: 'dairy-milk-950', name: '鲜牛奶', unit: '950ml', qty: 1 },
  ],
  payableFen: 8670,
  pickedUpAt: null,
  pickedUpBy: null,
};

const PICKED_UP_AT = '2025-11-26T06:05:33.000Z'; // 14:05:33 in Shanghai

interface ScanCall {
  options: Record<string, unknown>;
}

describe('staff workbench (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const scans: ScanCall[] = [];
  let scanAnswer: { result?: string; errMsg?: string } = { result: QR };
  let redeemed = false;

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name !== 'staff') return { ok: false, error: { code: 'NOT_FOUND', message: '不存在' } };
        if (data.action === 'me') return { ok: true, data: { openid: 'o-clerk', storeId: 'store-flagship', storeName: '果粒鲜选·南山旗舰店', role: 'clerk' } };
        if (redeemed) {
          return { ok: false, error: { code: 'ALREADY_REDEEMED', message: '该订单已核销', details: { redeemedAt: PICKED_UP_AT, redeemedBy: '小林（o-clerk）' } } };
        }
        if (data.action === 'lookup') return { ok: true, data: HANDOVER };
        redeemed = true;
        return { ok: true, data: { orderId: HANDOVER.orderId, lines: HANDOVER.lines, pickedUpAt: PICKED_UP_AT } };
      },
    });
    // miniprogram-simulate defines wx when the app boots; its scanCode answers an empty result.
    const simulatedWx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
    simulatedWx.scanCode = (options: Record<string, unknown> & { success?: (r: unknown) => void; fail?: (e: unknown) => void; complete?: (r: unknown) => void }) => {
      scans.push({ options: { onlyFromCamera: options.onlyFromCamera, scanType: options.scanType } });
      setTimeout(() => {
        if (scanAnswer.result) {
          const res = { errMsg: 'scanCode:ok', result: scanAnswer.result, scanType: 'QR_CODE' };
          options.success?.(res);
          options.complete?.(res);
        } else {
          const err = { errMsg: scanAnswer.errMsg };
          options.fail?.(err);
          options.complete?.(err);
        }
      }, 0);
    };
    page = app.renderPage('packages/staff/pages/workbench/index');
    await page.waitFor(() => page.byClass('workbench__store') !== null, 'the staff header');
  });

  afterAll(() => page?.detach());

  it('me: asks staff.me first and shows the store and role', () => {
    assert.deepEqual(app.cloudCalls[0], { name: 'staff', data: { action: 'me' } });
    assert.equal(page.textOf('workbench__store'), '果粒鲜选·南山旗舰店');
    assert.equal(page.textOf('workbench__role'), '店员');
  });

  it('entry: the mini-program offers the camera scanner and the typed short code, not the H5 notice', () => {
    assert.match(page.textOf('code-entry__scan') ?? '', /扫码核销/);
    assert.ok(page.byClass('code-entry__field'));
    assert.equal(page.byClass('code-entry__notice'), null);
  });

  it('scan: a closed scanner changes nothing', async () => {
    scanAnswer = { errMsg: 'scanCode:fail cancel' };
    const calls = app.cloudCalls.length;
    await page.tap('code-entry__scan');
    await page.waitFor(() => scans.length === 1, 'wx.scanCode');
    await new Promise((ok) => setTimeout(ok, 50));
    assert.equal(app.cloudCalls.length, calls);
    assert.equal(page.byClass('handover-card'), null);
  });

  it('scan: opens the camera for QR codes only, then shows what to hand over', async () => {
    scanAnswer = { result: QR };
    await page.tap('code-entry__scan');
    await page.waitFor(() => page.byClass('handover-card') !== null, 'the handover card');
    assert.deepEqual(scans[1].options, { onlyFromCamera: true, scanType: ['qrCode'] });
    assert.deepEqual(app.cloudCalls.at(-1), { name: 'staff', data: { action: 'lookup', code: QR } });
    const card = page.textOf('handover-card') ?? '';
    assert.match(card, /丹东99草莓 500g\/盒 × 2/);
    assert.match(card, /鲜牛奶 950ml × 1/);
    assert.match(card, /共 3 件/);
  });

  it('redeem: 确认交付 redeems the scanned code and shows ✓ 已核销 with the Shanghai time', async () => {
    await page.tap('handover-card__confirm');
    await page.waitFor(() => page.byClass('result-card--success') !== null, 'the success state');
    assert.deepEqual(app.cloudCalls.at(-1), { name: 'staff', data: { action: 'redeem', code: QR } });
    assert.equal(page.textOf('result-card__title'), '已核销');
    assert.equal(page.textOf('result-card__time'), '2025-11-26 14:05:33');
  });

  it('scan again: an already redeemed order says when and by whom', async () => {
    await page.tap('code-entry__scan');
    await page.waitFor(() => page.byClass('result-card--failure') !== null, 'the failure state');
    assert.equal(page.textOf('result-card__title'), '该订单已核销');
    assert.equal(page.textOf('result-card__detail'), '该订单已于 2025-11-26 14:05 由 小林 核销');
  });
});
