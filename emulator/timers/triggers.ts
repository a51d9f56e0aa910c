// Timer triggers: read from <fn>/config.json as the WeChat devtools upload them, and a
// scheduler on the real wall clock (the dev clock is for business time inside functions,
// not for deciding when the platform calls them). The function host (../functions/host.ts) owns a
// scheduler and says what firing a trigger means; nothing here knows how a function runs.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Cron7, nextFire, parseCron } from './cron.js';

export interface TriggerInfo {
  functionName: string;
  triggerName: string;
  /** The 7-field cron as written in config.json. */
  cron: string;
}

/** What the scheduler needs to know of a fired trigger's outcome: a failure is logged. */
export type TimerOutcome = { ok: true } | { ok: false; errCode: number; errMsg: string };

interface TriggerConfigFile {
  triggers?: Array<{ name?: unknown; type?: unknown; config?: unknown }>;
}

const cronCache = new Map<string, Cron7 | Error>();
const warned = new Set<string>();

function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[functions] ${message}`);
}

/** Parsed cron or null (bad expressions are reported once, then skipped, like a failed deploy). */
export function cachedCron(expr: string): Cron7 | null {
  let parsed = cronCache.get(expr);
  if (!parsed) {
    try {
      parsed = parseCron(expr);
    } catch (err) {
      parsed = err as Error;
    }
    cronCache.set(expr, parsed);
  }
  if (parsed instanceof Error) {
    warnOnce(`cron:${expr}`, `timer trigger skipped: ${parsed.message}`);
    return null;
  }
  return parsed;
}

export function readTriggers(functionsDir: string, functionNames: string[]): TriggerInfo[] {
  const out: TriggerInfo[] = [];
  for (const functionName of functionNames) {
    const file = path.join(functionsDir, functionName, 'config.json');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // no config.json: no triggers
    }
    let config: TriggerConfigFile;
    try {
      config = JSON.parse(text) as TriggerConfigFile;
    } catch (err) {
      warnOnce(`json:${file}:${text}`, `${file} is not valid JSON: ${(err as Error).message}`);
      continue;
    }
    for (const t of config.triggers ?? []) {
      if (t.type !== 'timer') continue;
      if (typeof t.name !== 'string' || typeof t.config !== 'string') {
        warnOnce(`shape:${file}:${text}`, `${file}: a timer trigger needs string "name" and "config"`);
        continue;
      }
      out.push({ functionName, triggerName: t.name, cron: t.config });
    }
  }
  return out;
}

/** SCF writes Time without milliseconds: "2019-02-21T11:49:00Z". */
export function timerEventTime(at: Date): string {
  return new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export interface Scheduler<Outcome extends TimerOutcome = TimerOutcome> {
  start(): void;
  stop(): void;
  /** Runs a trigger, recording that it is in flight so the scheduler never overlaps it. */
  run(trigger: TriggerInfo, at: Date): Promise<Outcome>;
}

export function createScheduler<Outcome extends TimerOutcome>(
  list: () => TriggerInfo[],
  invoke: (trigger: TriggerInfo, at: Date) => Promise<Outcome>,
): Scheduler<Outcome> {
  const running = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let lastTickMs = 0;

  const key = (t: TriggerInfo) => `${t.functionName}/${t.triggerName}`;

  async function run(trigger: TriggerInfo, at: Date): Promise<Outcome> {
    running.add(key(trigger));
    try {
      return await invoke(trigger, at);
    } finally {
      running.delete(key(trigger));
    }
  }

  function tick(): void {
    const nowMs = Date.now();
    for (const trigger of list()) {
      const cron = cachedCron(trigger.cron);
      if (!cron) continue;
      const due = nextFire(cron, new Date(lastTickMs));
      // Fire at most once per tick even if several slots were missed (e.g. the laptop slept).
      if (!due || due.getTime() > nowMs) continue;
      if (running.has(key(trigger))) continue; // previous run still going: skip this slot
      void run(trigger, due).then((outcome) => {
        if (!outcome.ok) {
          console.warn(`[functions] timer ${key(trigger)} failed: ${outcome.errCode} ${outcome.errMsg}`);
        }
      });
    }
    lastTickMs = nowMs;
    schedule();
  }

  function schedule(): void {
    // Wake just after each whole second so "second" fields land on time.
    timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
    timer.unref();
  }

  return {
    run,
    start() {
      if (timer) return;
      lastTickMs = Date.now();
      schedule();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
