// Cloud payment (云开发 微信支付): answers the 'wx.wxPayApi' calls wx-server-sdk makes for
// cloud.cloudPay.*, records orders, and delivers WeChat-Pay-v2-shaped notify events to the
// callback function on demand (the dev panel's "pay" / "fail" / "deliver twice" buttons).
//
// Wire shape: the SDK snake→camel-cases whatever JSON we answer and appends errCode/errMsg,
// so answers use WeChat Pay v2's snake_case names. A `{ code, message }` answer becomes a
// thrown SDK error (INVALID_PARAM → -501007). Serve answers with content-type
// WX_PAY_API_CONTENT_TYPE (see sdkRoute.ts): the SDK only treats a non-JSON-typed body as a result.

import { createHash, randomBytes } from 'node:crypto';
import { TcbErrorString } from '../functions/codes.js';
import { MultipartError, parseMultipart } from '../functions/multipart.js';
import type { FunctionHost, InvokeContext, InvokeOutcome } from '../functions/types.js';
import { createMemoryPayStore } from './payStore.js';

/** The service provider (服务商) cloud pay runs under; payment happens in its name. */
const SP_APPID = 'wxd2d16a504f24665e';
const SP_MCH_ID = '1800008281';
const SIGN_KEY = 'local-emulator-key';

export type PayOrderState = 'NOTPAY' | 'SUCCESS' | 'PAYERROR' | 'CLOSED' | 'REFUND';

export interface PayRefund { outRefundNo: string; refundId: string; refundFee: number; createdAt: Date }

export interface PayOrder {
  outTradeNo: string;
  functionName: string;
  envId: string;
  subMchId: string;
  body: string;
  totalFee: number;
  feeType: string;
  tradeType: string;
  attach?: string;
  spbillCreateIp: string;
  /** Mini-program openid of whoever called unifiedOrder: the callback's subOpenid and OPENID. */
  payerOpenid: string;
  appId: string;
  prepayId: string;
  /** Assigned up front, revealed once paid; every duplicate notify carries the same one. */
  transactionId: string;
  state: PayOrderState;
  timeEnd?: string;
  refunds: PayRefund[];
  createdAt: Date;
  /** The snake_case request as received, for the dev panel. */
  requestData: Record<string, unknown>;
}

/** Recorded unifiedOrder calls by outTradeNo. In memory by default; payStore.ts has the durable one. */
export interface PayStore {
  get(outTradeNo: string): PayOrder | undefined;
  set(order: PayOrder): void;
  all(): PayOrder[];
  clear(): void;
}

type Wire = Record<string, unknown>;

const STATE_DESC: Record<PayOrderState, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  PAYERROR: '支付失败(其他原因，如银行返回失败)',
  CLOSED: '订单已关闭',
  REFUND: '转入退款',
};

/** yyyyMMddHHmmss in UTC+8, as WeChat Pay writes time_end. */
export function formatTimeEnd(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
}

const nonce = () => randomBytes(16).toString('hex');
const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
const fakeSign = (payload: unknown) =>
  createHash('md5').update(JSON.stringify(payload) + SIGN_KEY).digest('hex').toUpperCase();
/** A stable, openid-looking id for the payer under the provider's appid (it differs from subOpenid). */
const providerOpenid = (payer: string) =>
  'oSP' + createHash('sha1').update(payer).digest('base64url').slice(0, 25);

function tcbError(code: string, message: string): Wire {
  return { code, message, requestId: nonce() };
}

export function createPayService(
  host: FunctionHost,
  opts: { envId: string; now: () => Date; appId?: string; store?: PayStore },
) {
  const store = opts.store ?? createMemoryPayStore();

  function header(subMchId: unknown, appId: string): Wire {
    const h: Wire = { return_code: 'SUCCESS', return_msg: 'OK', appid: SP_APPID, mch_id: SP_MCH_ID, sub_appid: appId, sub_mch_id: subMchId, nonce_str: nonce() };
    h.sign = fakeSign(h);
    return h;
  }
  const ok = (h: Wire, rest: Wire): Wire => ({ ...h, result_code: 'SUCCESS', ...rest });
  const fail = (h: Wire, errCode: string, des: string): Wire => ({ ...h, result_code: 'FAIL', err_code: errCode, err_code_des: des });

  function paymentFor(order: PayOrder): Wire {
    const p: Wire = {
      appId: order.appId,
      timeStamp: String(Math.floor(opts.now().getTime() / 1000)),
      nonceStr: nonce(),
      package: `prepay_id=${order.prepayId}`,
      signType: 'MD5',
    };
    return { ...p, paySign: fakeSign(p) };
  }

  function findOrder(data: Wire): PayOrder | undefined {
    if (typeof data.out_trade_no === 'string') return store.get(data.out_trade_no);
    if (typeof data.transaction_id === 'string') return store.all().find((o) => o.transactionId === data.transaction_id);
    return undefined;
  }

  function unifiedOrder(data: Wire, ctx: InvokeContext | undefined): Wire {
    const required = ['body', 'out_trade_no', 'total_fee', 'spbill_create_ip', 'sub_mch_id', 'nonce_str', 'function_name', 'env_id'];
    const missing = required.filter((k) => data[k] === undefined || data[k] === '');
    if (missing.length) return { return_code: 'FAIL', return_msg: `缺少参数: ${missing.join(', ')}` };
    const payer = ctx?.openid ?? (data.sub_openid as string | undefined) ?? (data.openid as string | undefined);
    if (!payer) return { return_code: 'FAIL', return_msg: '缺少参数: openid (call unifiedOrder from a function a user invoked)' };
    const appId = ctx?.appid ?? opts.appId ?? '';
    const h = header(data.sub_mch_id, appId);
    const outTradeNo = String(data.out_trade_no);
    const totalFee = data.total_fee;
    if (!Number.isInteger(totalFee) || (totalFee as number) <= 0) return fail(h, 'PARAM_ERROR', 'total_fee 必须是正整数（单位：分）');
    if (!/^[A-Za-z0-9_\-|*@]{1,32}$/.test(outTradeNo)) return fail(h, 'PARAM_ERROR', 'out_trade_no 只能是32位以内的数字、字母和_-|*@');
    if (Buffer.byteLength(String(data.body)) > 128) return fail(h, 'PARAM_ERROR', 'body 超过128字节');
    if (data.env_id !== opts.envId) {
      console.warn(`[pay] unifiedOrder ${outTradeNo}: env_id "${String(data.env_id)}" is not this env "${opts.envId}"; the callback would go elsewhere in production`);
    }
    const existing = store.get(outTradeNo);
    if (existing) {
      if (existing.state === 'SUCCESS' || existing.state === 'REFUND') return fail(h, 'ORDERPAID', '该订单已支付');
      if (existing.state === 'CLOSED') return fail(h, 'ORDERCLOSED', '该订单已关闭');
      // WeChat re-issues the same prepay for an identical repeat request and rejects a changed one.
      if (existing.totalFee !== totalFee || existing.body !== data.body || existing.payerOpenid !== payer) {
        return fail(h, 'INVALID_REQUEST', '201 商户订单号重复');
      }
      return ok(h, { trade_type: existing.tradeType, prepay_id: existing.prepayId, payment: paymentFor(existing) });
    }
    const order: PayOrder = {
      outTradeNo,
      functionName: String(data.function_name),
      envId: String(data.env_id),
      subMchId: String(data.sub_mch_id),
      body: String(data.body),
      totalFee: totalFee as number,
      feeType: typeof data.fee_type === 'string' ? data.fee_type : 'CNY',
      tradeType: typeof data.trade_type === 'string' ? data.trade_type : 'JSAPI',
      attach: typeof data.attach === 'string' ? data.attach : undefined,
      spbillCreateIp: String(data.spbill_create_ip),
      payerOpenid: payer,
      appId,
      prepayId: `wx${formatTimeEnd(opts.now())}${digits(18)}`,
      transactionId: `4200${digits(24)}`,
      state: 'NOTPAY',
      refunds: [],
      createdAt: opts.now(),
      requestData: data,
    };
    store.set(order);
    return ok(h, { trade_type: order.tradeType, prepay_id: order.prepayId, payment: paymentFor(order) });
  }

  function queryOrder(data: Wire): Wire {
    const order = findOrder(data);
    if (!order) return fail(header(data.sub_mch_id, opts.appId ?? ''), 'ORDERNOTEXIST', '此交易订单号不存在');
    const h = header(order.subMchId, order.appId);
    const paid = order.state === 'SUCCESS' || order.state === 'REFUND';
    return ok(h, {
      trade_state: order.state,
      trade_state_desc: STATE_DESC[order.state],
      out_trade_no: order.outTradeNo,
      total_fee: order.totalFee,
      fee_type: order.feeType,
      trade_type: order.tradeType,
      attach: order.attach,
      ...(paid
        ? { transaction_id: order.transactionId, time_end: order.timeEnd, cash_fee: order.totalFee, bank_type: 'OTHERS', openid: providerOpenid(order.payerOpenid), sub_openid: order.payerOpenid, is_subscribe: 'N', sub_is_subscribe: 'N' }
        : {}),
    });
  }

  function closeOrder(data: Wire): Wire {
    const order = findOrder(data);
    if (!order) return fail(header(data.sub_mch_id, opts.appId ?? ''), 'ORDERNOTEXIST', '此交易订单号不存在');
    const h = header(order.subMchId, order.appId);
    if (order.state === 'SUCCESS' || order.state === 'REFUND') return fail(h, 'ORDERPAID', '该订单已支付');
    store.set({ ...order, state: 'CLOSED' });
    return ok(h, {});
  }

  function refund(data: Wire): Wire {
    const order = findOrder(data);
    if (!order) return fail(header(data.sub_mch_id, opts.appId ?? ''), 'ORDERNOTEXIST', '此交易订单号不存在');
    const h = header(order.subMchId, order.appId);
    const outRefundNo = String(data.out_refund_no ?? '');
    const refundFee = data.refund_fee;
    if (!outRefundNo || !Number.isInteger(refundFee) || (refundFee as number) <= 0) return fail(h, 'PARAM_ERROR', 'out_refund_no / refund_fee 参数错误');
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') return fail(h, 'TRADE_STATE_ERROR', '订单状态错误');
    if (data.total_fee !== order.totalFee) return fail(h, 'PARAM_ERROR', '订单金额或退款金额与之前请求不一致，请核实后再试');
    const body = (r: PayRefund): Wire => ok(h, {
      transaction_id: order.transactionId, out_trade_no: order.outTradeNo, out_refund_no: r.outRefundNo,
      refund_id: r.refundId, refund_fee: r.refundFee, total_fee: order.totalFee, cash_fee: order.totalFee,
    });
    const previous = order.refunds.find((r) => r.outRefundNo === outRefundNo);
    if (previous) return body(previous); // same out_refund_no: WeChat answers the first refund again
    const refunded = order.refunds.reduce((sum, r) => sum + r.refundFee, 0);
    if (refunded + (refundFee as number) > order.totalFee) return fail(h, 'INVALID_REQUEST', '退款金额超过订单可退金额');
    const r: PayRefund = { outRefundNo, refundId: `50${digits(27)}`, refundFee: refundFee as number, createdAt: opts.now() };
    store.set({ ...order, state: 'REFUND', refunds: [...order.refunds, r] });
    return body(r);
  }

  function notifyEvent(order: PayOrder, result: 'SUCCESS' | 'FAIL'): Wire {
    const event: Wire = {
      returnCode: 'SUCCESS',
      appid: SP_APPID,
      mchId: SP_MCH_ID,
      subAppid: order.appId,
      subMchId: order.subMchId,
      nonceStr: nonce(),
      resultCode: result,
      openid: providerOpenid(order.payerOpenid),
      isSubscribe: 'N',
      subOpenid: order.payerOpenid,
      subIsSubscribe: 'N',
      tradeType: order.tradeType,
      bankType: 'OTHERS',
      totalFee: order.totalFee,
      feeType: order.feeType,
      cashFee: order.totalFee,
      transactionId: order.transactionId,
      outTradeNo: order.outTradeNo,
      timeEnd: order.timeEnd ?? formatTimeEnd(opts.now()),
    };
    if (order.attach !== undefined) event.attach = order.attach;
    if (result === 'FAIL') Object.assign(event, { errCode: 'NOTENOUGH', errCodeDes: '余额不足' });
    return event;
  }

  return {
    async handleWxPayApi(rawBody: Buffer, contentType: string, callerCtx?: InvokeContext): Promise<unknown> {
      let fields: Map<string, { data: Buffer }>;
      try {
        fields = parseMultipart(rawBody, contentType);
      } catch (err) {
        if (err instanceof MultipartError) return tcbError(TcbErrorString.INVALID_PARAM, err.message);
        throw err;
      }
      const text = (name: string) => fields.get(name)?.data.toString('utf8') ?? '';
      const apiName = text('apiName');
      let data: Wire;
      try {
        data = JSON.parse(text('requestData') || '{}') as Wire;
      } catch {
        return tcbError(TcbErrorString.INVALID_PARAM, `cloudPay.${apiName}: requestData is not JSON`);
      }
      const ctx = callerCtx ?? host.contextForToken(text('wxCloudApiToken'));
      switch (apiName) {
        case 'unifiedOrder': return unifiedOrder(data, ctx);
        case 'queryOrder': return queryOrder(data);
        case 'closeOrder': return closeOrder(data);
        case 'refund': return refund(data);
        default: return tcbError(TcbErrorString.INVALID_PARAM, `cloudPay.${apiName} is not emulated`);
      }
    },

    async deliver(outTradeNo: string, result: 'SUCCESS' | 'FAIL', times: number): Promise<InvokeOutcome[]> {
      const order = store.get(outTradeNo);
      if (!order) throw Object.assign(new Error(`no unifiedOrder recorded for outTradeNo ${outTradeNo}`), { code: 'NOT_FOUND' });
      if (!Number.isInteger(times) || times < 0) throw new RangeError(`times must be a non-negative integer, got ${times}`);
      let updated = order;
      if (result === 'SUCCESS' && order.state !== 'SUCCESS' && order.state !== 'REFUND') {
        updated = { ...order, state: 'SUCCESS', timeEnd: formatTimeEnd(opts.now()) };
      } else if (result === 'FAIL' && order.state === 'NOTPAY') {
        updated = { ...order, state: 'PAYERROR' };
      }
      store.set(updated);
      // One notification, delivered `times` times at once: duplicates are identical, as WeChat's retries are.
      const event = notifyEvent(updated, result);
      const ctx: InvokeContext = { source: 'wx_paycallback', openid: order.payerOpenid, appid: order.appId || undefined };
      return Promise.all(Array.from({ length: times }, () => host.invoke(order.functionName, event, ctx)));
    },

    hasOrder: (outTradeNo: string): boolean => store.get(outTradeNo) !== undefined,

    orders(): Array<Record<string, unknown>> {
      return store.all().map((o) => structuredClone(o) as unknown as Record<string, unknown>);
    },

    reset(): void {
      store.clear();
    },
  };
}

export type PayService = ReturnType<typeof createPayService>;
