// Cloud storage (云存储) of the local cloud: the `storage.*` actions wx-server-sdk posts to the admin
// endpoint, the COS-style object requests it then makes (a signed PUT to upload, a GET on a temporary
// URL to download), and what the H5 preview's dev routes need. The wire protocol is described in
// index.ts and docs/platform.md ("Cloud storage").

import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentTypeOf } from './contentTypes';
import { openObjectStore, writeFileDurably, type ObjectStore } from './objects';

/** Largest object the local cloud keeps (production's single PUT takes up to 5 GB; a mini-program's photos are far below this). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** fileIDs per getTempFileURL / deleteFile call, as on CloudBase. */
export const MAX_FILES_PER_CALL = 50;
/** A temporary URL's life when the caller gives no maxAge (CloudBase: one day). */
export const DEFAULT_MAX_AGE_SECONDS = 86_400;
/** How long the upload authorization getUploadMetadata hands out stays valid. */
export const UPLOAD_AUTHORIZATION_SECONDS = 900;
/** COS object keys are at most 850 bytes. */
const MAX_CLOUD_PATH_BYTES = 850;
/** The number a production bucket name ends with (the Tencent Cloud APPID); any will do locally. */
const LOCAL_TENCENT_APP_ID = '1250000000';
/**
 * CloudBase's documented cloudPath characters: letters, digits, `/ ! - _ . *`, Chinese (and the
 * space). Anything else (`? # % \`, control characters…) is refused before a byte is stored.
 */
const CLOUD_PATH_CHARACTERS = /^[0-9A-Za-z/!\-_.* \p{Script=Han}]+$/u;

/** Per-file and top-level codes, as CloudBase names them (wx-server-sdk maps them to numbers). */
export const StorageCode = {
  SUCCESS: 'SUCCESS',
  FILE_NONEXIST: 'STORAGE_FILE_NONEXIST',
  EXCEED_AUTHORITY: 'STORAGE_EXCEED_AUTHORITY',
  INVALID_PARAM: 'INVALID_PARAM',
  ACTION_NOT_SUPPORTED: 'ACTION_NOT_SUPPORTED',
} as const;

/** What wx-server-sdk (and wx.cloud) turn each code into: a numeric status and its errMsg. */
const CLIENT_STATUS: Record<string, { status: number; errMsg: string }> = {
  [StorageCode.SUCCESS]: { status: 0, errMsg: 'ok' },
  [StorageCode.FILE_NONEXIST]: { status: -503003, errMsg: 'storage file not exists' },
  [StorageCode.EXCEED_AUTHORITY]: { status: -503002, errMsg: 'storage permission denied' },
  [StorageCode.INVALID_PARAM]: { status: -501007, errMsg: 'invalid parameters' },
};

/** A request refused as a whole (the dev routes answer it as 400, or 413 for a file too large). */
export class StorageError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus = 400,
  ) {
    super(message);
  }
}

/** An answer to an object request (PUT / GET under /__storage/): COS answers errors as XML. */
export interface ObjectAnswer {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer;
}

/** One entry of a getTempFileURL answer as a client sees it (wx.cloud.getTempFileURL, the dev route). */
export interface ClientTempUrl {
  fileID: string;
  tempFileURL: string;
  maxAge: number;
  status: number;
  errMsg: string;
}

type Wire = Record<string, unknown>;

export interface StorageServiceOptions {
  /** The data directory: objects live in <dataDir>/storage/. */
  dataDir: string;
  envId: string;
  /** http://127.0.0.1:<port>, the base of upload and temporary URLs. */
  baseUrl: string;
  /** The dev clock: temporary URLs and upload authorizations expire by it. */
  now: () => Date;
  /** Default MAX_FILE_BYTES. */
  maxFileBytes?: number;
}

/** `local-dev` → `6c6f-local-dev-1250000000`: hex of the env id's first two characters, the env id, an APPID, as production names buckets. */
export function bucketFor(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2), 'utf8').toString('hex')}-${envId}-${LOCAL_TENCENT_APP_ID}`;
}

/** Why `cloudPath` cannot be stored, or undefined when it can. */
export function cloudPathProblem(cloudPath: unknown): string | undefined {
  if (typeof cloudPath !== 'string' || cloudPath === '') return 'cloudPath must be a non-empty string';
  if (Buffer.byteLength(cloudPath, 'utf8') > MAX_CLOUD_PATH_BYTES) return `cloudPath may be at most ${MAX_CLOUD_PATH_BYTES} bytes`;
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with / (write foo/bar.jpg)';
  if (cloudPath.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return 'cloudPath must name a file: no empty, . or .. segments, no trailing /';
  if (!CLOUD_PATH_CHARACTERS.test(cloudPath)) return 'cloudPath may hold only letters, digits, Chinese, spaces and / ! - _ . *';
  return undefined;
}

/** The signing key of a data directory: made once, so temporary URLs stay valid across restarts. */
function signingKey(root: string): Buffer {
  const file = join(root, 'signing-key');
  if (!existsSync(file)) {
    const tmp = join(root, 'tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileDurably(file, Buffer.from(randomBytes(32).toString('hex')), tmp, 0o600);
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const xmlEscape = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** COS's error document: the SDK's upload reads Code, Message, RequestId and TraceId from it. */
function cosError(status: number, code: string, message: string, resource: string): ObjectAnswer {
  const xml =
    "<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n" +
    `  <Code>${code}</Code>\n  <Message>${xmlEscape(message)}</Message>\n  <Resource>${xmlEscape(resource)}</Resource>\n` +
    `  <RequestId>${randomBytes(16).toString('base64url')}</RequestId>\n  <TraceId>${randomBytes(24).toString('base64url')}</TraceId>\n</Error>\n`;
  const body = Buffer.from(xml, 'utf8');
  return { status, headers: { 'content-type': 'application/xml', 'content-length': body.length }, body };
}

export function createStorageService(options: StorageServiceOptions) {
  const root = join(options.dataDir, 'storage');
  const objects: ObjectStore = openObjectStore(root);
  const key = signingKey(root);
  const bucket = bucketFor(options.envId);
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const prefix = `cloud://${options.envId}.${bucket}/`;
  const mac = (algorithm: 'sha1' | 'sha256', text: string) => createHmac(algorithm, key).update(text, 'utf8').digest('hex');
  const urlSign = (cloudPath: string, t: string) => mac('sha256', `GET\n/${bucket}/${cloudPath}\n${t}`).slice(0, 32);
  const uploadSign = (cloudPath: string, keyTime: string) => mac('sha1', `put\n/${bucket}/${cloudPath}\n${keyTime}`);
  const nowSeconds = () => Math.floor(options.now().getTime() / 1000);
  const tcbError = (code: string, message: string): Wire => ({ code, message, requestId: randomUUID() });

  const fileIdOf = (cloudPath: string) => prefix + cloudPath;
  /** The object's own URL, unsigned (GET answers 403 without sign and t). Path segments percent-encoded. */
  const objectUrl = (cloudPath: string) => `${options.baseUrl}/__storage/${bucket}/${cloudPath.split('/').map(encodeURIComponent).join('/')}`;

  /** A fileID → its cloudPath in this environment's bucket, or the per-file code that refuses it. */
  function resolveFileId(fileID: string): { cloudPath: string } | { code: string } {
    const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileID);
    if (!m) return { code: StorageCode.INVALID_PARAM };
    if (m[1] !== options.envId || m[2] !== bucket) return { code: StorageCode.EXCEED_AUTHORITY };
    return { cloudPath: m[3] };
  }

  /** A temporary URL as production shapes it: the object's address (not percent-encoded) with sign and t (expiry, unix seconds). */
  function tempUrl(cloudPath: string, maxAgeSeconds: number): string {
    const t = String(Math.ceil((options.now().getTime() + maxAgeSeconds * 1000) / 1000));
    return `${options.baseUrl}/__storage/${bucket}/${cloudPath}?sign=${urlSign(cloudPath, t)}&t=${t}`;
  }

  interface UrlRequest {
    fileID: string;
    maxAge: number;
  }

  /** The names a refusal uses: the SDK's wire names, or wx.cloud's for the dev route. */
  const WIRE_NAMES = { list: 'file_list', entry: '{ fileid, max_age? } with a non-empty fileid', maxAge: 'max_age' };
  const CLIENT_NAMES = { list: 'fileList', entry: 'a fileID or { fileID, maxAge }', maxAge: 'maxAge' };

  /** Checks a file_list of { fileid, max_age? }; a message when the whole request is refused. */
  function readUrlRequests(list: unknown, names = WIRE_NAMES): UrlRequest[] | string {
    if (!Array.isArray(list) || list.length === 0) return `${names.list} must be a non-empty array`;
    if (list.length > MAX_FILES_PER_CALL) return `at most ${MAX_FILES_PER_CALL} files per call, got ${list.length}`;
    const out: UrlRequest[] = [];
    for (const entry of list) {
      const item = entry as { fileid?: unknown; max_age?: unknown } | null;
      if (!item || typeof item !== 'object' || typeof item.fileid !== 'string' || !item.fileid) return `each ${names.list} entry must be ${names.entry}`;
      const maxAge = item.max_age ?? DEFAULT_MAX_AGE_SECONDS;
      if (typeof maxAge !== 'number' || !Number.isFinite(maxAge) || maxAge <= 0) return `${names.maxAge} must be a positive number of seconds, got ${JSON.stringify(item.max_age)}`;
      out.push({ fileID: item.fileid, maxAge });
    }
    return out;
  }

  /** download_list: one entry per request, in order; a failure is per file, with CloudBase's code. */
  function downloadList(requests: UrlRequest[]): Wire[] {
    return requests.map(({ fileID, maxAge }) => {
      const resolved = resolveFileId(fileID);
      const failed = (code: string) => ({ fileID, tempFileURL: '', code, message: CLIENT_STATUS[code].errMsg, maxAge });
      if ('code' in resolved) return failed(resolved.code);
      if (!objects.stat(resolved.cloudPath)) return failed(StorageCode.FILE_NONEXIST);
      return { fileID, tempFileURL: tempUrl(resolved.cloudPath, maxAge), code: StorageCode.SUCCESS, maxAge };
    });
  }

  function deleteList(list: unknown): Wire[] | string {
    if (!Array.isArray(list) || list.length === 0) return 'fileid_list must be a non-empty array';
    if (list.length > MAX_FILES_PER_CALL) return `at most ${MAX_FILES_PER_CALL} files per call, got ${list.length}`;
    if (!list.every((f) => typeof f === 'string' && f)) return 'each fileid_list entry must be a non-empty string';
    return (list as string[]).map((fileID) => {
      const resolved = resolveFileId(fileID);
      const code = 'code' in resolved ? resolved.code : objects.remove(resolved.cloudPath) ? StorageCode.SUCCESS : StorageCode.FILE_NONEXIST;
      return code === StorageCode.SUCCESS ? { fileID, code } : { fileID, code, message: CLIENT_STATUS[code].errMsg };
    });
  }

  function uploadMetadata(body: Wire): Wire {
    const cloudPath = body.path;
    const problem = cloudPathProblem(cloudPath);
    if (problem) return tcbError(StorageCode.INVALID_PARAM, problem);
    if (body.method !== undefined && body.method !== 'put') return tcbError(StorageCode.INVALID_PARAM, 'the local cloud serves uploads by PUT only (method: "put", what wx-server-sdk sends)');
    const path = cloudPath as string;
    const start = nowSeconds();
    const keyTime = `${start};${start + UPLOAD_AUTHORIZATION_SECONDS}`;
    const authorization = `q-sign-algorithm=sha1&q-ak=AKIDlocalcloud&q-sign-time=${keyTime}&q-key-time=${keyTime}&q-header-list=&q-url-param-list=&q-signature=${uploadSign(path, keyTime)}`;
    return {
      requestId: randomUUID(),
      data: {
        url: objectUrl(path),
        token: randomBytes(24).toString('base64url'),
        authorization,
        fileId: fileIdOf(path),
        cosFileId: Buffer.from(mac('sha256', `fileid\n${path}`).slice(0, 36), 'hex').toString('base64'),
        download_url: objectUrl(path),
      },
    };
  }

  return {
    bucket,
    maxFileBytes,

    /** A `storage.*` action wx-server-sdk posted to /admin → the JSON to answer. */
    handle(action: string, body: Wire): Wire {
      if (action === 'storage.getUploadMetadata') return uploadMetadata(body);
      if (action === 'storage.batchGetDownloadUrl') {
        const requests = readUrlRequests(body.file_list);
        if (typeof requests === 'string') return tcbError(StorageCode.INVALID_PARAM, requests);
        return { requestId: randomUUID(), data: { download_list: downloadList(requests) } };
      }
      if (action === 'storage.batchDeleteFile') {
        const deleted = deleteList(body.fileid_list);
        if (typeof deleted === 'string') return tcbError(StorageCode.INVALID_PARAM, deleted);
        return { requestId: randomUUID(), data: { delete_list: deleted } };
      }
      return tcbError(StorageCode.ACTION_NOT_SUPPORTED, `the local cloud does not serve ${action}; it serves uploadFile, getTempFileURL, deleteFile and downloadFile`);
    },

    /**
     * PUT /__storage/<bucket>/<cloudPath>: the upload getUploadMetadata authorized. `body` is the
     * bytes, or how many there were when they exceeded maxFileBytes (the gateway stops keeping them).
     * Success is 200 with an empty body (the SDK parses the body as XML; empty means ok).
     */
    putObject(inBucket: string, cloudPath: string, authorization: string | undefined, body: Buffer | { tooLarge: number }): ObjectAnswer {
      const resource = `/${inBucket}/${cloudPath}`;
      if (inBucket !== bucket) return cosError(404, 'NoSuchBucket', 'The specified bucket does not exist.', resource);
      const problem = cloudPathProblem(cloudPath);
      if (problem) return cosError(400, 'InvalidURI', problem, resource);
      const params = new URLSearchParams(authorization ?? '');
      const keyTime = params.get('q-key-time') ?? '';
      const signature = params.get('q-signature') ?? '';
      if (!authorization || !/^\d+;\d+$/.test(keyTime) || !sameText(signature, uploadSign(cloudPath, keyTime))) {
        return cosError(403, 'SignatureDoesNotMatch', 'The calculated signature does not match the one given: ask storage.getUploadMetadata for this cloudPath.', resource);
      }
      if (nowSeconds() > Number(keyTime.split(';')[1])) return cosError(403, 'AccessDenied', 'Request has expired', resource);
      if (!Buffer.isBuffer(body)) {
        return cosError(400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed object size (${maxFileBytes} bytes in the local cloud; this one has ${body.tooLarge}).`, resource);
      }
      objects.put(cloudPath, body);
      return { status: 200, headers: { 'content-length': 0, etag: `"${mac('sha256', body.toString('base64')).slice(0, 32)}"` }, body: Buffer.alloc(0) };
    },

    /** GET (or HEAD) /__storage/<bucket>/<cloudPath>?sign=…&t=…: a temporary URL. */
    getObject(inBucket: string, cloudPath: string, query: URLSearchParams): ObjectAnswer {
      const resource = `/${inBucket}/${cloudPath}`;
      if (inBucket !== bucket) return cosError(404, 'NoSuchBucket', 'The specified bucket does not exist.', resource);
      const t = query.get('t') ?? '';
      const sign = query.get('sign') ?? '';
      if (!/^\d{1,12}$/.test(t) || !sameText(sign, urlSign(cloudPath, t))) return cosError(403, 'AccessDenied', 'Access Denied: the URL is not a temporary URL getTempFileURL gave (sign and t)', resource);
      const remaining = Number(t) - options.now().getTime() / 1000;
      if (remaining < 0) return cosError(403, 'AccessDenied', 'Request has expired: ask getTempFileURL for a new URL', resource);
      const bytes = objects.get(cloudPath);
      if (!bytes) return cosError(404, 'NoSuchKey', 'The specified key does not exist.', resource);
      return {
        status: 200,
        headers: {
          'content-type': contentTypeOf(cloudPath),
          'content-length': bytes.length,
          'cache-control': `private, max-age=${Math.floor(remaining)}`,
          // Served from the dev gateway's own origin: a stored HTML or SVG opened directly must not run script there.
          'content-security-policy': 'sandbox',
          'x-content-type-options': 'nosniff',
        },
        body: bytes,
      };
    },

    /** The preview's upload (POST /__dev/storage/upload): what wx.cloud.uploadFile resolves with. */
    upload(cloudPath: unknown, bytes: Buffer): { fileID: string } {
      const problem = cloudPathProblem(cloudPath);
      if (problem) throw new StorageError(StorageCode.INVALID_PARAM, problem);
      if (bytes.length > maxFileBytes) throw new StorageError('ENTITY_TOO_LARGE', `a file may be at most ${maxFileBytes} bytes, this one has ${bytes.length}`, 413);
      objects.put(cloudPath as string, bytes);
      return { fileID: fileIdOf(cloudPath as string) };
    },

    /**
     * The preview's getTempFileURL (POST /__dev/storage/tempUrls): `fileList` as wx.cloud takes it
     * (fileIDs, or { fileID, maxAge }), answered as wx.cloud.getTempFileURL's fileList.
     */
    tempUrls(fileList: unknown): ClientTempUrl[] {
      const wire = !Array.isArray(fileList) ? fileList : fileList.map((f: unknown) => {
        if (typeof f === 'string') return { fileid: f };
        const item = f as { fileID?: unknown; maxAge?: unknown } | null;
        return item && typeof item === 'object' ? { fileid: item.fileID, max_age: item.maxAge } : { fileid: undefined };
      });
      const requests = readUrlRequests(wire, CLIENT_NAMES);
      if (typeof requests === 'string') throw new StorageError(StorageCode.INVALID_PARAM, requests);
      return downloadList(requests).map((item) => ({
        fileID: item.fileID as string,
        tempFileURL: item.tempFileURL as string,
        maxAge: item.maxAge as number,
        ...CLIENT_STATUS[item.code as string],
      }));
    },

    /** POST /__dev/reset: every object goes (the signing key stays). */
    reset(): void {
      objects.clear();
    },
  };
}

export type StorageService = ReturnType<typeof createStorageService>;
