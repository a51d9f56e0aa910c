import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createDevClock } from './clock';
import { openDatabase, type DatabaseSchema } from './db';
import { handleDevRoute, handleGatewayCall } from './devGateway';
import { createFunctionHost } from './functions';
import { createPayService } from './functions/pay';
import { HttpError, isLoopback, sendJson } from './http';
import { handleSdkRequest } from './sdkApi';
import { loadSeed, type SeedName } from './seeds';
import { createDatabaseStats } from './stats';
import { serveStatic } from './static';

const PROJECT_ROOT = resolve(__dirname, '..');

/** Variables a function reads from its environment in production (set per function in the console). */
export const CONSOLE_ENV_KEYS = ['ADMIN_OPENIDS', 'VOUCHER_SECRET', 'WXPAY_SUB_MCH_ID'] as const;

export interface LocalCloudOptions {
  port?: number;
  dataDir: string;
  /** Dataset loaded when the data directory holds no data yet. */
  seedWhenNew?: SeedName;
  functionsDir?: string;
  staticDir?: string;
  envId?: string;
  /** Values for CONSOLE_ENV_KEYS; defaults come from this process's environment. */
  functionEnv?: Record<string, string>;
  scheduler?: boolean;
}

export interface LocalCloud {
  url: string;
  close(): Promise<void>;
}

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const envId = options.envId ?? 'local-dev';
  const clock = createDevClock();
  const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'database', 'schema.json'), 'utf8')) as DatabaseSchema;
  const db = openDatabase({ dataDir, now: () => clock.now(), schema });
  if (options.seedWhenNew && db.isEmpty()) loadSeed(db, options.seedWhenNew, clock.now());
  const stats = createDatabaseStats();

  const server = createServer();
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const host = createFunctionHost({
    functionsDir: resolve(options.functionsDir ?? join(PROJECT_ROOT, 'cloudfunctions')),
    tcbUrl: `${url}/admin`,
    envId,
    appId: 'wx-local-dev',
    devNow: () => clock.frozenAt(),
    passEnv: options.functionEnv ?? consoleEnvFromProcess(),
  });
  const pay = createPayService(host, { envId, now: () => clock.now() });
  const deps = { db, host, pay, stats, clock };
  const staticDir = options.staticDir ?? join(PROJECT_ROOT, 'dist', 'h5');

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) sendJson(res, err.status, { errCode: err.errCode, errMsg: err.message });
      else {
        console.error('[local cloud] request failed', err);
        if (!res.headersSent) sendJson(res, 500, { errCode: -1, errMsg: 'local cloud internal error' });
      }
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Everything here is a development surface: nothing but this machine may reach it.
    if (!isLoopback(req.socket.remoteAddress)) throw new HttpError(403, 'FORBIDDEN', 'the local cloud answers loopback only');
    const path = new URL(req.url ?? '/', url).pathname;
    if (req.method === 'POST' && path === '/admin') return handleSdkRequest(req, res, deps);
    const call = path.match(/^\/functions\/([A-Za-z0-9_-]+)$/);
    if (call && req.method === 'POST') return handleGatewayCall(req, res, call[1], deps);
    if (path.startsWith('/__dev/')) return handleDevRoute(req, res, path, deps);
    if (req.method === 'GET' && serveStatic(res, staticDir, path)) return;
    throw new HttpError(404, 'NOT_FOUND', `${req.method} ${path} is not served`);
  }

  if (options.scheduler ?? true) host.startScheduler();

  return {
    url,
    async close() {
      host.stopScheduler();
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections?.();
      await host.close();
      db.close();
    },
  };
}

function consoleEnvFromProcess(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of CONSOLE_ENV_KEYS) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}
