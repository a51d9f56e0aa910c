import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createDevClock } from './clock';
import { openDatabase, type DatabaseSchema } from './db';
import { ServiceRecords } from './db/storage';
import { handleDevRoute, handleGatewayCall } from './devGateway';
import { createFunctionHost } from './functions';
import { createPayService } from './functions/pay';
import { createDurablePayStore } from './functions/payStore';
import { HttpError, isLoopback, sendJson } from './http';
import { handleSdkRequest } from './sdkApi';
import { loadSeed, type SeedName } from './seeds';
import { createConnectionStats, createDatabaseStats } from './stats';
import { serveStatic } from './static';

const PROJECT_ROOT = resolve(__dirname, '..');

/**
 * Connections the kernel may queue before the server accepts them: a storm of 5,000 callers at once
 * must wait in the queue, not be dropped and retried or reset (Node's default is 511). Linux caps it
 * at net.core.somaxconn (4096 on many machines; raise it with sysctl to hold more).
 */
const LISTEN_BACKLOG = 8192;
/**
 * An idle keep-alive connection stays open this long. It must outlast the clients' own idle timers
 * (Node's global agent in the function instances: 5 s; the test client: 10 s), so the client always
 * closes first and never reuses a socket the server is closing at that instant (an ECONNRESET).
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface LocalCloudOptions {
  port?: number;
  dataDir: string;
  /** Dataset loaded when the data directory holds no data yet. */
  seedWhenNew?: SeedName;
  functionsDir?: string;
  staticDir?: string;
  envId?: string;
  /**
   * Console variables per function name (e.g. { staff: { VOUCHER_SECRET: '…' } }): each function sees
   * only its own, as in production. main.ts builds this from cloudbaserc.json. Default: none.
   */
  functionEnv?: Record<string, Record<string, string>>;
  scheduler?: boolean;
  /** Where function instances write V8 coverage of the bundles they ran when the cloud closes (npm test). */
  coverageDir?: string;
  /** Real-time limit of a database transaction (30 s, as the real service); crash tests shorten it. */
  transactionTimeoutMs?: number;
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
  const db = openDatabase({ dataDir, now: () => clock.now(), schema, transactionTimeoutMs: options.transactionTimeoutMs });
  // Cloud payment's records live in the same durable file: paid orders stay refundable after a restart.
  const records = new ServiceRecords(dataDir);
  if (options.seedWhenNew && db.isEmpty()) loadSeed(db, options.seedWhenNew, clock.now());
  const stats = createDatabaseStats();
  const connections = createConnectionStats();

  const server = createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS });
  server.on('connection', (socket) => connections.track(socket));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const host = createFunctionHost({
    functionsDir: resolve(options.functionsDir ?? join(PROJECT_ROOT, 'cloudfunctions')),
    tcbUrl: `${url}/admin`,
    envId,
    appId: 'wx-local-dev',
    devNow: () => clock.frozenAt(),
    functionEnv: options.functionEnv ?? {},
    coverageDir: options.coverageDir,
  });
  const pay = createPayService(host, { envId, now: () => clock.now(), store: createDurablePayStore(records) });
  const deps = { db, host, pay, stats, connections, clock };
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
    if (req.method === 'POST' && path === '/admin') {
      connections.sdkRequest(req.socket);
      return handleSdkRequest(req, res, deps);
    }
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
      // A connection that finishes its call from now on closes at once instead of idling on.
      server.keepAliveTimeout = 1;
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections?.();
      await host.close();
      records.close();
      db.close();
    },
  };
}
