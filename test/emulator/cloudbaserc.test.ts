// cloudbaserc.json declares each function's console variables; the local cloud gives a function
// exactly those. These tests keep the file in step with the built functions: a function that starts
// reading a variable it is not declared with fails here, not in production.
import { test } from '@jest/globals';
import assert from '@test/support/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { functionEnvFromConfig, readCloudbaseConfig, renderValue } from '@emulator/functions/cloudbaserc';
import { PLATFORM_ENV_KEYS } from '@emulator/functions';

const ROOT = resolve(__dirname, '..', '..');
const config = readCloudbaseConfig(join(ROOT, 'cloudbaserc.json'));
const FUNCTION_ROOT = join(ROOT, config.functionRoot ?? 'cloudfunctions');
/** README: the timers that may run long get the 60 s maximum. */
const LONG_RUNNING = ['birthdayCoupons', 'campaigns', 'liveSweep', 'membershipSettle', 'notify', 'orderTimeout', 'segmentation', 'tierExpiry'];

/** Deployable folders: each ships a package.json (index.js is built into it). */
const deployable = () => readdirSync(FUNCTION_ROOT).filter((name) => existsSync(join(FUNCTION_ROOT, name, 'package.json'))).sort();

/** Names of the variables a built bundle reads; throws on a read the check cannot see through. */
function variablesRead(name: string): string[] {
  const file = join(FUNCTION_ROOT, name, 'index.js');
  assert.ok(existsSync(file), `${file} is missing: run npm run build:functions first`);
  const code = readFileSync(file, 'utf8');
  const names = new Set<string>();
  const reads = /process\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([^'"]+)\2\s*\])?/g;
  for (const match of code.matchAll(reads)) {
    const key = match[1] ?? match[3];
    const around = code.slice(Math.max(0, match.index - 40), match.index + 60);
    assert.ok(key, `${name} reads process.env in a way this check cannot follow: …${around}…`);
    names.add(key);
  }
  return [...names].filter((key) => !PLATFORM_ENV_KEYS.includes(key)).sort();
}

const declared = (name: string) => Object.keys(config.functions.find((f) => f.name === name)?.envVariables ?? {}).sort();

test('cloudbaserc.json: declares every deployable function once, with the timeout README gives it', () => {
  const names = config.functions.map((f) => f.name);
  assert.deepEqual([...names].sort(), deployable());
  assert.equal(new Set(names).size, names.length, 'a function is declared twice');
  for (const fn of config.functions) {
    assert.ok(Number.isInteger(fn.timeout), `${fn.name} has no timeout`);
    if (LONG_RUNNING.includes(fn.name)) assert.equal(fn.timeout, 60, fn.name);
    else assert.ok(fn.timeout! >= 3 && fn.timeout! <= 20, `${fn.name}: ${fn.timeout} s is not a short timeout`);
  }
});

test('cloudbaserc.json: each function is declared with exactly the variables its bundle reads', () => {
  const mismatches = deployable()
    .map((name) => ({ name, reads: variablesRead(name), declared: declared(name) }))
    .filter((f) => f.reads.join() !== f.declared.join());
  // Reading an undeclared variable breaks in production; declaring an unread one hands out a secret for nothing.
  assert.deepEqual(mismatches, []);
});

test('cloudbaserc.json: values come from the environment, never from the repository', () => {
  assert.equal(config.version, '2.0', 'templates need the version 2.0 format');
  for (const fn of config.functions) {
    for (const [key, value] of Object.entries(fn.envVariables ?? {})) {
      assert.match(value, /^\{\{env\.[A-Z][A-Z0-9_]*\}\}$/, `${fn.name}.${key} must be a {{env.NAME}} template`);
    }
  }
});

test('functionEnvFromConfig: a function gets only its own variables, filled from the environment', () => {
  const env: Record<string, string> = { VOUCHER_SECRET: 'dev-secret', WXPAY_SUB_MCH_ID: '1900000109' };
  const perFunction = functionEnvFromConfig(config, (name) => env[name]);
  assert.deepEqual(perFunction.catalog, {});
  assert.deepEqual(perFunction.staff, { VOUCHER_SECRET: 'dev-secret' });
  assert.deepEqual(perFunction.payCallback, { VOUCHER_SECRET: 'dev-secret', WXPAY_SUB_MCH_ID: '1900000109' });
  // A variable with no value in the environment is left unset, as if never configured.
  assert.deepEqual(perFunction.admin, {});
  assert.deepEqual(functionEnvFromConfig(config, (name) => (name === 'ADMIN_OPENIDS' ? 'boss-1' : undefined)).admin, { ADMIN_OPENIDS: 'boss-1' });
});

test('renderValue: {{env.NAME}} only in version 2.0 files; other namespaces are refused', () => {
  const lookup = (name: string) => ({ A: 'x', B: 'y' })[name];
  assert.equal(renderValue('{{env.A}}-{{ env.B }}', lookup), 'x-y');
  assert.equal(renderValue('{{env.C}}', lookup), undefined);
  assert.equal(renderValue('{{env.A}}', lookup, false), '{{env.A}}');
  assert.throws(() => renderValue('{{tcb.envId}}', lookup), /not supported/);
  const v1 = functionEnvFromConfig({ functions: [{ name: 'f', envVariables: { K: '{{env.A}}' } }] }, lookup);
  assert.deepEqual(v1, { f: { K: '{{env.A}}' } });
});
