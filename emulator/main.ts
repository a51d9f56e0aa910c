/**
 * `npm run emulator`: the local cloud. PORT (default 9800), CLOUD_DATA_DIR (default ./.cloud-data),
 * CLOUD_SEED (dataset for a new data directory: demo | empty, default demo), FUNCTIONS_DIR (default
 * ./cloudfunctions: the built, deployable folders), CLOUD_SCHEDULER=off (timers fire only through
 * POST /__dev/trigger).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONSOLE_ENV_KEYS, startLocalCloud } from './index';
import { isSeedName } from './seeds';

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 9800);
  const dataDir = resolve(process.env.CLOUD_DATA_DIR ?? '.cloud-data');
  const seed = process.env.CLOUD_SEED ?? 'demo';
  if (!isSeedName(seed)) throw new Error(`CLOUD_SEED must be demo or empty, not ${seed}`);
  mkdirSync(dataDir, { recursive: true });
  const functionEnv: Record<string, string> = {};
  for (const key of CONSOLE_ENV_KEYS) if (process.env[key] !== undefined) functionEnv[key] = process.env[key]!;
  // Never a secret in the repository: a dev voucher secret is made once per data directory.
  functionEnv.VOUCHER_SECRET ??= devSecret(dataDir);
  // The local cloud's payment service accepts any merchant number; production sets the real one.
  functionEnv.WXPAY_SUB_MCH_ID ??= '1900000109';
  const functionsDir = process.env.FUNCTIONS_DIR ? resolve(process.env.FUNCTIONS_DIR) : undefined;
  // Tests fire timers themselves (POST /__dev/trigger) so that a wall-clock minute cannot race them.
  const scheduler = process.env.CLOUD_SCHEDULER !== 'off';
  const cloud = await startLocalCloud({ port, dataDir, seedWhenNew: seed, functionEnv, functionsDir, scheduler });
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
