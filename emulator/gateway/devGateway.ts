import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalDatabase, Seeds } from '../database';
import { MultipartError, parseMultipart, type FunctionHost, type MultipartPart } from '../functions';
import type { OpenApiService } from '../openApi';
import { resolveCloudIds } from '../openApi/cloudId';
import type { PayService } from '../payment';
import { StorageCode, StorageError, type StorageService } from '../storage';
import type { DevClock } from '../timers';
import { HttpError, readBody, readJson, sendJson } from './http';
import { MAX_CAPTURED_REQUESTS, type createConnectionStats, type createDatabaseStats, type createRequestCapture, type createStorageStats } from './stats';

export interface DevGatewayDeps {
  db: LocalDatabase;
  host: FunctionHost;
  pay: PayService;
  stats: ReturnType<typeof createDatabaseStats>;
  connections: ReturnType<typeof createConnectionStats>;
  clock: DevClock;
  seeds: Seeds;
  openApi: OpenApiService;
  storage: StorageService;
  storageStats: ReturnType<typeof createStorageStats>;
  capture: ReturnType<typeof createRequestCapture>;
}

const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** POST /functions/:name — a mini-program client's callFunction, as the user whose openid is the x-openid header. */
export async function handleGatewayCall(req: IncomingMessage, res: ServerResponse, name: string, deps: DevGatewayDeps): Promise<void> {
  // One file check per call, not a listing of the functions folder.
  if (!deps.host.exists(name)) {
    sendJson(res, 404, { errCode: -501000, errMsg: `FunctionName parameter could not be found: ${name}` });
    return;
  }
  const body = await readJson(req);
  const openidHeader = req.headers['x-openid'];
  const openid = typeof openidHeader === 'string' && openidHeader ? openidHeader : undefined;
  if (openid && !OPENID_PATTERN.test(openid)) throw new HttpError(400, 'INVALID_OPENID', 'x-openid must be 1-64 letters, digits, _ or -');
  const event = resolveCloudIds(body.data ?? {});
  const outcome = await deps.host.invoke(name, event, { openid, source: 'wx_client', clientIp: '127.0.0.1' });
  if (outcome.ok) sendJson(res, 200, { result: outcome.result });
  else sendJson(res, 500, { errCode: outcome.errCode, errMsg: outcome.errMsg });
}

/** Room for the multipart framing and the cloudPath part around the largest file the preview may upload. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** A multipart/form-data body's parts by name; 413 over `maxBytes`, 400 when it is not multipart. */
async function readForm(req: IncomingMessage, maxBytes: number): Promise<Record<string, MultipartPart | undefined>> {
  let raw: Buffer;
  try {
    raw = await readBody(req, maxBytes);
  } catch (err) {
    if (err instanceof HttpError && err.status === 413) throw new HttpError(413, 'ENTITY_TOO_LARGE', `the form may be at most ${maxBytes} bytes`);
    throw err;
  }
  try {
    return Object.fromEntries(parseMultipart(raw, String(req.headers['content-type'] ?? '')));
  } catch (err) {
    if (err instanceof MultipartError) throw new HttpError(400, 'INVALID_ARGUMENT', err.message);
    throw err;
  }
}

/** Runs a storage operation for a dev route: a refusal becomes the route's error answer. */
function storageCall<T>(operation: () => T): T {
  try {
    return operation();
  } catch (err) {
    if (err instanceof StorageError) throw new HttpError(err.httpStatus, err.code === StorageCode.INVALID_PARAM ? 'INVALID_ARGUMENT' : err.code, err.message);
    throw err;
  }
}

/** The /__dev/* control hooks that tests, benchmarks and the preview use. */
export async function handleDevRoute(req: IncomingMessage, res: ServerResponse, path: string, deps: DevGatewayDeps): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/__dev/stats') {
    const database = { ...deps.stats.snapshot(), unindexedScans: deps.db.unindexedScans() };
    sendJson(res, 200, { database, storage: deps.storageStats.snapshot(), invocations: deps.host.invocationCounts(), connections: deps.connections.snapshot() });
    return;
  }
  if (method === 'GET' && path === '/__dev/capture') {
    // The database requests kept since POST /__dev/capture, as their raw JSON bodies; capturing stops.
    sendJson(res, 200, { requests: deps.capture.take() });
    return;
  }
  if (method === 'GET' && path === '/__dev/clock') {
    sendJson(res, 200, { now: deps.clock.now().toISOString(), frozen: deps.clock.frozenAt() !== null });
    return;
  }
  if (method === 'GET' && path === '/__dev/messages') {
    // Subscription messages accepted by cloud.openapi.subscribeMessage.send, oldest first.
    sendJson(res, 200, deps.openApi.subscribe.messages());
    return;
  }
  const collection = path.match(/^\/__dev\/collections\/([A-Za-z0-9_-]+)$/);
  if (method === 'GET' && collection) {
    // Read-only look at stored documents (relaxed JSON), for tests and for debugging the preview.
    sendJson(res, 200, { documents: deps.db.dump(collection[1]) });
    return;
  }
  if (method === 'POST' && path === '/__dev/storage/upload') {
    // The preview's wx.cloud.uploadFile: multipart/form-data (what Taro.uploadFile sends, name 'file') with the cloudPath as a field.
    deps.storageStats.count('dev.upload');
    const body = await readForm(req, deps.storage.maxFileBytes + FORM_OVERHEAD_BYTES);
    const file = body.file;
    if (!file) throw new HttpError(400, 'INVALID_ARGUMENT', 'the form must carry the file as the part named file');
    sendJson(res, 200, storageCall(() => deps.storage.upload(body.cloudPath?.data.toString('utf8'), file.data)));
    return;
  }
  if (method !== 'POST') throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${method} ${path} is not served`);
  const body = await readJson(req);
  if (path === '/__dev/crash') {
    const name = typeof body.function === 'string' ? body.function : '';
    const after = body.afterDatabaseRequests;
    if (!deps.host.names().includes(name) || !Number.isInteger(after) || (after as number) < 1) {
      throw new HttpError(400, 'INVALID_PARAM', 'body must be { function: <a function>, afterDatabaseRequests: <integer ≥ 1> }');
    }
    deps.host.armCrash(name, after as number);
    sendJson(res, 200, { armed: { function: name, afterDatabaseRequests: after } });
    return;
  }
  if (path === '/__dev/stats/reset') {
    deps.stats.reset();
    deps.storageStats.reset();
    deps.db.resetUnindexedScans();
    deps.connections.reset();
    deps.host.resetCounts();
    sendJson(res, 200, { ok: true });
    return;
  }
  if (path === '/__dev/capture') {
    const { max } = body;
    if (!Number.isInteger(max) || (max as number) < 0 || (max as number) > MAX_CAPTURED_REQUESTS) {
      throw new HttpError(400, 'INVALID_ARGUMENT', `max must be an integer from 0 to ${MAX_CAPTURED_REQUESTS}`);
    }
    deps.capture.arm(max as number);
    sendJson(res, 200, { capturing: max });
    return;
  }
  if (path === '/__dev/clock') {
    const { now } = body;
    if (now === null) deps.clock.set(null);
    else if (typeof now === 'string' && !Number.isNaN(Date.parse(now))) deps.clock.set(new Date(now));
    else throw new HttpError(400, 'INVALID_ARGUMENT', 'now must be an ISO 8601 instant or null');
    sendJson(res, 200, { now: deps.clock.now().toISOString(), frozen: deps.clock.frozenAt() !== null });
    return;
  }
  if (path === '/__dev/reset') {
    const seed = body.seed ?? 'empty';
    if (!deps.seeds.has(seed)) throw new HttpError(400, 'INVALID_ARGUMENT', `seed must be ${deps.seeds.describe()}`);
    const loaded = deps.seeds.load(deps.db, seed, deps.clock.now());
    deps.pay.reset();
    deps.openApi.subscribe.reset();
    deps.storage.reset();
    sendJson(res, 200, { ok: true, seed, loaded });
    return;
  }
  if (path === '/__dev/storage/tempUrls') {
    // The preview's wx.cloud.getTempFileURL: the same temporary URLs cloud.getTempFileURL gives a function.
    deps.storageStats.count('dev.tempUrls');
    sendJson(res, 200, { fileList: storageCall(() => deps.storage.tempUrls(body.fileList)) });
    return;
  }
  if (path === '/__dev/subscriptions') {
    // A user's one-time accepts of a template (what wx.requestSubscribeMessage would have granted).
    const { openid, templateId, count } = body;
    if (typeof openid !== 'string' || !OPENID_PATTERN.test(openid)) throw new HttpError(400, 'INVALID_ARGUMENT', 'openid must be 1-64 letters, digits, _ or -');
    if (typeof templateId !== 'string' || !deps.openApi.subscribe.knowsTemplate(templateId)) {
      throw new HttpError(400, 'INVALID_ARGUMENT', 'templateId must be a non-empty template id (one of subscribeTemplates when the project declares them)');
    }
    if (!Number.isInteger(count) || (count as number) < 0 || (count as number) > 10_000) throw new HttpError(400, 'INVALID_ARGUMENT', 'count must be an integer from 0 to 10000');
    deps.openApi.subscribe.setAccepts(openid, templateId, count as number);
    sendJson(res, 200, { openid, templateId, count: deps.openApi.subscribe.accepts(openid, templateId) });
    return;
  }
  const trigger = path.match(/^\/__dev\/trigger\/([A-Za-z0-9_-]+)$/);
  if (trigger) {
    // A function's name fires its first trigger; a trigger's own name fires that one (a function may have several).
    if (!deps.host.triggers().some((t) => t.functionName === trigger[1] || t.triggerName === trigger[1])) throw new HttpError(404, 'NOT_FOUND', `no timer trigger for ${trigger[1]}`);
    const outcome = await deps.host.fireTrigger(trigger[1]);
    sendJson(res, outcome.ok ? 200 : 500, outcome.ok ? { result: outcome.result } : { errCode: outcome.errCode, errMsg: outcome.errMsg });
    return;
  }
  const pay = path.match(/^\/__dev\/pay\/([^/]+)$/);
  if (pay) {
    const result = body.result ?? 'SUCCESS';
    const times = body.times ?? 1;
    if (result !== 'SUCCESS' && result !== 'FAIL') throw new HttpError(400, 'INVALID_ARGUMENT', 'result must be SUCCESS or FAIL');
    if (!Number.isInteger(times) || (times as number) < 1 || (times as number) > 100) throw new HttpError(400, 'INVALID_ARGUMENT', 'times must be an integer from 1 to 100');
    const outTradeNo = decodeURIComponent(pay[1]);
    if (!deps.pay.hasOrder(outTradeNo)) throw new HttpError(404, 'NOT_FOUND', `no unifiedOrder recorded for ${outTradeNo}`);
    const outcomes = await deps.pay.deliver(outTradeNo, result, times as number);
    sendJson(res, 200, { deliveries: outcomes.map((o) => (o.ok ? { result: o.result } : { errCode: o.errCode, errMsg: o.errMsg })) });
    return;
  }
  throw new HttpError(404, 'NOT_FOUND', `${path} is not a dev route`);
}
