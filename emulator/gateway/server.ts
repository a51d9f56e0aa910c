import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalDatabase, Seeds } from '../database';
import type { FunctionHost } from '../functions';
import type { OpenApiService } from '../openApi';
import type { PayService } from '../payment';
import { handleGetObject, handlePutObject, type StorageService } from '../storage';
import type { DevClock } from '../timers';
import { handleDevRoute, handleGatewayCall } from './devGateway';
import { HttpError, isLoopback, sendJson } from './http';
import { handleSdkRequest } from './sdkApi';
import { serveStatic } from './static';
import { createConnectionStats, createDatabaseStats, createRequestCapture, createStorageStats } from './stats';

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

/** The services the HTTP surface routes to. */
export interface GatewayServices {
  db: LocalDatabase;
  host: FunctionHost;
  pay: PayService;
  clock: DevClock;
  /** cloud.openapi.* (subscription messages) and their dev state. */
  openApi: OpenApiService;
  /** Cloud storage: the SDK's storage.* actions, the object PUTs and GETs, the preview's dev routes. */
  storage: StorageService;
  /** The datasets POST /__dev/reset may load. */
  seeds: Seeds;
}

export interface GatewayOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Served to any other GET (an H5 build; a hash router's every page is index.html). None by default. */
  staticDir?: string;
}

export interface Gateway {
  /** http://127.0.0.1:<port> */
  url: string;
  /**
   * Starts answering with these services. Apart from listening because the function host must know
   * the URL its SDK calls go to before it exists; until then every request answers 503.
   */
  serve(services: GatewayServices): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** The local cloud's one HTTP server, on 127.0.0.1, answering loopback callers only. */
export async function openGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const stats = createDatabaseStats();
  const storageStats = createStorageStats();
  const connections = createConnectionStats();
  const capture = createRequestCapture();
  let services: GatewayServices | undefined;

  const server = createServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS });
  server.on('connection', (socket) => connections.track(socket));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => ok());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

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
    if (!services) throw new HttpError(503, 'STARTING', 'the local cloud is starting');
    const deps = { ...services, stats, storageStats, connections, capture };
    const { pathname: path, searchParams } = new URL(req.url ?? '/', url);
    if (req.method === 'POST' && path === '/admin') {
      connections.sdkRequest(req.socket);
      return handleSdkRequest(req, res, deps);
    }
    const call = path.match(/^\/functions\/([A-Za-z0-9_-]+)$/);
    if (call && req.method === 'POST') return handleGatewayCall(req, res, call[1], deps);
    // Cloud storage's objects, as COS serves them: the SDK's signed upload, and temporary URLs.
    const storageObject = path.match(/^\/__storage\/([^/]+)\/(.+)$/);
    if (req.method === 'PUT' && storageObject) {
      storageStats.count('cos.putObject');
      return handlePutObject(req, res, services.storage, storageObject[1], storageObject[2]);
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && storageObject) {
      storageStats.count('cos.getObject');
      return handleGetObject(res, services.storage, storageObject[1], storageObject[2], searchParams);
    }
    if (path.startsWith('/__dev/')) return handleDevRoute(req, res, path, deps);
    if (req.method === 'GET' && serveStatic(res, options.staticDir, path)) return;
    throw new HttpError(404, 'NOT_FOUND', `${req.method} ${path} is not served`);
  }

  return {
    url,
    serve(given) {
      services = given;
    },
    async close() {
      // A connection that finishes its call from now on closes at once instead of idling on.
      server.keepAliveTimeout = 1;
      await new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections?.();
    },
  };
}
