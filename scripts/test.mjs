// `npm test`: typecheck, lint, build the functions and both app targets, hold the weapp budget,
// then every test on jest (projects: unit, weapp render, emulator, function integration against real
// local clouds, browser end to end), and the coverage of core/ and functions/.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildFunctions } from './build-functions.mjs';
import { reportFunctionsCoverage } from './coverage.mjs';
import { ROOT, run, step, taroBuild } from './run.mjs';
import { checkWeappBudget } from './weapp-budget.mjs';
import { checkH5Budget } from './h5-budget.mjs';
import { checkFunctionsBudget } from './functions-budget.mjs';

const TEST_BUDGET_SECONDS = 600;
const LOCAL_CLOUD_COVERAGE = join(ROOT, '.coverage', 'local-cloud');
const JEST_RESULTS = join(ROOT, '.coverage', 'jest-results.json');

/** Seconds per test file of this run, for test/sequencer.js to start the longest first next time. */
function writeDurations(resultsFile, durationsFile) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const seconds = Object.fromEntries(
    results.testResults
      .map((r) => [relative(ROOT, r.name), Math.round((r.endTime - r.startTime) / 100) / 10])
      .sort((a, b) => b[1] - a[1]),
  );
  writeFileSync(durationsFile, `${JSON.stringify(seconds, null, 2)}\n`);
  console.log(`wrote ${Object.keys(seconds).length} test file durations to ${relative(ROOT, durationsFile)}`);
}

const started = Date.now();
const steps = [];
try {
  // Two cores: what does not depend on each other runs side by side.
  steps.push(await step('typecheck and lint', () => Promise.all([run('tsc', ['--noEmit', '-p', '.']), run('eslint', ['.'])])));
  // With source maps, so that the coverage of what the local clouds ran maps back to functions/.
  steps.push(await step('build cloud functions', () => buildFunctions({ sourcemap: true })));
  steps.push(await step('cloud function bundles budget (200 KB each)', () => checkFunctionsBudget()));
  // The two app builds write to their own dist/ folders and mostly wait on one core each: side by side.
  // The H5 preview for the browser tests unminified (the mini-program stays minified: its budget is checked next).
  rmSync(join(ROOT, '.coverage'), { recursive: true, force: true });
  // Core coverage (and its 90% floor) is jest's own, from the unit tests that run core/ in process
  // (the other layers run it inside bundles, local clouds and browsers, where jest cannot see it).
  // The unit tests read no build output, so they may run beside the app builds (measured: no faster than
  // one after the other, 69 s against 41 + 29 s, but no slower; never beside the local-cloud layers).
  steps.push(
    ...(await Promise.all([
      step('build weapp and H5 preview', () => Promise.all([taroBuild('weapp'), taroBuild('h5', { TARO_MINIFY: 'off' })])),
      step('unit tests with coverage of core/ (jest)', () => run('jest', ['--ci', '--coverage', '--selectProjects', 'unit'])),
    ])),
  );
  steps.push(await step('weapp main package budget', async () => checkWeappBudget()));
  steps.push(await step('H5 preview JavaScript budget (1 MB minified)', () => checkH5Budget()));
  steps.push(await step('browser for end-to-end tests', () => run(process.execPath, [join(ROOT, 'scripts', 'ensure-chromium.mjs')])));
  // The layers that start local clouds and browsers spend most of their time waiting on them: two
  // files at a time keep both cores busy, and nothing else runs beside them (a crash test under extra
  // load is a flaky one). The local clouds write V8 coverage of functions/.
  steps.push(
    await step('weapp, local cloud, function and browser tests (jest, 2 at a time)', () =>
      run('jest', ['--ci', '--maxWorkers=2', '--selectProjects', 'weapp', 'emulator', 'functions', 'e2e', '--json', `--outputFile=${JEST_RESULTS}`], { env: { LOCAL_CLOUD_COVERAGE_DIR: LOCAL_CLOUD_COVERAGE } }),
    ),
  );
  if (process.env.UPDATE_TEST_DURATIONS) writeDurations(JEST_RESULTS, join(ROOT, 'test', 'durations.json'));
  steps.push(
    await step('coverage of functions/', () =>
      reportFunctionsCoverage({ coverageDir: LOCAL_CLOUD_COVERAGE, root: ROOT, outFile: join(ROOT, '.coverage', 'functions', 'summary.json') }),
    ),
  );
} catch (err) {
  console.error(`\n✘ ${err.message}`);
  process.exit(1);
}
const total = (Date.now() - started) / 1000;
console.log(`\nnpm test finished in ${total.toFixed(1)} s: ${steps.map((s) => `${s.name} ${s.seconds} s`).join(' · ')}`);
if (total > TEST_BUDGET_SECONDS) {
  console.error(`✘ npm test took ${total.toFixed(1)} s, over its ${TEST_BUDGET_SECONDS} s budget`);
  process.exit(1);
}
