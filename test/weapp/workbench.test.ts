import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { HandoverView, InStoreCredit, MemberAtCounter, StoreDay } from '@contract/staff';
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
  refundedLines: [{ skuId: 'fruit-blueberry', name: '蓝莓', unit: '125g/盒', qty: 1 }],
  memberName: '张*明',
  phoneTail: '8000',
};

const PICKED_UP_AT = '2025-11-26T06:05:33.000Z'; // 14:05:33 in Shanghai

const MEMBER_QR = 'GLM1.620188394471.1764863999999.q2h7Xw0bT9kZr4LmN8pVs1cYe6uJ3aQd';

const AT_COUNTER: MemberAtCounter = {
  memberName: '李*华',
  phoneTail: '1234',
  tier: 'silver',
  gifts: [{ couponId: 'cp-gift-1', name: '升级礼 · 鲜牛奶', skuId: 'dairy-milk-950', productName: '鲜牛奶 950ml', validTo: '2025-12-01T16:00:00.000Z' }],
};

const CREDIT: InStoreCredit = {
  receiptNo: 'R20251126-001',
  amountFen: 12850,
  memberName: '李*华',
  growthEarned: 128,
  pointsEarned: 128,
  growth: 928,
  points: 1388,
  tier: 'silver',
  creditedAt: '2025-11-26T06:10:00.000Z',
};

const EMPTY_DAY: StoreDay = { date: '2025-11-26', pickups: [], credits: [], gifts: [] };

interface ScanCall {
  options: Record<string, unknown>;
}

describe('staff workbench (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;
  const scans: ScanCall[] = [];
  let scanAnswer: { result?: string; errMsg?: string } = { result: QR };
  let redeemed = false;
  let day: StoreDay = EMPTY_DAY;
  const modals: string[] = [];
  const lastCall = (action: string) => app.cloudCalls.filter((c) => c.data.action === action).at(-1);
  /** Types into a field, then lets React commit (a tap in the same tick would see the form as it was). */
  const typeInto = async (className: string, value: string) => {
    page.component.querySelector(`.${className}`)!.dispatchEvent('input', { detail: { value } });
    await new Promise((ok) => setTimeout(ok, 0));
  };

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => {
        if (name !== 'staff') return { ok: false, error: { code: 'NOT_FOUND', message: '不存在' } };
        if (data.action === 'me') return { ok: true, data: { openid: 'o-clerk', storeId: 'store-flagship', storeName: '果粒鲜选·南山旗舰店', role: 'clerk' } };
        if (data.action === 'today') return { ok: true, data: day };
        if (data.action === 'member') return { ok: true, data: AT_COUNTER };
        if (data.action === 'creditInStore') return { ok: true, data: CREDIT };
        if (data.action === 'redeemGift') return { ok: true, data: { couponId: 'cp-gift-1', skuId: 'dairy-milk-950', productName: '鲜牛奶 950ml', at: PICKED_UP_AT } };
        if (data.action === 'refundInStore') {
          return { ok: true, data: { receiptNo: 'R20251126-001', growthReversed: 128, pointsReversed: 128, growth: 800, points: 1260, tier: 'silver', refundedAt: PICKED_UP_AT } };
        }
        if (redeemed && (data.action === 'lookup' || data.action === 'redeem')) {
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
    simulatedWx.showModal = (options: { content?: string; success?: (r: unknown) => void }) => {
      modals.push(options.content ?? '');
      options.success?.({ errMsg: 'showModal:ok', confirm: true, cancel: false });
    };
    page = app.renderPage('packages/staff/pages/workbench/index');
    await page.waitFor(() => page.byClass('workbench__store') !== null, 'the staff header');
    // The day's list loads with the counter: settled before the tests count calls.
    await page.waitFor(() => page.byClass('today-list') !== null, 'the day list');
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
    // The page's own opening calls (staff.me, then the day's list) are in before counting.
    await page.waitFor(() => app.cloudCalls.some((c) => (c.data as { action?: string }).action === 'today'), 'staff.today on open');
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
    assert.deepEqual(lastCall('lookup'), { name: 'staff', data: { action: 'lookup', code: QR } });
    const card = page.textOf('handover-card') ?? '';
    assert.match(card, /丹东99草莓 500g\/盒 × 2/);
    assert.match(card, /鲜牛奶 950ml × 1/);
    assert.match(card, /共 3 件/);
    // Whose order (masked, as the server sends it), and what a partial refund took back: not to hand over.
    assert.equal(page.textOf('handover-card__member'), '张*明 · 尾号 8000');
    assert.equal(page.textOf('handover-card__refunded'), '已退款 · 不交付 蓝莓 125g/盒 ×1 已退款');
  });

  it('redeem: 确认交付 redeems the scanned code and shows ✓ 已核销 with the Shanghai time', async () => {
    await page.tap('handover-card__confirm');
    await page.waitFor(() => page.byClass('result-card--success') !== null, 'the success state');
    assert.deepEqual(lastCall('redeem'), { name: 'staff', data: { action: 'redeem', code: QR } });
    assert.equal(page.textOf('result-card__title'), '已核销');
    assert.equal(page.textOf('result-card__time'), '2025-11-26 14:05:33');
  });

  it('scan again: an already redeemed order says when and by whom', async () => {
    await page.tap('code-entry__scan');
    await page.waitFor(() => page.byClass('result-card--failure') !== null, 'the failure state');
    assert.equal(page.textOf('result-card__title'), '该订单已核销');
    assert.equal(page.textOf('result-card__detail'), '该订单已于 2025-11-26 14:05 由 小林 核销');
  });

  it('member code: a scanned 会员码 shows who it is (masked), the tier and the gifts to hand over here', async () => {
    redeemed = false;
    scanAnswer = { result: MEMBER_QR };
    await page.tap('code-entry__scan');
    await page.waitFor(() => page.byClass('member-panel') !== null, 'the member panel');
    assert.deepEqual(lastCall('member'), { name: 'staff', data: { action: 'member', memberCode: MEMBER_QR } });
    assert.equal(page.textOf('member-panel__name'), '李*华 · 尾号 1234');
    assert.equal(page.textOf('member-panel__tier'), '银卡会员');
    assert.match(page.textOf('member-panel__gift') ?? '', /鲜牛奶 950ml 升级礼 · 鲜牛奶 · 有效期至 2025-12-01/);
  });

  it('credit: the amount is checked before anything is sent, then confirmed in fen exactly and credited', async () => {
    await typeInto('member-panel__input--receipt', 'R20251126-001');
    await typeInto('member-panel__input--amount', '12.345');
    const calls = app.cloudCalls.length;
    await page.tap('member-panel__credit');
    await page.waitFor(() => page.byClass('member-panel__error') !== null, 'the amount error');
    assert.equal(page.textOf('member-panel__error'), '金额格式不正确，最多两位小数');
    assert.equal(app.cloudCalls.length, calls);
    // 128.5 yuan is 12850 fen, read from the text (no float on the way).
    await typeInto('member-panel__input--amount', '128.5');
    day = { ...EMPTY_DAY, credits: [{ receiptNo: 'R20251126-001', amountFen: 12850, memberName: '李*华', growthEarned: 128, pointsEarned: 128, at: CREDIT.creditedAt, refundedAt: null }] };
    await page.tap('member-panel__credit');
    await page.waitFor(() => page.byClass('member-panel__credited') !== null, 'the credit result');
    assert.match(modals.at(-1) ?? '', /会员：李\*华 · 尾号 1234\n小票号：R20251126-001\n消费金额：¥128.50/);
    assert.deepEqual(lastCall('creditInStore'), { name: 'staff', data: { action: 'creditInStore', memberCode: MEMBER_QR, receiptNo: 'R20251126-001', amountFen: 12850 } });
    assert.equal(page.textOf('member-panel__credited-earned'), '果粒值 +128 · 积分 +128');
    await page.waitFor(() => page.byClass('today-list__amount') !== null, 'the day list with the credit');
    assert.match(page.textOf('today-list') ?? '', /到店积分 1 笔 14:10 小票 R20251126-001 · 李\*华 果粒值 \+128 · 积分 \+128 ¥128.50/);
  });

  it('gift: 核销赠品 asks first, then hands the gift over once', async () => {
    await page.tap('member-panel__gift-button');
    await page.waitFor(() => page.byClass('member-panel__gift-done') !== null, 'the gift handed over');
    assert.match(modals.at(-1) ?? '', /将「鲜牛奶 950ml」交给会员 李\*华 · 尾号 1234，并核销「升级礼 · 鲜牛奶」？/);
    assert.deepEqual(lastCall('redeemGift'), { name: 'staff', data: { action: 'redeemGift', memberCode: MEMBER_QR, couponId: 'cp-gift-1' } });
    assert.equal(page.byClass('member-panel__gift-button'), null);
  });

  it('小票退款: the receipt is confirmed, reversed, and the day marks the credit 已退款', async () => {
    await page.tap('receipt-refund--closed');
    await page.waitFor(() => page.byClass('receipt-refund__input') !== null, 'the refund form');
    await typeInto('receipt-refund__input', 'R20251126-001');
    day = { ...day, credits: day.credits.map((c) => ({ ...c, refundedAt: PICKED_UP_AT })) };
    await page.tap('receipt-refund__submit');
    await page.waitFor(() => page.byClass('receipt-refund__done') !== null, 'the refund result');
    assert.match(modals.at(-1) ?? '', /撤销小票 R20251126-001 的到店积分/);
    assert.deepEqual(lastCall('refundInStore'), { name: 'staff', data: { action: 'refundInStore', receiptNo: 'R20251126-001' } });
    assert.equal(page.textOf('receipt-refund__done'), '已撤销小票 R20251126-001：果粒值 -128，积分 -128（会员现为银卡）');
    await page.waitFor(() => page.byClass('today-list__tag') !== null, 'the refunded mark');
    assert.equal(page.textOf('today-list__tag'), '已退款');
  });
});
