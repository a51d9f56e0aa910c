// The `wx.openApi` action of wx-server-sdk's admin protocol: the open-data calls a function makes
// through `cloud.getOpenData` (and, not emulated, getVoIPSign / getCloudCallSign / cloud.openapi.*).
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

import { randomUUID } from 'node:crypto';
import { decodeDevCloudId } from './cloudId';
import { MultipartError, parseMultipart } from '../functions/multipart';
import {
  ApiType,
  decodeCommApiData,
  decodeGetOpenDataReq,
  encodeCommOpenApiResp,
  encodeGetOpenDataResp,
  type OpDataItem,
} from './protocol';

/** A successful answer must NOT be typed 'application/json; charset=utf-8' (see tcbapirequester's handleWxOpenApiData). */
export const OPEN_API_CONTENT_TYPE = 'application/octet-stream';
const TCB_ERROR_CONTENT_TYPE = 'application/json; charset=utf-8';

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

/** svrkit APIs by name: request bytes → response bytes. */
const SVRKIT_APIS: Record<string, (reqData: Uint8Array) => Uint8Array> = {
  ApiGetOpenDataByCloudId(reqData) {
    const { cloudidList } = decodeGetOpenDataReq(reqData);
    const dataList: OpDataItem[] = cloudidList.map((cloudId) => ({ cloudId, json: JSON.stringify(resolveOpenData(cloudId)) }));
    return encodeGetOpenDataResp(dataList);
  },
};

/** A `wx.openApi` request (raw multipart body) → what to answer. */
export function handleOpenApi(rawBody: Buffer, contentType: string): OpenApiAnswer {
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
  if (comm.apiType !== ApiType.SVRKIT_API || !comm.svrkitData) {
    return tcbError('ACTION_NOT_SUPPORTED', `the local cloud does not emulate open API ${apiName || '(unnamed)'} (apiType ${comm.apiType}); only cloud.getOpenData is served`);
  }
  const api = SVRKIT_APIS[comm.svrkitData.apiName];
  if (!api) return tcbError('ACTION_NOT_SUPPORTED', `the local cloud does not emulate ${comm.svrkitData.apiName || apiName}; only cloud.getOpenData is served`);
  try {
    return svrkitOk(api(comm.svrkitData.reqData));
  } catch (err) {
    return tcbError('INVALID_PARAM', `wx.openApi ${comm.svrkitData.apiName}: reqData could not be decoded (${(err as Error).message})`);
  }
}

export { DEV_CLOUD_ID_PREFIX, decodeDevCloudId, resolveCloudIds } from './cloudId';
