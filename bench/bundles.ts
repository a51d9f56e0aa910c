/**
 * Each cloud function's bundle: its size against the 200 KB target (scripts/functions-budget.mjs) and
 * its cold start — the milliseconds a fresh Node process takes to load wx-server-sdk, require the
 * bundle and answer a first trivial call (an empty event: a request that fails its schema, a timer
 * called by no trigger, a malformed pay notification), which needs no database. Node's own start is
 * not counted. The bundles are built as deployed (minified, no source map) into a temporary folder,
 * so cloudfunctions/ is left as the tests built it; wx-server-sdk is loaded the way the local cloud
 * loads it (its single-file bundle, emulator/functions/sdkBundle.ts; LOCAL_CLOUD_SDK_BUNDLE=off: as
 * installed). Each figure is the median of `runs` fresh processes. Prints nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildFunctions, functionNames } from '../scripts/build-functions.mjs';
import { FUNCTION_BUNDLE_BUDGET_BYTES } from '../scripts/functions-budget.mjs';
import { sdkBundleFor } from '@emulator/functions/sdkBundle';

const ROOT = resolve(__dirname, '..');

export interface BundleFigures {
  kb: number;
  withinTarget: boolean;
  /** Loading the SDK, requiring the bundle and answering the first call. */
  coldStartMs: number;
  /** Of which: requiring the bundle (the SDK already loaded)… */
  requireMs: number;
  /** …and answering the first call. */
  firstCallMs: number;
  /** The CPU time of requiring the bundle and answering (user + system): steadier than the clock on a busy machine. */
  bundleCpuMs: number;
}

export interface BundleBench {
  targetKb: number;
  runs: number;
  sdk: 'single-file bundle' | 'as installed';
  /** Loading wx-server-sdk alone: the part of every cold start that is not the bundle's (median over all runs). */
  sdkMs: number;
  functions: Record<string, BundleFigures>;
  largest: { name: string; kb: number };
  slowest: { name: string; coldStartMs: number };
  allWithinTarget: boolean;
}

/** Runs in the fresh process: times each stage and writes them as JSON. */
const PROBE = `
const Module = require('node:module');
const [sdk, bundle] = process.argv.slice(1);
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'wx-server-sdk' ? sdk : resolveFilename.call(this, request, ...rest); };
const t0 = performance.now();
require('wx-server-sdk');
const t1 = performance.now();
const cpu = process.cpuUsage();
const { main } = require(bundle);
const t2 = performance.now();
Promise.resolve(main({}, {})).then((answer) => {
  const t3 = performance.now();
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ sdkMs: t1 - t0, requireMs: t2 - t1, firstCallMs: t3 - t2, bundleCpuMs: (used.user + used.system) / 1000, answer }));
  process.exit(0);
}, (err) => { console.error(err); process.exit(1); });
`;

interface Probe {
  sdkMs: number;
  requireMs: number;
  firstCallMs: number;
  bundleCpuMs: number;
  answer: unknown;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * The first call must be answered as each kind of function answers an empty event: a request that
 * fails its schema (不支持的操作), a timer refusing anyone but its trigger, the pay callback refusing
 * what is not a payment notification.
 */
function answeredAsExpected(answer: unknown): boolean {
  const a = answer as { error?: { code?: string }; refused?: unknown; errcode?: unknown } | null;
  return !!a && (a.error?.code === 'INVALID_ARGUMENT' || typeof a.refused === 'string' || a.errcode === 403);
}

/** `dir`: measure the bundles already built there (cloudfunctions/, an older build) instead of building them. */
export async function bundleBench({ runs = 5, dir }: { runs?: number; dir?: string } = {}): Promise<BundleBench> {
  const outDir = dir ?? mkdtempSync(join(tmpdir(), 'bundle-bench-'));
  try {
    const names = dir ? functionNames() : await buildFunctions({ quiet: true, outDir });
    const sdkBundle = sdkBundleFor(join(ROOT, 'cloudfunctions'));
    const sdk = sdkBundle ?? createRequire(join(ROOT, 'cloudfunctions', 'index.js')).resolve('wx-server-sdk');
    // A function's few variables (emulator/functions/env.ts), none that names a caller: the first call is anonymous.
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: tmpdir() } as unknown as NodeJS.ProcessEnv;
    const functions: Record<string, BundleFigures> = {};
    const sdkSamples: number[] = [];
    for (const name of names) {
      const bundle = join(outDir, name, 'index.js');
      const samples: Probe[] = [];
      for (let i = 0; i < runs; i += 1) {
        const out = execFileSync(process.execPath, ['-e', PROBE, sdk, bundle], { cwd: outDir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
        const probe = JSON.parse(out) as Probe;
        if (!answeredAsExpected(probe.answer)) throw new Error(`${name} answered its first call with ${JSON.stringify(probe.answer)}`);
        samples.push(probe);
      }
      sdkSamples.push(...samples.map((s) => s.sdkMs));
      const kb = statSync(bundle).size / 1024;
      functions[name] = {
        kb: round1(kb),
        withinTarget: kb * 1024 <= FUNCTION_BUNDLE_BUDGET_BYTES,
        coldStartMs: round1(median(samples.map((s) => s.sdkMs + s.requireMs + s.firstCallMs))),
        requireMs: round1(median(samples.map((s) => s.requireMs))),
        firstCallMs: round1(median(samples.map((s) => s.firstCallMs))),
        bundleCpuMs: round1(median(samples.map((s) => s.bundleCpuMs))),
      };
    }
    const entries = Object.entries(functions);
    const [largestName, largest] = entries.reduce((a, b) => (b[1].kb > a[1].kb ? b : a));
    const [slowestName, slowest] = entries.reduce((a, b) => (b[1].coldStartMs > a[1].coldStartMs ? b : a));
    return {
      targetKb: FUNCTION_BUNDLE_BUDGET_BYTES / 1024,
      runs,
      sdk: sdkBundle ? 'single-file bundle' : 'as installed',
      sdkMs: round1(median(sdkSamples)),
      functions,
      largest: { name: largestName, kb: largest.kb },
      slowest: { name: slowestName, coldStartMs: slowest.coldStartMs },
      allWithinTarget: entries.every(([, f]) => f.withinTarget),
    };
  } finally {
    if (!dir) rmSync(outDir, { recursive: true, force: true });
  }
}
