// Function host, timer triggers and cloud payment of the local cloud. See host.ts.

export type { FunctionHost, FunctionHostOptions, InvokeContext, InvokeOutcome, TriggerInfo } from './types.js';
export { createFunctionHost } from './host.js';
export { PLATFORM_ENV_KEYS } from './env.js';
export { FunctionErrorCode, FUNCTION_NOT_FOUND_MESSAGE, TcbErrorString } from './codes.js';
export { type Cron7, cronMatches, nextFire, parseCron } from './cron.js';
export { timerEventTime } from './triggers.js';
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
export { type MultipartPart, MultipartError, parseMultipart } from './multipart.js';
export {
  chainedContext,
  type FunctionsInvokeBody,
  handleFunctionsInvoke,
  handleWxPayApiHttp,
  WX_PAY_API_CONTENT_TYPE,
} from './sdkRoutes.js';
