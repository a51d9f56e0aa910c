import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { LocalDatabase } from '../database';
import { handleFunctionsInvoke, type FunctionHost } from '../functions';
import { handleOpenApi, type OpenApiService } from '../openApi';
import { handleWxPayApiHttp, type PayService } from '../payment';
import type { StorageService } from '../storage';
import { readBody, sendJson } from './http';
import type { createDatabaseStats, createRequestCapture, createStorageStats } from './stats';

export interface SdkApiDeps {
  db: LocalDatabase;
  host: FunctionHost;
  pay: PayService;
  openApi: OpenApiService;
  storage: StorageService;
  stats: ReturnType<typeof createDatabaseStats>;
  storageStats: ReturnType<typeof createStorageStats>;
  capture: ReturnType<typeof createRequestCapture>;
}

/**
 * POST /admin: what wx-server-sdk sends when TCB_CONTEXT_CNFG points here. JSON bodies carry
 * `database.*`, `functions.invokeFunction` and `storage.*` (cloud storage, whose uploads and
 * downloads then go to /__storage/); multipart bodies carry the `wx.*` open APIs (cloud payment, and
 * `wx.openApi` for cloud.getOpenData and cloud.openapi.subscribeMessage.send). The answer is the JSON
 * the real service would give.
 */
export async function handleSdkRequest(req: IncomingMessage, res: ServerResponse, deps: SdkApiDeps): Promise<void> {
  const raw = await readBody(req);
  const contentType = String(req.headers['content-type'] ?? '');
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const action = String(form.get('action') ?? '');
    const token = String(form.get('wxCloudApiToken') ?? '');
    if (action === 'wx.wxPayApi') {
      const answer = await handleWxPayApiHttp(deps.pay, raw, contentType, deps.host.contextForToken(token));
      res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': answer.body.length });
      res.end(answer.body);
      return;
    }
    if (action === 'wx.openApi') {
      const answer = handleOpenApi(raw, contentType, deps.openApi, { functionName: deps.host.functionForToken(token) });
      res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': answer.body.length });
      res.end(answer.body);
      return;
    }
    sendJson(res, 200, { code: 'ACTION_NOT_SUPPORTED', message: `the local cloud does not serve ${action || 'this action'}`, requestId: randomUUID() });
    return;
  }
  let body: Record<string, unknown>;
  const text = raw.toString('utf8');
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    sendJson(res, 200, { code: 'INVALID_PARAM', message: 'body is not JSON', requestId: randomUUID() });
    return;
  }
  const action = String(body.action ?? '');
  if (action.startsWith('database.')) {
    deps.stats.count(action, body.collectionName);
    if (deps.capture.armed) deps.capture.record(text);
    const answer = await deps.db.handle(action, body);
    // An injected crash: the request is applied, but its instance is gone before the answer arrives.
    const opened = action === 'database.startTransaction' && typeof answer.transactionId === 'string' ? answer.transactionId : undefined;
    const outcome = deps.host.databaseRequestDone(String(body.wxCloudApiToken ?? ''), opened);
    if (outcome.crashed) {
      for (const id of outcome.openTransactions) deps.db.abortTransaction(id);
      req.socket.destroy();
      return;
    }
    sendJson(res, 200, answer);
    return;
  }
  if (action.startsWith('storage.')) {
    deps.storageStats.count(action);
    sendJson(res, 200, deps.storage.handle(action, body));
    return;
  }
  if (action === 'functions.invokeFunction') {
    sendJson(res, 200, await handleFunctionsInvoke(deps.host, body));
    return;
  }
  sendJson(res, 200, { code: 'ACTION_NOT_SUPPORTED', message: `the local cloud does not serve ${action || 'this action'}`, requestId: randomUUID() });
}
