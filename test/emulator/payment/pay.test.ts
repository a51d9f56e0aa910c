import assert from '@test/support/assert';
import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import { formatTimeEnd } from '@emulator/payment/index.js';
import { APP_ID, ENV_ID, type Harness, type Loose, okResult, startHarness } from '../functions/helpers.js';

const NOW = new Date('2025-06-18T04:05:06.000Z'); // 12:05:06 in Shanghai

const orderParams = (overrides: Record<string, unknown> = {}) => ({
  functionName: 'payCallback',
  envId: ENV_ID,
  subMchId: '1900000109',
  nonceStr: 'n0nce',
  body: '果粒鲜选-酸奶',
  outTradeNo: 'o1',
  totalFee: 1990,
  spbillCreateIp: '127.0.0.1',
  ...overrides,
});

describe('cloud pay', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, () => NOW);
  });
  afterAll(() => h.close());
  beforeEach(() => h.pay.reset());

  /** Runs cloud.cloudPay.<api> inside a function invoked by `openid`, through the real SDK. */
  async function cloudPay(api: string, params: Record<string, unknown>, openid = 'o-payer') {
    return okResult(await h.host.invoke('payer', { api, params }, { openid, source: 'wx_client' }));
  }

  test('unifiedOrder: answers with a payment for wx.requestPayment and records the order', async () => {
    const { res } = await cloudPay('unifiedOrder', orderParams());
    assert.equal(res.errCode, 0);
    assert.equal(res.errMsg, 'cloudPay.unifiedOrder:ok');
    assert.equal(res.returnCode, 'SUCCESS');
    assert.equal(res.resultCode, 'SUCCESS');
    assert.equal(res.subMchId, '1900000109');
    assert.equal(res.subAppid, APP_ID);
    assert.equal(res.tradeType, 'JSAPI');
    assert.match(res.prepayId, /^wx20250618120506\d{18}$/);
    assert.deepEqual(Object.keys(res.payment).sort(), ['appId', 'nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    assert.equal(res.payment.appId, APP_ID);
    assert.equal(res.payment.package, `prepay_id=${res.prepayId}`);
    assert.equal(res.payment.timeStamp, String(NOW.getTime() / 1000));
    assert.equal(res.payment.signType, 'MD5');

    const [order] = h.pay.orders();
    assert.equal(order.outTradeNo, 'o1');
    assert.equal(order.functionName, 'payCallback');
    assert.equal(order.totalFee, 1990);
    assert.equal(order.payerOpenid, 'o-payer');
    assert.equal(order.state, 'NOTPAY');
    assert.equal((order.requestData as Record<string, unknown>).out_trade_no, 'o1');
  });

  test('unifiedOrder: an identical repeat re-issues the same prepay; a changed one is a duplicate', async () => {
    const first = (await cloudPay('unifiedOrder', orderParams())).res;
    const again = (await cloudPay('unifiedOrder', orderParams())).res;
    assert.equal(again.prepayId, first.prepayId);
    const changed = (await cloudPay('unifiedOrder', orderParams({ totalFee: 1 }))).res;
    assert.equal(changed.resultCode, 'FAIL');
    assert.equal(changed.errCode, 0, 'business failures are not SDK errors');
    assert.equal(changed.errCodeDes, '201 商户订单号重复');
    assert.equal(h.pay.orders().length, 1);
  });

  test('unifiedOrder: missing or invalid parameters are reported like WeChat Pay', async () => {
    const missing = (await cloudPay('unifiedOrder', orderParams({ outTradeNo: undefined, functionName: undefined }))).res;
    assert.equal(missing.returnCode, 'FAIL');
    assert.match(missing.returnMsg, /out_trade_no/);
    assert.match(missing.returnMsg, /function_name/);
    const fractional = (await cloudPay('unifiedOrder', orderParams({ totalFee: 19.9 }))).res;
    assert.equal(fractional.resultCode, 'FAIL');
    assert.equal(fractional.errCodeDes !== undefined, true);
    const longNo = (await cloudPay('unifiedOrder', orderParams({ outTradeNo: 'x'.repeat(33) }))).res;
    assert.equal(longNo.resultCode, 'FAIL');
    assert.equal(h.pay.orders().length, 0);
  });

  test('handleWxPayApi: an api that is not emulated becomes an SDK error', async () => {
    const { error } = await cloudPay('downloadBill', { billDate: '20250101' });
    assert.equal(error.errCode, -501007);
    assert.match(error.errMsg, /not emulated/);
  });

  test('deliver: 20 concurrent notifications reach the callback with WeChat Pay v2 fields', async () => {
    await cloudPay('unifiedOrder', orderParams({ attach: 'member-42' }));
    const outcomes = await h.pay.deliver('o1', 'SUCCESS', 20);
    assert.equal(outcomes.length, 20);
    const results = outcomes.map((o) => okResult(o));
    const events = results.map((r) => r.event);
    const e = events[0];
    assert.equal(e.returnCode, 'SUCCESS');
    assert.equal(e.resultCode, 'SUCCESS');
    assert.equal(e.outTradeNo, 'o1');
    assert.equal(e.totalFee, 1990);
    assert.equal(e.cashFee, 1990);
    assert.equal(e.feeType, 'CNY');
    assert.equal(e.subOpenid, 'o-payer');
    assert.notEqual(e.openid, 'o-payer', 'openid is the payer under the provider appid');
    assert.equal(e.subMchId, '1900000109');
    assert.equal(e.subAppid, APP_ID);
    assert.equal(e.tradeType, 'JSAPI');
    assert.equal(e.attach, 'member-42');
    assert.match(e.transactionId, /^4200\d{24}$/);
    assert.equal(e.timeEnd, '20250618120506');
    for (const key of ['appid', 'mchId', 'nonceStr', 'isSubscribe', 'subIsSubscribe', 'bankType']) assert.ok(key in e, key);
    assert.equal(e.errCode, undefined);
    for (const other of events) assert.deepEqual(other, e, 'duplicates are the same notification');
    for (const r of results) assert.deepEqual(r.wx, { OPENID: 'o-payer', APPID: APP_ID, ENV: ENV_ID, SOURCE: 'wx_paycallback' });
    assert.equal(h.pay.orders()[0].state, 'SUCCESS');
  });

  test('deliver: FAIL sends resultCode FAIL with errCode and errCodeDes', async () => {
    await cloudPay('unifiedOrder', orderParams());
    const [outcome] = await h.pay.deliver('o1', 'FAIL', 1);
    const e = okResult(outcome).event;
    assert.equal(e.returnCode, 'SUCCESS');
    assert.equal(e.resultCode, 'FAIL');
    assert.equal(typeof e.errCode, 'string');
    assert.equal(typeof e.errCodeDes, 'string');
    assert.equal(h.pay.orders()[0].state, 'PAYERROR');
  });

  test('deliver: an unknown outTradeNo throws NOT_FOUND', async () => {
    await assert.rejects(h.pay.deliver('missing', 'SUCCESS', 1), (err: Error & { code?: string }) => err.code === 'NOT_FOUND');
  });

  test('queryOrder / closeOrder / refund: follow the order state', async () => {
    await cloudPay('unifiedOrder', orderParams());
    assert.equal((await cloudPay('queryOrder', { subMchId: '1900000109', outTradeNo: 'o1', nonceStr: 'n' })).res.tradeState, 'NOTPAY');
    const early = (await cloudPay('refund', { subMchId: '1900000109', outTradeNo: 'o1', outRefundNo: 'r1', totalFee: 1990, refundFee: 990, nonceStr: 'n' })).res;
    assert.equal(early.errCode, 0);
    assert.equal(early.resultCode, 'FAIL');

    await h.pay.deliver('o1', 'SUCCESS', 1);
    const paid = (await cloudPay('queryOrder', { subMchId: '1900000109', outTradeNo: 'o1', nonceStr: 'n' })).res;
    assert.equal(paid.tradeState, 'SUCCESS');
    assert.equal(paid.subOpenid, 'o-payer');
    assert.equal((await cloudPay('closeOrder', { subMchId: '1900000109', outTradeNo: 'o1', nonceStr: 'n' })).res.resultCode, 'FAIL');

    const refund = (await cloudPay('refund', { subMchId: '1900000109', outTradeNo: 'o1', outRefundNo: 'r1', totalFee: 1990, refundFee: 990, nonceStr: 'n' })).res;
    assert.equal(refund.resultCode, 'SUCCESS');
    assert.equal(refund.refundFee, 990);
    const repeat = (await cloudPay('refund', { subMchId: '1900000109', outTradeNo: 'o1', outRefundNo: 'r1', totalFee: 1990, refundFee: 990, nonceStr: 'n' })).res;
    assert.equal(repeat.refundId, refund.refundId, 'same out_refund_no is idempotent');
    const tooMuch = (await cloudPay('refund', { subMchId: '1900000109', outTradeNo: 'o1', outRefundNo: 'r2', totalFee: 1990, refundFee: 1001, nonceStr: 'n' })).res;
    assert.equal(tooMuch.resultCode, 'FAIL');
    assert.equal((await cloudPay('queryOrder', { subMchId: '1900000109', outTradeNo: 'o1', nonceStr: 'n' })).res.tradeState, 'REFUND');
  });

  test('closeOrder: an unpaid order closes and cannot be ordered again', async () => {
    await cloudPay('unifiedOrder', orderParams());
    assert.equal((await cloudPay('closeOrder', { subMchId: '1900000109', outTradeNo: 'o1', nonceStr: 'n' })).res.resultCode, 'SUCCESS');
    const again = (await cloudPay('unifiedOrder', orderParams())).res;
    assert.equal(again.errCodeDes, '该订单已关闭');
  });

  test('handleWxPayApi: takes the payer from callerCtx when the server passes it', async () => {
    const form = new FormData();
    form.append('action', 'wx.wxPayApi');
    form.append('apiName', 'unifiedOrder');
    form.append('requestData', JSON.stringify({ function_name: 'payCallback', env_id: ENV_ID, sub_mch_id: '1', nonce_str: 'n', body: 'b', out_trade_no: 'direct1', total_fee: 100, spbill_create_ip: '127.0.0.1' }));
    const req = new Request('http://x/', { method: 'POST', body: form });
    const answer = (await h.pay.handleWxPayApi(Buffer.from(await req.arrayBuffer()), req.headers.get('content-type')!, { openid: 'o-direct', appid: 'wxdirect', source: 'wx_client' })) as Loose;
    assert.equal(answer.return_code, 'SUCCESS');
    assert.equal(answer.result_code, 'SUCCESS');
    assert.match(answer.prepay_id, /^wx/);
    assert.equal(answer.payment.appId, 'wxdirect');
    assert.equal(h.pay.orders()[0].payerOpenid, 'o-direct');
    const bad = (await h.pay.handleWxPayApi(Buffer.from('{}'), 'application/json')) as Record<string, unknown>;
    assert.equal(bad.code, 'INVALID_PARAM');
  });

  test('formatTimeEnd: yyyyMMddHHmmss in UTC+8', () => {
    assert.equal(formatTimeEnd(new Date('2025-12-31T16:00:00Z')), '20260101000000');
  });
});
