import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseSchema, type LocalDatabase } from '@emulator/database';

type Cloud = typeof import('wx-server-sdk');
/**
 * wx-server-sdk's declarations type every call as `void | Promise<T>` (callback overloads), which
 * would need a cast on each await; tests only use the promise form, so the database is untyped here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WxDatabase = any;

export interface Harness {
  /** The emulator's database, for seeding and inspecting. */
  local: LocalDatabase;
  /** wx-server-sdk's database, talking to `local` over HTTP exactly as a cloud function would. */
  db: WxDatabase;
  _: WxDatabase;
  /** The dev clock handed to the database (serverDate); tests move it by assigning `clock.now`. */
  clock: { now: Date };
  dataDir: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  schema?: DatabaseSchema;
  transactionTimeoutMs?: number;
  /** Receives the database's warnings (unindexed scans); console.warn by default. */
  warn?: (message: string) => void;
}

export const FIXED_NOW = new Date('2025-06-01T08:00:00.000Z');

/**
 * A fresh database in a temp dir behind a tiny HTTP server that speaks the wire protocol the way
 * the emulator's server does, with the real wx-server-sdk pointed at it through TCB_CONTEXT_CNFG.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-db-test-'));
  const clock = { now: FIXED_NOW };
  const local = openDatabase({
    dataDir,
    now: () => clock.now,
    schema: options.schema ?? { collections: {} },
    transactionTimeoutMs: options.transactionTimeoutMs,
    warn: options.warn,
  });
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const out = await local.handle(String(body.action), body);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(out));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  // The SDK re-reads TCB_CONTEXT_CNFG on every request; the secrets only need to exist.
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` });
  process.env.TENCENTCLOUD_SECRETID = 'x';
  process.env.TENCENTCLOUD_SECRETKEY = 'y';
  process.env.TCB_ENV = 'dev';
  // What a real cloud function runs with. Without TENCENTCLOUD_RUNENV=SCF, @cloudbase/node-sdk probes
  // http://metadata.tencentyun.com before every request; offline those DNS lookups hang for seconds.
  process.env.TENCENTCLOUD_RUNENV = 'SCF';
  process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
  process.env.SCF_NAMESPACE = 'dev';
  const cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV } as unknown as Parameters<Cloud['init']>[0]);
  const db: WxDatabase = cloud.database();

  return {
    local,
    db,
    _: db.command,
    clock,
    dataDir,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      local.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Matcher for assert.rejects: the SDK error carries the numeric errCode and the service message. */
export function sdkError(errCode: number, messagePart?: string): (e: unknown) => boolean {
  return (e: unknown) => {
    const err = e as { errCode?: number; errMsg?: string };
    if (err.errCode !== errCode) throw new Error(`expected errCode ${errCode}, got ${err.errCode}: ${err.errMsg}`);
    if (messagePart && !String(err.errMsg).includes(messagePart)) {
      throw new Error(`expected errMsg to include ${messagePart}, got: ${err.errMsg}`);
    }
    return true;
  };
}

/** Matcher for a raw service error object, as the SDK rethrows it from commit/rollback. */
export function serviceError(code: string): (e: unknown) => boolean {
  return (e: unknown) => {
    const err = e as { code?: string; message?: string };
    if (err.code !== code) throw new Error(`expected code ${code}, got ${err.code}: ${err.message}`);
    return true;
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
