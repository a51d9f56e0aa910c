/**
 * The local cloud's CLI: `tsx emulator/main.ts [project file]` (`npm run emulator`). The project file
 * (see project.ts) says what the project is: schema, datasets, cloudbaserc.json, functions, static
 * folder, dev defaults of console variables. It is the argument, else LOCAL_CLOUD_PROJECT, else
 * ./localCloud.config.ts in the working directory.
 *
 * Environment: PORT (default 9800), CLOUD_DATA_DIR (default ./.cloud-data), CLOUD_SEED (dataset for
 * a new data directory: one of the project's seeds or empty; default the project's defaultSeed),
 * CLOUDBASE_CONFIG (the cloudbaserc.json declaring each function's environment variables, default the
 * project's), FUNCTIONS_DIR (default the project's functionsDir, else the config's functionRoot: the
 * built, deployable folders), CLOUD_SCHEDULER=off (timers fire only through POST /__dev/trigger),
 * CLOUD_TX_TIMEOUT_MS (the transaction limit, default 30000 as the real service; crash tests shorten
 * how long a dead function's open transaction holds its locks), LOCAL_CLOUD_COVERAGE_DIR (function
 * instances write V8 coverage of the bundles they ran there when the cloud closes: npm test's
 * coverage of functions/).
 *
 * A function's variables are its envVariables in the config, with "{{env.NAME}}" filled from this
 * process's environment, or from the project's devConsoleVariables when unset.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createSeeds } from './database/seeds';
import { functionEnvFromConfig, readCloudbaseConfig } from './functions/cloudbaserc';
import { startLocalCloud } from './index';
import { loadProject } from './project';

async function main(): Promise<void> {
  const project = await loadProject(process.argv[2] ?? process.env.LOCAL_CLOUD_PROJECT ?? 'localCloud.config.ts');
  const port = Number(process.env.PORT ?? 9800);
  const dataDir = resolve(process.env.CLOUD_DATA_DIR ?? '.cloud-data');
  const seed = process.env.CLOUD_SEED ?? project.defaultSeed ?? 'empty';
  const seeds = createSeeds(project.seeds);
  if (!seeds.has(seed)) throw new Error(`CLOUD_SEED must be ${seeds.describe('')}, not ${seed}`);
  mkdirSync(dataDir, { recursive: true });
  const configFile = process.env.CLOUDBASE_CONFIG ? resolve(process.env.CLOUDBASE_CONFIG) : project.cloudbaserc;
  const config = configFile === undefined ? undefined : readCloudbaseConfig(configFile);
  const devDefaults = project.devConsoleVariables ?? {};
  const lookup = (name: string) => process.env[name] ?? (Object.hasOwn(devDefaults, name) ? devDefaults[name]({ dataDir }) : undefined);
  const functionEnv = config ? functionEnvFromConfig(config, lookup) : {};
  const functionsDir = resolve(
    process.env.FUNCTIONS_DIR ??
      project.functionsDir ??
      (configFile ? resolve(dirname(configFile), config?.functionRoot ?? 'cloudfunctions') : resolve(dirname(project.file), 'cloudfunctions')),
  );
  // Tests fire timers themselves (POST /__dev/trigger) so that a wall-clock minute cannot race them.
  const scheduler = process.env.CLOUD_SCHEDULER !== 'off';
  const transactionTimeoutMs = process.env.CLOUD_TX_TIMEOUT_MS ? Number(process.env.CLOUD_TX_TIMEOUT_MS) : undefined;
  const coverageDir = process.env.LOCAL_CLOUD_COVERAGE_DIR ? resolve(process.env.LOCAL_CLOUD_COVERAGE_DIR) : undefined;
  if (coverageDir) mkdirSync(coverageDir, { recursive: true });
  const cloud = await startLocalCloud({
    port,
    dataDir,
    functionsDir,
    schema: project.schema,
    seeds: project.seeds,
    seedWhenNew: seed,
    staticDir: project.staticDir,
    appId: project.appId,
    envId: project.envId,
    functionEnv,
    scheduler,
    transactionTimeoutMs,
    coverageDir,
    subscribeTemplates: project.subscribeTemplates,
  });
  console.log(`local cloud ready at ${cloud.url} (data: ${dataDir})`);
  const stop = async () => {
    await cloud.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
