import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Sockets a test client keeps open to one emulator. Calls beyond this queue in the client, so a
 * storm of 5,000 simultaneous calls reuses these connections instead of opening 5,000 (fetch's
 * default), which the kernel's listen queue and the ephemeral ports would have to absorb. Still far
 * above the function host's 8 instances per function, so server-side concurrency is unchanged.
 */
export const CLIENT_MAX_SOCKETS = 128;
/** An idle client socket is closed after this, well before the emulator's 65 s keep-alive timeout. */
const CLIENT_IDLE_MS = 10_000;

export interface EmulatorInstance {
  url: string;
  dataDir: string;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** kill -9, as a crash would. */
  kill(): Promise<void>;
  /** POST JSON to a path of the emulator. */
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  get<T = unknown>(path: string): Promise<{ status: number; body: T }>;
  /** Call a function through the gateway as `openid`; returns what main returned (throws on a 500). */
  call<T = unknown>(name: string, data: unknown, openid?: string): Promise<T>;
}

export interface StartOptions {
  seed?: 'demo' | 'empty';
  /** Reuse a data directory (restart after a crash); a new temp one by default. */
  dataDir?: string;
  env?: Record<string, string>;
  /**
   * Record V8 coverage for npm test's report of functions/ (when LOCAL_CLOUD_COVERAGE_DIR is set).
   * Default on; the crash and storm tests turn it off: they repeat what other tests cover, and
   * coverage would cost them a third of their time.
   */
  coverage?: boolean;
  /** Timer triggers on their schedule; off by default so tests fire them explicitly. */
  scheduler?: boolean;
  /**
   * A query that reads a whole collection of over 1,000 documents because no index serves it fails
   * the test when the cloud is stopped (the production database would scan it too). Only a test of
   * the scan report itself turns this off.
   */
  unindexedScansAllowed?: boolean;
  /** How long the cloud may take to load its data directory and answer (default 30 s; benchmarks with a million documents need more). */
  readyTimeoutMs?: number;
}

/** A real emulator in its own process, on a free port, with its own data directory. */
export async function startEmulator(options: StartOptions = {}): Promise<EmulatorInstance> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'local-cloud-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'emulator', 'main.ts')], {
    cwd: ROOT,
    // LOCAL_CLOUD_COVERAGE_DIR (set by npm test) reaches the cloud only where coverage is wanted.
    env: { ...withoutCoverage(process.env), ...(process.env.LOCAL_CLOUD_COVERAGE_DIR && options.coverage !== false ? { LOCAL_CLOUD_COVERAGE_DIR: process.env.LOCAL_CLOUD_COVERAGE_DIR } : {}), PORT: '0', CLOUD_DATA_DIR: dataDir, CLOUD_SEED: options.seed ?? 'empty', CLOUD_SCHEDULER: options.scheduler ? 'on' : 'off', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForReady(child, options.readyTimeoutMs ?? 30_000);
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENT_MAX_SOCKETS, timeout: CLIENT_IDLE_MS });
  void exited.then(() => agent.destroy());

  function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise<{ status: number; body: T }>((ok, fail) => {
      const req = httpRequest(url + path, {
        method,
        agent,
        headers: { 'content-type': 'application/json', ...(payload ? { 'content-length': String(payload.length) } : {}), ...headers },
      });
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            ok({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
          } catch (err) {
            fail(err);
          }
        });
      });
      req.end(payload);
    });
  }

  return {
    url,
    dataDir,
    async stop() {
      type Scans = { sinceStart: number; byCollection: Record<string, number> };
      let scans: Scans | null = null;
      if (child.exitCode === null && !options.unindexedScansAllowed) scans = (await request<{ database: { unindexedScans: Scans } }>('GET', '/__dev/stats')).body.database.unindexedScans;
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (scans?.sinceStart) throw new Error(`${scans.sinceStart} unindexed scan(s) of a collection over 1,000 documents (last reset: ${JSON.stringify(scans.byCollection)}): declare an index in database/schema.json that serves the query (the cloud's log names it)`);
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    post: (path, body, headers) => request('POST', path, body ?? {}, headers),
    get: (path) => request('GET', path),
    async call<T>(name: string, data: unknown, openid?: string) {
      const res = await request<{ result: T; errCode?: number; errMsg?: string }>('POST', `/functions/${name}`, { data }, openid ? { 'x-openid': openid } : {});
      if (res.status !== 200) throw new Error(`${name} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.result;
    },
  };
}

function withoutCoverage(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LOCAL_CLOUD_COVERAGE_DIR: _dir, ...rest } = env;
  return rest;
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((ok, fail) => {
    let output = '';
    let ready = false;
    const timer = setTimeout(() => fail(new Error(`emulator did not start in ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    // Keep draining both pipes for the child's whole life: a full pipe would block its writes.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (ready) {
        if (process.env.EMULATOR_LOGS) process.stdout.write(chunk);
        return;
      }
      output += chunk.toString();
      const match = output.match(/ready at (http:\/\/127\.0\.0\.1:\d+)/);
      if (match) {
        ready = true;
        clearTimeout(timer);
        ok(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (!ready) output += chunk.toString();
      if (process.env.EMULATOR_LOGS) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`emulator exited with ${code} before it was ready:\n${output}`));
    });
  });
}
