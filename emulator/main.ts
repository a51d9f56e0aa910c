/**
 * `npm run emulator`: the local cloud. PORT (default 9800), CLOUD_DATA_DIR (default ./.cloud-data),
 * CLOUD_SEED (dataset for a new data directory: demo | empty, default demo), CLOUDBASE_CONFIG (the
 * cloudbaserc.json declaring each function's environment variables, default the repository's),
 * FUNCTIONS_DIR (default the config's functionRoot: the built, deployable folders),
 * CLOUD_SCHEDULER=off (timers fire only through POST /__dev/trigger), CLOUD_TX_TIMEOUT_MS (the
 * transaction limit, default 30000 as the real service; crash tests shorten how long a dead
 * function's open transaction holds its locks), LOCAL_CLOUD_COVERAGE_DIR (function instances write V8
 * coverage of the bundles they ran there when the cloud closes: npm test's coverage of functions/).
 *
 * A function's variables are its envVariables in the config, with "{{env.NAME}}" filled from this
 * process's environment, or from the dev defaults below when unset.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { functionEnvFromConfig, readCloudbaseConfig } from './functions/cloudbaserc';
import { startLocalCloud } from './index';
import { isSeedName } from './seeds';

const PROJECT_ROOT = resolve(__dirname, '..');

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 9800);
  const dataDir = resolve(process.env.CLOUD_DATA_DIR ?? '.cloud-data');
  const seed = process.env.CLOUD_SEED ?? 'demo';
  if (!isSeedName(seed)) throw new Error(`CLOUD_SEED must be demo or empty, not ${seed}`);
  mkdirSync(dataDir, { recursive: true });
  const configFile = resolve(process.env.CLOUDBASE_CONFIG ?? join(PROJECT_ROOT, 'cloudbaserc.json'));
  const config = readCloudbaseConfig(configFile);
  const devDefaults: Record<string, () => string> = {
    // Never a secret in the repository: a dev voucher secret is made once per data directory.
    VOUCHER_SECRET: () => devSecret(dataDir),
    // The local cloud's payment service accepts any merchant number; production sets the real one.
    WXPAY_SUB_MCH_ID: () => '1900000109',
  };
  const functionEnv = functionEnvFromConfig(config, (name) => process.env[name] ?? (Object.hasOwn(devDefaults, name) ? devDefaults[name]() : undefined));
  const functionsDir = resolve(process.env.FUNCTIONS_DIR ?? resolve(dirname(configFile), config.functionRoot ?? 'cloudfunctions'));
  // Tests fire timers themselves (POST /__dev/trigger) so that a wall-clock minute cannot race them.
  const scheduler = process.env.CLOUD_SCHEDULER !== 'off';
  const transactionTimeoutMs = process.env.CLOUD_TX_TIMEOUT_MS ? Number(process.env.CLOUD_TX_TIMEOUT_MS) : undefined;
  const coverageDir = process.env.LOCAL_CLOUD_COVERAGE_DIR ? resolve(process.env.LOCAL_CLOUD_COVERAGE_DIR) : undefined;
  if (coverageDir) mkdirSync(coverageDir, { recursive: true });
  const cloud = await startLocalCloud({ port, dataDir, seedWhenNew: seed, functionEnv, functionsDir, scheduler, transactionTimeoutMs, coverageDir });
  console.log(`local cloud ready at ${cloud.url} (data: ${dataDir})`);
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function devSecret(dataDir: string): string {
  const file = join(dataDir, 'dev-voucher-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
