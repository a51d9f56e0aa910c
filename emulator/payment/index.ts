// Cloud payment (云开发 微信支付) of the local cloud: the `wx.wxPayApi` answers to cloud.cloudPay.*,
// the recorded orders (durable in the data directory), and callbacks delivered on demand. See pay.ts.

export {
  createPayService,
  formatTimeEnd,
  type PayOrder,
  type PayOrderState,
  type PayRefund,
  type PayService,
  type PayStore,
} from './pay.js';
export { createDurablePayStore, createMemoryPayStore, type RecordFile } from './payStore.js';
export { handleWxPayApiHttp, WX_PAY_API_CONTENT_TYPE } from './sdkRoute.js';
