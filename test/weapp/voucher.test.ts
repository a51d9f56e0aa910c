import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { OrderView } from '@contract/order';
import { qrLayout } from '@/components/voucher-qr/model';
import { bootWeapp, type RenderedPage, type WeappHarness } from './shim';

const ORDER_ID = 'GL0A1B2C3D4E5F60718293A4';
const VOUCHER_CODE = `GLV1.${ORDER_ID}.store-flagship.1764863999999.q2h7Xw0bT9kZr4LmN8pVs1cYe6uJ3aQd`;

const PAID: OrderView = {
  orderId: ORDER_ID,
  status: 'paid',
  storeId: 'store-flagship',
  storeName: '果粒鲜选·南山旗舰店',
  lines: [
    {
      skuId: 'fruit-strawberry',
      name: '丹东99草莓',
      unit: '500g/盒',
      qty: 2,
      unitPriceFen: 3690,
      listPriceFen: 3990,
      priceSource: 'member',
      priceLabel: '会员价',
      reason: '银卡会员价',
      amountFen: 7380,
      paidMemberDiscountFen: 0,
    },
    {
      skuId: 'dairy-milk-950',
      name: '鲜牛奶',
      unit: '950ml',
      qty: 1,
      unitPriceFen: 1590,
      listPriceFen: 1590,
      priceSource: 'list',
      priceLabel: '零售价',
      reason: '零售价',
      amountFen: 1590,
      paidMemberDiscountFen: 0,
    },
  ],
  listTotalFen: 9570,
  subtotalFen: 8970,
  paidMemberPercent: null,
  paidMemberDiscountFen: 0,
  couponDiscountFen: 0,
  pointsUsed: 300,
  pointsDiscountFen: 300,
  payableFen: 8670,
  createdAt: '2025-11-26T06:00:00.000Z',
  expiresAt: null,
  paidAt: '2025-11-26T06:01:30.000Z',
  pickedUpAt: null,
  cancelledAt: null,
  refundedAt: null,
  growthEarned: 86,
  pointsEarned: 86,
  voucher: { code: VOUCHER_CODE, shortCode: '84721093', expiresAt: '2025-12-03T15:59:59.999Z' },
  refundable: true,
  refundedQty: {},
  refundedFen: 0,
  refunds: [],
  timeline: [],
};

describe('order detail with a pickup voucher (compiled weapp)', () => {
  let app: WeappHarness;
  let page: RenderedPage;

  beforeAll(async () => {
    app = bootWeapp({
      cloud: (name, data) => (name === 'order' && data.action === 'detail' && data.orderId === ORDER_ID ? { ok: true, data: PAID } : { ok: false, error: { code: 'NOT_FOUND', message: '订单不存在' } }),
    });
    page = app.renderPage('pages/order/index', { orderId: ORDER_ID });
    await page.waitFor(() => page.byClass('voucher-card__short-code') !== null, 'the voucher');
  });

  afterAll(() => page?.detach());

  it('detail: asks the order function for the order named in the query', () => {
    assert.deepEqual(app.cloudCalls[0], { name: 'order', data: { action: 'detail', orderId: ORDER_ID } });
  });

  it('status: shows 待提货 for a paid order', () => {
    assert.equal(page.textOf('status-banner__title'), '待提货');
    assert.equal(page.textOf('status-banner__subtitle'), '已支付，请到店出示取货码提货');
  });

  it('voucher: shows the short code in two groups of large digits', () => {
    assert.equal(page.textOf('voucher-card__short-code'), '8472 1093');
  });

  it('voucher: draws the QR code of voucher.code as a grid of modules', () => {
    const matrix = page.byClass('voucher-qr__matrix');
    assert.ok(matrix, 'the QR matrix is rendered');
    const expected = qrLayout(VOUCHER_CODE);
    const modules = matrix.querySelectorAll('.page--voucher-qr__module');
    assert.ok(expected.rects.length > 100, 'a real QR code has hundreds of dark runs');
    assert.equal(modules.length, expected.rects.length);
  });

  it('voucher: names the pickup store and the deadline in Shanghai time', () => {
    assert.equal(page.textOf('voucher-card__store-name'), '果粒鲜选·南山旗舰店');
    // 2025-12-03T15:59:59.999Z is 23:59 on 3 December in Shanghai.
    assert.equal(page.textOf('voucher-card__expiry'), '请在 2025-12-03 23:59 前到店出示');
  });

  it('lines: show each price with its label and reason, the discounts and what was earned', () => {
    const goods = page.textOf('order-goods') ?? '';
    assert.match(goods, /丹东99草莓/);
    assert.match(goods, /会员价 银卡会员价/);
    assert.match(goods, /积分抵扣（300 积分） -¥3\.00/);
    assert.equal(page.textOf('order-goods__payable-value'), '¥86.70');
    assert.equal(page.textOf('order-goods__earned-text'), '获得 86 果粒值 · 86 积分');
  });

  it('after-sales: a paid order not yet picked up offers 申请退款', () => {
    assert.match(page.textOf('order-detail__after-sales') ?? '', /申请退款/);
  });
});
