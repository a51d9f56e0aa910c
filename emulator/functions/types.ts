// Public contract of the function host. Kept apart from the implementation so the
// server, the pay service and tests depend on shapes, not on the worker pool.

import type { TriggerInfo } from '../timers/triggers.js';

export type { TriggerInfo };

export interface InvokeContext {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** 'wx_client' | 'wx_trigger' | 'wx_paycallback' | 'wx_client,scf' ... (what getWXContext().SOURCE shows) */
  source: string;
  clientIp?: string;
}

export type InvokeOutcome =
  | { ok: true; result: unknown; durationMs: number }
  | { ok: false; errCode: number; errMsg: string; durationMs: number; stack?: string };

export interface FunctionHostOptions {
  /** Folder holding <name>/index.js (each exporting main(event, context)). */
  functionsDir: string;
  /** Admin URL the function's SDK talks to, e.g. http://127.0.0.1:PORT/admin (put in TCB_CONTEXT_CNFG). */
  tcbUrl: string;
  /** TCB_ENV / SCF_NAMESPACE. */
  envId: string;
  /** WX_APPID when the caller gives none. */
  appId: string;
  /** The dev clock: non-null → LOCAL_CLOUD_NOW=<ISO> for the invocation. */
  devNow: () => Date | null;
  /**
   * Variables set "in the console", per function name: an invocation of `name` gets functionEnv[name]
   * and nothing else, as each function has its own environment variables in production. Default none.
   */
  functionEnv?: Record<string, Record<string, string>>;
  /** Warm instances per function; further invocations queue. Default 8. */
  maxConcurrentPerFunction?: number;
  /** Where instances write V8 coverage of the functions they ran, when they close (for test coverage). */
  coverageDir?: string;
  /** Execution time limit per invocation; queueing and loading the code (cold start) are not counted, as on SCF. Default 60000. */
  timeoutMs?: number;
}

export interface FunctionHost {
  names(): string[];
  /** Whether `name` is a deployed function (one file check; names() lists the folder). */
  exists(name: string): boolean;
  invoke(name: string, event: unknown, ctx: InvokeContext): Promise<InvokeOutcome>;
  /** Which invocation a request from inside a function belongs to (body.wxCloudApiToken = its WX_API_TOKEN). */
  contextForToken(token: string): InvokeContext | undefined;
  /** The name of the function whose invocation holds `token` (what its config.json permits). */
  functionForToken(token: string): string | undefined;
  triggers(): TriggerInfo[];
  /** By trigger name or function name (one trigger per function on WeChat). */
  fireTrigger(name: string): Promise<InvokeOutcome>;
  startScheduler(): void;
  stopScheduler(): void;
  invocationCounts(): Record<string, number>;
  resetCounts(): void;
  /**
   * Crash injection, for tests of what a crash leaves behind: the next invocation of `name` dies (its
   * instance is killed, as kill -9 would) right after its `afterDatabaseRequests`-th database request
   * has been applied, before the answer reaches it.
   */
  armCrash(name: string, afterDatabaseRequests: number): void;
  /**
   * Counts a database request made by the invocation holding `token` (and the transaction it opened,
   * if it started one). When that invocation is to die now, answers the transactions it opened: the
   * caller ends them, as the service would once their time limit passed — recovery runs minutes later.
   */
  databaseRequestDone(token: string, openedTransaction?: string): { crashed: false } | { crashed: true; openTransactions: string[] };
  close(): Promise<void>;
}
