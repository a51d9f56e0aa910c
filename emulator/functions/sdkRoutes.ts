// The function-related action of wx-server-sdk's admin protocol, for the emulator's HTTP
// server to mount: `functions.invokeFunction` (cloud.callFunction from inside a function).
// Cloud payment's `wx.wxPayApi` is mounted from ../payment/sdkRoute.ts.

import { randomUUID } from 'node:crypto';
import { FunctionErrorCode, TcbErrorString } from './codes.js';
import type { FunctionHost, InvokeContext } from './types.js';

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
