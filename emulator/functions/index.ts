// Function host of the local cloud: warm worker instances running the built functions with the
// WeChat context of each invocation, console variables from cloudbaserc.json, and the
// `functions.invokeFunction` admin action. See host.ts. Timers are in ../timers, cloud payment in ../payment.

export type { FunctionHost, FunctionHostOptions, InvokeContext, InvokeOutcome, TriggerInfo } from './types.js';
export { createFunctionHost } from './host.js';
export { PLATFORM_ENV_KEYS } from './env.js';
export { FunctionErrorCode, FUNCTION_NOT_FOUND_MESSAGE, TcbErrorString } from './codes.js';
export { type MultipartPart, MultipartError, parseMultipart } from './multipart.js';
export { chainedContext, type FunctionsInvokeBody, handleFunctionsInvoke } from './sdkRoutes.js';
export {
  type CloudbaseConfig,
  CloudbaseConfigError,
  type CloudbaseFunctionConfig,
  functionEnvFromConfig,
  readCloudbaseConfig,
  renderValue,
} from './cloudbaserc.js';
