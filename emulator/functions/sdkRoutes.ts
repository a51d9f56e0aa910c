// The function-related actions of wx-server-sdk's admin protocol, for the emulator's HTTP
// server to mount: `functions.invokeFunction` (cloud.callFunction from inside a function)
// and `wx.wxPayApi` (cloud.cloudPay.*).

import { randomUUID } from 'node:crypto';
import { FunctionErrorCode, TcbErrorString } from './codes.js';
import type { PayService } from './pay.js';
import type { FunctionHost, InvokeContext } from './types.js';

/**
 * wx.wxPayApi answers must NOT be typed exactly 'application/json; charset=utf-8': the SDK
 * JSON-parses such a body into an object and then treats any object as an error. A body of
 * another type stays a Buffer, which the SDK parses as the result.
 */
export const WX_PAY_API_CONTENT_TYPE = 'application/octet-stream';

export interface FunctionsInvokeBody {
  function_name?: unknown;
  request_data?: unknown;
  wxCloudApiToken?: unknown;
}

/**
 * The caller's identity travels with the call: B, called by A (itself called by a user),
 * sees the user's OPENID and SOURCE 'wx_client,scf'. A token we do not know (a script using
 * the admin SDK directly) is a plain server-side caller.
 */
export function chainedContext(host: FunctionHost, token: unknown): InvokeContext {
  const caller = typeof token === 'string' && token ? host.contextForToken(token) : undefined;
  if (!caller) return { source: 'scf' };
  return {
    openid: caller.openid,
    appid: caller.appid,
    unionid: caller.unionid,
    clientIp: caller.clientIp,
    source: `${caller.source},scf`,
  };
}

/** Body of a `functions.invokeFunction` request → the JSON to answer (HTTP 200 either way, as TCB does). */
export async function handleFunctionsInvoke(host: FunctionHost, body: FunctionsInvokeBody): Promise<unknown> {
  const requestId = randomUUID();
  const name = typeof body.function_name === 'string' ? body.function_name : '';
  if (!name) return { code: TcbErrorString.INVALID_PARAM, message: '函数名不能为空', requestId };
  let event: unknown = {};
  if (typeof body.request_data === 'string' && body.request_data !== '') {
    try {
      event = JSON.parse(body.request_data);
    } catch {
      return { code: TcbErrorString.INVALID_PARAM, message: 'request_data is not JSON', requestId };
    }
  }
  const outcome = await host.invoke(name, event, chainedContext(host, body.wxCloudApiToken));
  if (outcome.ok) {
    // undefined stays undefined: the SDK then reports result undefined, as for an empty response.
    return { requestId, data: { response_data: JSON.stringify(outcome.result) } };
  }
  const code =
    outcome.errCode === FunctionErrorCode.FUNCTION_NOT_FOUND ? TcbErrorString.FUNCTION_NOT_FOUND : TcbErrorString.FUNCTIONS_EXECUTE_FAIL;
  return { code, message: `${outcome.errCode} ${outcome.errMsg}`, requestId };
}

/** A `wx.wxPayApi` request → status, content type and bytes to answer with. */
export async function handleWxPayApiHttp(
  pay: PayService,
  rawBody: Buffer,
  contentType: string,
  callerCtx?: InvokeContext,
): Promise<{ status: number; contentType: string; body: Buffer }> {
  const answer = await pay.handleWxPayApi(rawBody, contentType, callerCtx);
  return { status: 200, contentType: WX_PAY_API_CONTENT_TYPE, body: Buffer.from(JSON.stringify(answer)) };
}
