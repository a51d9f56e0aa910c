// Fixture factory: a function host over test fixtures, plus a tiny admin-API server so the
// real wx-server-sdk inside fixtures can reach callFunction and cloudPay.

import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createFunctionHost, type FunctionHost, type FunctionHostOptions, handleFunctionsInvoke } from '@emulator/functions/index.js';
import { createPayService, handleWxPayApiHttp, type PayService } from '@emulator/payment/index.js';

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');
export const ENV_ID = 'test-env';
export const APP_ID = 'wxtestapp0000001';

export interface Harness {
  host: FunctionHost;
  pay: PayService;
  url: string;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHarness(overrides: Partial<FunctionHostOptions> = {}, now = () => new Date()): Promise<Harness> {
  // The server is created before the host (the host needs its URL), so it reads them from here.
  const deps: { host?: FunctionHost; pay?: PayService } = {};
  const server = http.createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const contentType = req.headers['content-type'] ?? '';
      if (contentType.startsWith('multipart/form-data')) {
        const answer = await handleWxPayApiHttp(deps.pay!, raw, contentType);
        res.writeHead(answer.status, { 'content-type': answer.contentType });
        res.end(answer.body);
        return;
      }
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const answer =
        body.action === 'functions.invokeFunction'
          ? await handleFunctionsInvoke(deps.host!, body)
          : { code: 'INVALID_PARAM', message: `test server does not serve ${String(body.action)}` };
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(answer));
    })().catch((err: Error) => {
      res.writeHead(500);
      res.end(err.message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin`;
  const host = createFunctionHost({
    functionsDir: FIXTURES_DIR,
    tcbUrl: url,
    envId: ENV_ID,
    appId: APP_ID,
    devNow: () => null,
    ...overrides,
  });
  const pay = createPayService(host, { envId: ENV_ID, now });
  Object.assign(deps, { host, pay });
  return {
    host,
    pay,
    url,
    async close() {
      await host.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** What fixtures return: untyped JSON that tests read freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixture results are dynamic JSON
export type Loose = Record<string, any>;

/** Narrows an outcome to success, failing the test with the error otherwise. */
export function okResult<T = Loose>(outcome: { ok: boolean; result?: unknown; errMsg?: string }): T {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome)}`);
  return outcome.result as T;
}
