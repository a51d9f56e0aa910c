// The `wx.openApi` action of wx-server-sdk's admin protocol: the open-data calls a function makes
// through `cloud.getOpenData`, and `cloud.openapi.subscribeMessage.send` (subscribeMessage.ts; not
// emulated: getVoIPSign / getCloudCallSign and the other cloud.openapi.* APIs).
//
// Wire (read in wx-server-sdk 4.0.2 and @cloudbase/node-sdk 3.x): a multipart POST with
// `action=wx.openApi`, `apiName`, and `requestData` = protobuf CommApiData (see protocol.ts). The
// answer is the protobuf CommOpenApiResp as raw bytes under a non-JSON content type; a TCB-level
// failure is JSON `{ code, message, requestId }` typed 'application/json; charset=utf-8', which the
// SDK turns into a thrown error.
//
// getOpenData: each CloudID becomes one OpDataItem whose `json` the SDK JSON.parses into one
// element of `list`. The local cloud cannot mint WeChat's CloudIDs, so `dev-cloudid:<json>` stands
// for one whose open data is <json> (e.g. a group share ticket's `{"openGId":"gid-A"}`):
//   ok      → { cloudID, data: <json> }                     (documented shape of Cloud.getOpenData)
//   invalid → { cloudID, errCode: -601006, errMsg: "cloudID invalid" }   (WeChat's per-id error shape)
// exactly as CloudIDs inside a client call are resolved (cloudId.ts).
//
// cloud.openapi.<api>: CommApiData { apiType: OPEN_API, openapiData.pairs } (one pair per top-level
// key of the request, snake_cased by the SDK, its value JSON) under the multipart `apiName` <api>.
// The answer is a CommOpenApiResp whose respData is WeChat's JSON `{ errcode, errmsg, … }` typed
// application/json: errcode 0 → the SDK resolves `{ errCode: 0, errMsg: 'openapi.<api>:ok' }`, else
// it throws a CloudSDKError with that errCode. A function whose config.json does not list <api> in
// `permissions.openapi` is refused by the platform as WeChat does: CommOpenApiResp.errorCode -604101,
// which the SDK throws with errCode -604101.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeDevCloudId } from './cloudId';
import { MultipartError, parseMultipart } from '../functions/multipart';
import {
  ApiType,
  decodeCommApiData,
  decodeGetOpenDataReq,
  encodeCommOpenApiResp,
  encodeGetOpenDataResp,
  type CommApiData,
  type KeyValuePair,
  type OpDataItem,
} from './protocol';
import { createSubscribeMessages, type SubscribeMessages, type SubscribeTemplate, type WxAnswer } from './subscribeMessage';

/** A successful answer must NOT be typed 'application/json; charset=utf-8' (see tcbapirequester's handleWxOpenApiData). */
export const OPEN_API_CONTENT_TYPE = 'application/octet-stream';
const TCB_ERROR_CONTENT_TYPE = 'application/json; charset=utf-8';

/** The platform's refusal of an open API the function's config.json does not list in permissions.openapi. */
export const OPENAPI_NO_PERMISSION = -604101;

/** WeChat's errCode for a CloudID it cannot resolve (invalid or expired). */
export const CLOUD_ID_INVALID = -601006;

export interface OpenApiAnswer {
  status: number;
  contentType: string;
  body: Buffer;
}

/** What one CloudID resolves to: the object the function finds in `getOpenData().list`. */
export type OpenDataResult = { cloudID: string; data: unknown } | { cloudID: string; errCode: number; errMsg: string };

export function resolveOpenData(cloudID: string): OpenDataResult {
  const decoded = decodeDevCloudId(cloudID);
  return decoded.ok ? { cloudID, data: decoded.data } : { cloudID, errCode: CLOUD_ID_INVALID, errMsg: decoded.errMsg };
}

function tcbError(code: string, message: string): OpenApiAnswer {
  return { status: 200, contentType: TCB_ERROR_CONTENT_TYPE, body: Buffer.from(JSON.stringify({ code, message, requestId: randomUUID() })) };
}

function svrkitOk(respData: Uint8Array): OpenApiAnswer {
  return { status: 200, contentType: OPEN_API_CONTENT_TYPE, body: encodeCommOpenApiResp({ respData, errorCode: 0, httpCode: 200, svrkitErrorCode: 0 }) };
}

function wxJson(answer: WxAnswer | Record<string, unknown>): OpenApiAnswer {
  const respData = Buffer.from(JSON.stringify(answer));
  return {
    status: 200,
    contentType: OPEN_API_CONTENT_TYPE,
    body: encodeCommOpenApiResp({ respData, contentType: 'application/json; charset=UTF-8', errorCode: 0, httpCode: 200, svrkitErrorCode: 0 }),
  };
}

function platformRefusal(errorCode: number): OpenApiAnswer {
  return { status: 200, contentType: OPEN_API_CONTENT_TYPE, body: encodeCommOpenApiResp({ errorCode, httpCode: 200 }) };
}

/** The open APIs (cloud.openapi.*) of one local cloud, with their state, and who may call them. */
export interface OpenApiService {
  subscribe: SubscribeMessages;
  /** permissions.openapi of the function's config.json (read at each call, as a redeploy would change it). */
  permissions(functionName: string): string[];
}

export interface OpenApiServiceOptions {
  functionsDir: string;
  now: () => Date;
  /** Declared subscription templates (see SubscribeMessagesOptions.templates). */
  subscribeTemplates?: Record<string, SubscribeTemplate>;
}

export function createOpenApiService(options: OpenApiServiceOptions): OpenApiService {
  return {
    subscribe: createSubscribeMessages({ templates: options.subscribeTemplates, now: options.now }),
    permissions(functionName) {
      try {
        const config = JSON.parse(readFileSync(join(options.functionsDir, functionName, 'config.json'), 'utf8')) as { permissions?: { openapi?: unknown } };
        const list = config.permissions?.openapi;
        return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
      } catch {
        return []; // no (readable) config.json: no permissions
      }
    },
  };
}

/** Who is calling: the function whose invocation holds the request's token. */
export interface OpenApiCaller {
  functionName?: string;
}

/** cloud.openapi.* APIs by name: the request (top-level keys → parsed JSON values) → WeChat's JSON answer. */
const OPEN_APIS: Record<string, (service: OpenApiService, request: Record<string, unknown>) => WxAnswer> = {
  'subscribeMessage.send': (service, request) => service.subscribe.send(request),
};

function pairsToRequest(pairs: KeyValuePair[]): Record<string, unknown> {
  const request: Record<string, unknown> = {};
  for (const { key, value, contenttype } of pairs) {
    const bytes = Buffer.from(value);
    if (contenttype) {
      request[key] = { contentType: contenttype, value: bytes };
      continue;
    }
    try {
      request[key] = JSON.parse(bytes.toString('utf8'));
    } catch {
      request[key] = bytes.toString('utf8');
    }
  }
  return request;
}

function handleGenericOpenApi(apiName: string, comm: CommApiData, service: OpenApiService | undefined, caller: OpenApiCaller): OpenApiAnswer {
  const api = OPEN_APIS[apiName];
  if (!api || !service) return tcbError('ACTION_NOT_SUPPORTED', `the local cloud does not emulate openapi.${apiName || '(unnamed)'}; it serves cloud.getOpenData and ${Object.keys(OPEN_APIS).map((n) => `openapi.${n}`).join(', ')}`);
  if (!caller.functionName || !service.permissions(caller.functionName).includes(apiName)) return platformRefusal(OPENAPI_NO_PERMISSION);
  return wxJson(api(service, pairsToRequest(comm.openapiData?.pairs ?? [])));
}

/** svrkit APIs by name: request bytes → response bytes. */
const SVRKIT_APIS: Record<string, (reqData: Uint8Array) => Uint8Array> = {
  ApiGetOpenDataByCloudId(reqData) {
    const { cloudidList } = decodeGetOpenDataReq(reqData);
    const dataList: OpDataItem[] = cloudidList.map((cloudId) => ({ cloudId, json: JSON.stringify(resolveOpenData(cloudId)) }));
    return encodeGetOpenDataResp(dataList);
  },
};

/** A `wx.openApi` request (raw multipart body) → what to answer. */
export function handleOpenApi(rawBody: Buffer, contentType: string, service?: OpenApiService, caller: OpenApiCaller = {}): OpenApiAnswer {
  let fields: Map<string, { data: Buffer }>;
  try {
    fields = parseMultipart(rawBody, contentType);
  } catch (err) {
    if (err instanceof MultipartError) return tcbError('INVALID_PARAM', err.message);
    throw err;
  }
  const apiName = fields.get('apiName')?.data.toString('utf8') ?? '';
  const requestData = fields.get('requestData')?.data;
  if (!requestData) return tcbError('INVALID_PARAM', `wx.openApi ${apiName}: requestData is missing`);
  let comm;
  try {
    comm = decodeCommApiData(requestData);
  } catch (err) {
    return tcbError('INVALID_PARAM', `wx.openApi ${apiName}: requestData is not a CommApiData message (${(err as Error).message})`);
  }
  if (comm.apiType === ApiType.OPEN_API) return handleGenericOpenApi(apiName, comm, service, caller);
  if (comm.apiType !== ApiType.SVRKIT_API || !comm.svrkitData) {
    return tcbError('ACTION_NOT_SUPPORTED', `the local cloud does not emulate open API ${apiName || '(unnamed)'} (apiType ${comm.apiType}); only cloud.getOpenData and cloud.openapi.subscribeMessage.send are served`);
  }
  const api = SVRKIT_APIS[comm.svrkitData.apiName];
  if (!api) return tcbError('ACTION_NOT_SUPPORTED', `the local cloud does not emulate ${comm.svrkitData.apiName || apiName}; only cloud.getOpenData is served`);
  try {
    return svrkitOk(api(comm.svrkitData.reqData));
  } catch (err) {
    return tcbError('INVALID_PARAM', `wx.openApi ${comm.svrkitData.apiName}: reqData could not be decoded (${(err as Error).message})`);
  }
}

export { createSubscribeMessages, SUBSCRIBE_ERR, type SentMessage, type SubscribeFieldType, type SubscribeMessages, type SubscribeTemplate } from './subscribeMessage';
export { DEV_CLOUD_ID_PREFIX, decodeDevCloudId, resolveCloudIds } from './cloudId';
