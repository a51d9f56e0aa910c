// The protobuf messages of wx-server-sdk's `wx.openApi` action, as the SDK bundles them
// (node_modules/wx-server-sdk/index.js, "src/protobuf/openapi.js"; field numbers read from its
// encoders). Only what the emulated open APIs need is declared; a decoder skips unknown fields.
//
// Request:  multipart field `requestData` = CommApiData { apiType: SVRKIT_API, svrkitData: { apiName,
//           reqData = ApiGetOpenDataByCloudIdReq }, appid? }                       (cloud.getOpenData)
//           or CommApiData { apiType: OPEN_API, openapiData: { pairs: [{ key, value = JSON bytes }] } }
//           with the multipart `apiName` = e.g. 'subscribeMessage.send'               (cloud.openapi.*)
// Response: body = CommOpenApiResp { respData = ApiGetOpenDataByCloudIdResp, errorCode, svrkitErrorCode }
//           (cloud.openapi.*: respData = WeChat's JSON answer, contentType 'application/json'; errorCode
//           non-zero is a platform refusal such as -604101, no permission)
//           served as anything but 'application/json; charset=utf-8' (that type means a TCB error).

import protobuf from 'protobufjs';

const PROTO = `
syntax = "proto3";

message CommApiData {
  enum ApiType {
    OPEN_API = 0;
    INNER_API = 1;
    SVRKIT_API = 2;
    TOKEN_API = 3;
  }
  ApiType api_type = 1;
  OpenApiData openapi_data = 2;
  SvrkitApiData svrkit_data = 4;
  string appid = 6;
}

message KeyValuePair {
  string key = 1;
  bytes value = 2;
  string contenttype = 3;
  string filename = 4;
}

message OpenApiData {
  repeated KeyValuePair pairs = 1;
}

message SvrkitApiData {
  string api_name = 1;
  bytes req_data = 2;
}

message HttpHeader {
  string key = 1;
  string value = 2;
}

message CommOpenApiResp {
  bytes resp_data = 1;
  string content_type = 2;
  int32 error_code = 3;
  uint32 http_code = 4;
  repeated HttpHeader headers = 5;
  int32 svrkit_error_code = 6;
}

message ApiGetOpenDataByCloudIdReq {
  repeated string cloudid_list = 2;
  string appid = 3;
}

message ApiGetOpenDataByCloudIdResp {
  message OpDataItem {
    string cloud_id = 1;
    string json = 2;
  }
  repeated OpDataItem data_list = 1;
}
`;

// keepCase false (the default) names fields as the SDK's generated code does: cloudidList, dataList, …
const root = protobuf.parse(PROTO).root;

export const ApiType = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const;

export interface KeyValuePair {
  key: string;
  value: Uint8Array;
  contenttype?: string;
  filename?: string;
}

export interface CommApiData {
  apiType: number;
  /** cloud.openapi.*: one pair per top-level request key, its value JSON (media as raw bytes). */
  openapiData?: { pairs: KeyValuePair[] } | null;
  svrkitData?: { apiName: string; reqData: Uint8Array } | null;
  appid: string;
}

export interface CommOpenApiResp {
  respData?: Uint8Array;
  contentType?: string;
  errorCode?: number;
  httpCode?: number;
  svrkitErrorCode?: number;
}

export interface OpDataItem {
  cloudId: string;
  json: string;
}

const CommApiDataType = root.lookupType('CommApiData');
const CommOpenApiRespType = root.lookupType('CommOpenApiResp');
const GetOpenDataReqType = root.lookupType('ApiGetOpenDataByCloudIdReq');
const GetOpenDataRespType = root.lookupType('ApiGetOpenDataByCloudIdResp');

// Defaults filled in (proto3 omits zero values on the wire); bytes stay Buffers/Uint8Arrays.
const TO_OBJECT = { defaults: true, arrays: true } as const;

export function decodeCommApiData(bytes: Uint8Array): CommApiData {
  return CommApiDataType.toObject(CommApiDataType.decode(bytes), TO_OBJECT) as CommApiData;
}

export function decodeGetOpenDataReq(bytes: Uint8Array): { cloudidList: string[]; appid: string } {
  return GetOpenDataReqType.toObject(GetOpenDataReqType.decode(bytes), TO_OBJECT) as { cloudidList: string[]; appid: string };
}

export function encodeGetOpenDataResp(dataList: OpDataItem[]): Uint8Array {
  return GetOpenDataRespType.encode(GetOpenDataRespType.fromObject({ dataList })).finish();
}

export function encodeCommOpenApiResp(resp: CommOpenApiResp): Buffer {
  return Buffer.from(CommOpenApiRespType.encode(CommOpenApiRespType.fromObject(resp)).finish());
}

/** For tests: what the SDK sends and how it reads the answer. */
export function encodeCommApiData(data: CommApiData): Uint8Array {
  return CommApiDataType.encode(CommApiDataType.fromObject(data)).finish();
}

export function encodeGetOpenDataReq(req: { cloudidList: string[]; appid?: string }): Uint8Array {
  return GetOpenDataReqType.encode(GetOpenDataReqType.fromObject(req)).finish();
}

export function decodeCommOpenApiResp(bytes: Uint8Array): Required<CommOpenApiResp> {
  return CommOpenApiRespType.toObject(CommOpenApiRespType.decode(bytes), TO_OBJECT) as Required<CommOpenApiResp>;
}

export function decodeGetOpenDataResp(bytes: Uint8Array): { dataList: OpDataItem[] } {
  return GetOpenDataRespType.toObject(GetOpenDataRespType.decode(bytes), TO_OBJECT) as { dataList: OpDataItem[] };
}
