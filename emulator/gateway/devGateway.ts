import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalDatabase, Seeds } from '../database';
import type { FunctionHost } from '../functions';
import type { OpenApiService } from '../openApi';
import { resolveCloudIds } from '../openApi/cloudId';
import type { PayService } from '../payment';
import type { DevClock } from '../timers';
import { HttpError, readJson, sendJson } from './http';
import type { createConnectionStats, createDatabaseStats } from './stats';

export interface DevGatewayDeps {
  db: LocalDatabase;
  host: FunctionHost;
  pay: PayService;
  stats: ReturnType<typeof createDatabaseStats>;
  connections: ReturnType<typeof createConnectionStats>;
  clock: DevClock;
  seeds: Seeds;
  openApi: OpenApiService;
}

const OPENID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** POST /functions/:name — a mini-program client's callFunction, as the user whose openid is the x-openid header. */
export async function handleGatewayCall(req: IncomingMessage, res: ServerResponse, name: string, deps: DevGatewayDeps): Promise<void> {
  if (!deps.host.names().includes(name)) {
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

/** The /__dev/* control hooks that tests, benchmarks and the preview use. */
export async function handleDevRoute(req: IncomingMessage, res: ServerResponse, path: string, deps: DevGatewayDeps): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'GET' && path === '/__dev/stats') {
    const database = { ...deps.stats.snapshot(), unindexedScans: deps.db.unindexedScans() };
    sendJson(res, 200, { database, invocations: deps.host.invocationCounts(), connections: deps.connections.snapshot() });
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
    deps.db.resetUnindexedScans();
    deps.connections.reset();
    deps.host.resetCounts();
    sendJson(res, 200, { ok: true });
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
    sendJson(res, 200, { ok: true, seed, loaded });
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
