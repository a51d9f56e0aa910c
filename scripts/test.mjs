// `npm test`: typecheck, lint, build the functions and both app targets, hold the weapp budget,
// then every test file (unit, emulator, function integration, weapp render, browser end to end)
// in one node:test run against real emulator instances.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildFunctions } from './build-functions.mjs';
import { ROOT, run, step, taroBuild } from './run.mjs';
import { checkWeappBudget } from './weapp-budget.mjs';

const TEST_BUDGET_SECONDS = 600;

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : testFiles(path);
    return name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

const started = Date.now();
const steps = [];
try {
  steps.push(await step('typecheck', () => run('tsc', ['--noEmit', '-p', '.'])));
  steps.push(await step('lint', () => run('eslint', ['.'])));
  steps.push(await step('build cloud functions', () => buildFunctions()));
  steps.push(await step('build weapp', () => taroBuild('weapp')));
  steps.push(await step('weapp main package budget', async () => checkWeappBudget()));
  steps.push(await step('build H5 preview', () => taroBuild('h5')));
  steps.push(await step('browser for end-to-end tests', () => run(process.execPath, [join(ROOT, 'scripts', 'ensure-chromium.mjs')])));
  const files = testFiles(join(ROOT, 'test'));
  steps.push(await step(`tests (${files.length} files)`, () => run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files])));
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
