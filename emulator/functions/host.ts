// The function host: a pool of warm worker threads per cloud function, one invocation per
// worker at a time (wx-server-sdk keeps the caller's identity in process.env), with the
// environment WeChat Cloud sets for each call. See worker.cjs for the instance side.

import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { FUNCTION_NOT_FOUND_MESSAGE, FunctionErrorCode } from './codes.js';
import { baseEnv, invocationEnv } from './env.js';
import { sdkBundleFor } from './sdkBundle.js';
import { createScheduler, readTriggers, timerEventTime } from '../timers/triggers.js';
import type { FunctionHost, FunctionHostOptions, InvokeContext, InvokeOutcome, TriggerInfo } from './types.js';

const WORKER_FILE = path.join(__dirname, 'worker.cjs');
const MEMORY_LIMIT_MB = 256;
const INIT_TIMEOUT_MS = 60_000;
/** Tokens stay resolvable a little after the call ends: fire-and-forget SDK calls may still be in flight. */
const TOKEN_GRACE_MS = 60_000;
/** Same rule as WeChat function names; also keeps `name` from escaping functionsDir. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

interface Task {
  name: string;
  modulePath: string;
  event: unknown;
  ctx: InvokeContext;
  resolve: (outcome: InvokeOutcome) => void;
}

interface Running {
  task: Task;
  id: number;
  token: string;
  startedAtMs: number;
  timer: NodeJS.Timeout;
  /** Database requests made so far, and after how many an injected crash kills the instance. */
  dbRequests: number;
  crashAfter?: number;
  transactions: string[];
}

interface Instance {
  worker: Worker;
  /** mtime of index.js when this instance loaded it; a rebuilt function gets fresh instances. */
  codeVersion: number;
  retired: boolean;
  crash?: Error;
  current?: Running;
}

interface Pool {
  instances: Set<Instance>;
  queue: Task[];
}

function failure(errCode: number, errMsg: string, durationMs = 0, stack?: string): InvokeOutcome {
  return stack === undefined ? { ok: false, errCode, errMsg, durationMs } : { ok: false, errCode, errMsg, durationMs, stack };
}

export function createFunctionHost(opts: FunctionHostOptions): FunctionHost {
  const maxConcurrent = opts.maxConcurrentPerFunction ?? 8;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const pools = new Map<string, Pool>();
  const tokens = new Map<string, InvokeContext>();
  /** The function each live token's invocation runs (open API permissions are per function). */
  const tokenFunctions = new Map<string, string>();
  const running = new Map<string, { pool: Pool; inst: Instance }>();
  const armedCrashes = new Map<string, number>();
  const tokenTimers = new Set<NodeJS.Timeout>();
  let counts: Record<string, number> = {};
  let seq = 0;
  let closed = false;
  const sdkBundle = sdkBundleFor(opts.functionsDir);

  function modulePathOf(name: string): string | null {
    if (!FUNCTION_NAME.test(name)) return null;
    const file = path.join(opts.functionsDir, name, 'index.js');
    return fs.existsSync(file) ? file : null;
  }

  function codeVersion(file: string): number {
    try {
      return fs.statSync(file).mtimeMs;
    } catch {
      return -1;
    }
  }

  function poolOf(name: string): Pool {
    let pool = pools.get(name);
    if (!pool) {
      pool = { instances: new Set(), queue: [] };
      pools.set(name, pool);
    }
    return pool;
  }

  function spawn(pool: Pool, version: number): Instance {
    const worker = new Worker(WORKER_FILE, {
      env: baseEnv(),
      workerData: { coverageDir: opts.coverageDir, sdkBundle },
      execArgv: [], // built functions are plain JS: no tsx loader in the instance
      resourceLimits: { maxOldGenerationSizeMb: MEMORY_LIMIT_MB },
    });
    const inst: Instance = { worker, codeVersion: version, retired: false };
    worker.on('message', (msg: WorkerReply) => {
      const cur = inst.current;
      if (!cur || cur.id !== msg.id) return;
      if (msg.type === 'started') {
        // The code is loaded: restart the clock so a cold start does not eat the time limit.
        clearTimeout(cur.timer);
        cur.timer = setTimeout(() => timeOut(pool, inst), timeoutMs);
        cur.startedAtMs = Date.now();
        return;
      }
      const durationMs = Date.now() - cur.startedAtMs;
      if (msg.ok) {
        finish(pool, inst, { ok: true, result: msg.json === undefined ? undefined : JSON.parse(msg.json), durationMs });
      } else {
        const { name, message, stack } = msg.error;
        finish(pool, inst, failure(FunctionErrorCode.FUNCTIONS_EXECUTE_FAIL, `functions execute fail: ${name}: ${message}`, durationMs, stack));
      }
    });
    worker.on('error', (err) => {
      inst.crash = err;
    });
    worker.on('exit', (code) => {
      pool.instances.delete(inst);
      const cur = inst.current;
      if (cur) {
        const why = inst.crash ? `${inst.crash.name}: ${inst.crash.message}` : `instance exited with code ${code}`;
        finish(pool, inst, failure(FunctionErrorCode.FUNCTIONS_EXECUTE_FAIL, `functions execute fail: ${why}`, Date.now() - cur.startedAtMs, inst.crash?.stack));
      }
      pump(pool);
    });
    worker.unref(); // an idle instance must not keep the emulator process alive
    pool.instances.add(inst);
    return inst;
  }

  function run(pool: Pool, inst: Instance, task: Task): void {
    const id = ++seq;
    const token = randomBytes(16).toString('hex');
    tokens.set(token, task.ctx);
    tokenFunctions.set(token, task.name);
    const contextFields = {
      callbackWaitsForEmptyEventLoop: false,
      function_name: task.name,
      function_version: '$LATEST',
      namespace: opts.envId,
      memory_limit_in_mb: MEMORY_LIMIT_MB,
      time_limit_in_ms: timeoutMs,
      request_id: randomUUID(),
      tencentcloud_region: 'ap-shanghai',
    };
    const env = invocationEnv(opts, task.name, task.ctx, token);
    // Until the code is loaded only a generous start-up guard runs (SCF times initialisation
    // separately); the 'started' message then arms the real time limit.
    const timer = setTimeout(() => timeOut(pool, inst), Math.max(timeoutMs, INIT_TIMEOUT_MS));
    const crashAfter = armedCrashes.get(task.name);
    armedCrashes.delete(task.name);
    inst.current = { task, id, token, startedAtMs: Date.now(), timer, dbRequests: 0, crashAfter, transactions: [] };
    running.set(token, { pool, inst });
    inst.worker.ref();
    inst.worker.postMessage({ id, modulePath: task.modulePath, event: task.event, contextFields, env, timeLimitMs: timeoutMs });
  }

  /** With a coverage directory, an instance writes its coverage before it goes (at most 5 s). */
  function flushCoverage(inst: Instance): Promise<void> {
    if (!opts.coverageDir || inst.current) return Promise.resolve();
    return new Promise((done) => {
      const timer = setTimeout(done, 5000);
      inst.worker.on('message', (msg: { type?: string }) => {
        if (msg.type !== 'coverageWritten') return;
        clearTimeout(timer);
        done();
      });
      inst.worker.postMessage({ type: 'flushCoverage' });
    });
  }

  function timeOut(pool: Pool, inst: Instance): void {
    const cur = inst.current;
    if (!cur) return;
    const seconds = Math.round(timeoutMs / 100) / 10;
    finish(pool, inst, failure(FunctionErrorCode.FUNCTIONS_TIME_LIMIT_EXCEEDED, `Invoking task timed out after ${seconds} seconds`, Date.now() - cur.startedAtMs));
    // SCF kills a timed-out instance; whatever it was doing must not bleed into the next call.
    pool.instances.delete(inst);
    void inst.worker.terminate();
    pump(pool);
  }

  function finish(pool: Pool, inst: Instance, outcome: InvokeOutcome): void {
    const cur = inst.current;
    if (!cur) return;
    inst.current = undefined;
    running.delete(cur.token);
    clearTimeout(cur.timer);
    const t = setTimeout(() => {
      tokens.delete(cur.token);
      tokenFunctions.delete(cur.token);
      tokenTimers.delete(t);
    }, TOKEN_GRACE_MS);
    t.unref();
    tokenTimers.add(t);
    inst.worker.unref();
    if (inst.retired && pool.instances.has(inst)) {
      pool.instances.delete(inst);
      void inst.worker.terminate();
    }
    cur.task.resolve(outcome);
    queueMicrotask(() => pump(pool));
  }

  function pump(pool: Pool): void {
    if (closed || pool.queue.length === 0) return;
    const version = codeVersion(pool.queue[0].modulePath);
    for (const inst of pool.instances) {
      if (inst.codeVersion === version) continue;
      inst.retired = true;
      if (!inst.current) {
        pool.instances.delete(inst);
        void inst.worker.terminate();
      }
    }
    while (pool.queue.length > 0) {
      let inst = [...pool.instances].find((i) => !i.current && !i.retired);
      if (!inst) {
        if (pool.instances.size >= maxConcurrent) return; // queued until an instance frees up
        inst = spawn(pool, version);
      }
      run(pool, inst, pool.queue.shift()!);
    }
  }

  function invoke(name: string, event: unknown, ctx: InvokeContext): Promise<InvokeOutcome> {
    if (closed) return Promise.resolve(failure(FunctionErrorCode.FUNCTIONS_EXECUTE_FAIL, 'functions execute fail: function host is closed'));
    const modulePath = modulePathOf(name);
    if (!modulePath) return Promise.resolve(failure(FunctionErrorCode.FUNCTION_NOT_FOUND, `${FUNCTION_NOT_FOUND_MESSAGE} (${name})`));
    let wireEvent: unknown;
    try {
      // The platform carries events as JSON: Dates arrive as strings, undefined keys vanish.
      wireEvent = JSON.parse(JSON.stringify(event ?? {}));
    } catch (err) {
      return Promise.resolve(failure(FunctionErrorCode.FUNCTIONS_EXECUTE_FAIL, `functions execute fail: event is not JSON-serialisable: ${(err as Error).message}`));
    }
    counts[name] = (counts[name] ?? 0) + 1;
    const fullCtx: InvokeContext = { ...ctx, appid: ctx.appid ?? opts.appId };
    const pool = poolOf(name);
    return new Promise((resolve) => {
      pool.queue.push({ name, modulePath, event: wireEvent, ctx: fullCtx, resolve });
      pump(pool);
    });
  }

  function names(): string[] {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(opts.functionsDir, { withFileTypes: true });
    } catch {
      return [];
    }
    return entries
      .filter((e) => e.isDirectory() && FUNCTION_NAME.test(e.name) && fs.existsSync(path.join(opts.functionsDir, e.name, 'index.js')))
      .map((e) => e.name)
      .sort();
  }

  const triggers = (): TriggerInfo[] => readTriggers(opts.functionsDir, names());

  const scheduler = createScheduler(triggers, (trigger, at) =>
    invoke(trigger.functionName, { Type: 'Timer', TriggerName: trigger.triggerName, Time: timerEventTime(at) }, { source: 'wx_trigger' }),
  );

  return {
    names,
    exists: (name) => modulePathOf(name) !== null,
    invoke,
    contextForToken: (token) => tokens.get(token),
    functionForToken: (token) => tokenFunctions.get(token),
    armCrash(name, afterDatabaseRequests) {
      armedCrashes.set(name, afterDatabaseRequests);
    },
    databaseRequestDone(token, openedTransaction) {
      const found = running.get(token);
      const cur = found?.inst.current;
      if (!found || !cur || cur.token !== token) return { crashed: false };
      cur.dbRequests += 1;
      if (openedTransaction) cur.transactions.push(openedTransaction);
      if (cur.crashAfter === undefined || cur.dbRequests < cur.crashAfter) return { crashed: false };
      // Killed mid-flight: the request is applied, the instance never hears back, its call fails.
      finish(found.pool, found.inst, failure(FunctionErrorCode.FUNCTIONS_EXECUTE_FAIL, `functions execute fail: instance crashed after ${cur.dbRequests} database requests (injected)`, Date.now() - cur.startedAtMs));
      found.pool.instances.delete(found.inst);
      void found.inst.worker.terminate();
      return { crashed: true, openTransactions: cur.transactions };
    },
    triggers,
    fireTrigger(name) {
      const list = triggers();
      const trigger = list.find((t) => t.triggerName === name) ?? list.find((t) => t.functionName === name);
      if (!trigger) return Promise.resolve(failure(FunctionErrorCode.FUNCTION_NOT_FOUND, `no timer trigger named ${name}`));
      return scheduler.run(trigger, opts.devNow() ?? new Date());
    },
    startScheduler: () => scheduler.start(),
    stopScheduler: () => scheduler.stop(),
    invocationCounts: () => ({ ...counts }),
    resetCounts() {
      counts = {};
    },
    async close() {
      closed = true;
      scheduler.stop();
      for (const t of tokenTimers) clearTimeout(t);
      tokenTimers.clear();
      tokens.clear();
      tokenFunctions.clear();
      const waits: Array<Promise<number>> = [];
      for (const pool of pools.values()) {
        for (const task of pool.queue.splice(0)) {
          task.resolve(failure(FunctionErrorCode.FUNCTIONS_EXECUTE_FAIL, 'functions execute fail: function host closed'));
        }
        for (const inst of pool.instances) waits.push(flushCoverage(inst).then(() => inst.worker.terminate()));
      }
      await Promise.all(waits);
      pools.clear();
    },
  };
}

type WorkerReply =
  | { type: 'started'; id: number }
  | { type: 'done'; id: number; ok: true; json?: string }
  | { type: 'done'; id: number; ok: false; error: { name: string; message: string; stack?: string } };
