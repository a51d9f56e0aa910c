import type { ActionOf, Contracts, ErrorCode, FunctionName, RequestFor, ResponseFor, Result } from '@contract/index';
// Values come from contract/errors only: contract/index pulls zod's schemas, which stay out of the app bundle.
import { ERROR_MESSAGES } from '@contract/errors';
import { invokeFunction } from './transport';

/** A failed cloud call, with a Chinese message fit to show the user. */
export class CloudCallError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    // Babel compiles classes to ES5 for the mini-program; keep instanceof working.
    Object.setPrototypeOf(this, CloudCallError.prototype);
    this.name = 'CloudCallError';
    this.code = code;
    this.details = details;
  }
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, code);
}

/** wx APIs reject with `{ errCode, errMsg }`, not an Error. */
function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'errMsg' in err) {
    const { errCode, errMsg } = err as { errCode?: unknown; errMsg?: unknown };
    return `${String(errCode ?? '')} ${String(errMsg)}`.trim();
  }
  return String(err);
}

function internal(cause: string): CloudCallError {
  return new CloudCallError('INTERNAL', ERROR_MESSAGES.INTERNAL, { cause });
}

/** What the member is told when the call never reached the backend: the network, not the service. */
export const NETWORK_MESSAGE = '网络连接不可用，请检查网络后重试';

/**
 * Whether a failed call failed for the network: WeChat's `request:fail` / timeouts from
 * wx.cloud.callFunction, the browser's fetch TypeError (Chrome "Failed to fetch", Safari "Load
 * failed", Firefox "NetworkError …"), or a device that says it is offline.
 */
export function isNetworkFailure(cause: string): boolean {
  if (typeof navigator !== 'undefined' && navigator && navigator.onLine === false) return true;
  return /request:fail|timeout|timed out|network|failed to fetch|load failed|ERR_INTERNET|ERR_NETWORK|ERR_CONNECTION|offline|断网|网络/i.test(cause);
}

/** A call that never got an answer: a network failure names the network, anything else is our fault. */
function unanswered(cause: string): CloudCallError {
  // Same code (INTERNAL: nothing is known to have happened, asking again is safe), a message that says what to do.
  if (isNetworkFailure(cause)) return new CloudCallError('INTERNAL', NETWORK_MESSAGE, { cause, network: true });
  return internal(cause);
}

/**
 * The one way pages reach the backend: a typed call to cloud function `name`.
 * Resolves to the function's `data`; throws CloudCallError when the function answers
 * `{ ok: false, error }` or the call never got a well-formed answer.
 */
export async function callCloud<F extends FunctionName, A extends ActionOf<Contracts[F]>>(
  name: F,
  request: RequestFor<Contracts[F], A>,
): Promise<ResponseFor<Contracts[F], A>> {
  let raw: unknown;
  try {
    raw = await invokeFunction(name, request);
  } catch (err) {
    throw unanswered(describe(err));
  }
  if (!raw || typeof raw !== 'object' || typeof (raw as { ok?: unknown }).ok !== 'boolean') {
    throw internal(`malformed answer from ${name}`);
  }
  const result = raw as Result<ResponseFor<Contracts[F], A>>;
  if (result.ok) return result.data;
  const { code, message, details } = result.error ?? {};
  if (!isErrorCode(code)) throw internal(`unknown error code from ${name}: ${String(code)}`);
  throw new CloudCallError(code, message || ERROR_MESSAGES[code], details);
}

/** Any thrown value as a CloudCallError, so screens only ever deal with one error shape. */
export function toCloudCallError(err: unknown): CloudCallError {
  if (err instanceof CloudCallError) return err;
  return unanswered(describe(err));
}
