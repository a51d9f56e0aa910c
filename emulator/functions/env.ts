// The process environment of one invocation, matched to what wx-server-sdk 4.0.2 and
// @cloudbase/node-sdk 3.17.2 read (getWXContext, getCloudbaseContext, getWxCloudToken).

import type { FunctionHostOptions, InvokeContext } from './types.js';

/**
 * getWXContext() reports the keys listed here (minus the API tokens, which it blacklists), and
 * @cloudbase/node-sdk only reads WX_API_TOKEN through this list, so the tokens must be in it.
 */
export const WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN,WX_TRIGGER_API_TOKEN_V0';

const BASE_KEYS = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SystemRoot'];

/**
 * Every variable the platform itself may give an invocation (see baseEnv and invocationEnv), as
 * opposed to console variables: what a check of "which variables does a function read" leaves out.
 */
export const PLATFORM_ENV_KEYS: readonly string[] = [
  ...BASE_KEYS,
  'WX_CONTEXT_KEYS',
  ...WX_CONTEXT_KEYS.split(','),
  'TCB_ENV', 'SCF_NAMESPACE', 'SCF_FUNCTIONNAME', 'SCF_FUNCTIONVERSION', 'TCB_SOURCE', 'TCB_CONTEXT_CNFG',
  'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_RUNENV', 'TENCENTCLOUD_REGION', 'TRIGGER_SRC',
  'LOCAL_CLOUD_NOW',
];

/** The few variables a Node process needs; the emulator's own environment is not the function's. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of BASE_KEYS) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/**
 * Variables the worker sets before running `name` for `ctx`. Identity keys without a value are
 * left out (the worker unsets the previous call's), so getWXContext() omits them, as in production.
 */
export function invocationEnv(
  opts: Pick<FunctionHostOptions, 'envId' | 'tcbUrl' | 'functionEnv' | 'devNow'>,
  name: string,
  ctx: InvokeContext,
  token: string,
): Record<string, string> {
  // Only this function's console variables (never another function's secrets), and first, so
  // that the platform's own keys cannot be overridden by them.
  const own = opts.functionEnv && Object.hasOwn(opts.functionEnv, name) ? opts.functionEnv[name] : {};
  const env: Record<string, string> = { ...own };
  Object.assign(env, {
    WX_CONTEXT_KEYS,
    WX_API_TOKEN: token,
    TCB_ENV: opts.envId,
    SCF_NAMESPACE: opts.envId,
    SCF_FUNCTIONNAME: name,
    SCF_FUNCTIONVERSION: '$LATEST',
    TCB_SOURCE: ctx.source,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: opts.tcbUrl }),
    // @cloudbase/node-sdk refuses to sign requests without these; the local server ignores the signature.
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    // As on SCF. It also stops the SDK probing metadata.tencentyun.com before every request.
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
  });
  const identity: Array<[string, string | undefined]> = [
    ['WX_OPENID', ctx.openid],
    ['WX_APPID', ctx.appid],
    ['WX_UNIONID', ctx.unionid],
    ['WX_CLIENTIP', ctx.clientIp],
  ];
  for (const [key, value] of identity) if (value) env[key] = value;
  if (ctx.source === 'wx_trigger') {
    // node-sdk picks the trigger token when TRIGGER_SRC is 'timer'.
    env.TRIGGER_SRC = 'timer';
    env.WX_TRIGGER_API_TOKEN_V0 = token;
  }
  const devNow = opts.devNow();
  if (devNow) env.LOCAL_CLOUD_NOW = devNow.toISOString();
  return env;
}
