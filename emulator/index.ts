// The local cloud: WeChat Cloud Development's services on this machine, composed from one folder per
// service (database/, functions/, payment/, openApi/, storage/, timers/, gateway/). Nothing here knows the
// project it serves: everything project-specific arrives as LocalCloudOptions. See README.md.

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSeeds, openDatabase, readSchema, type DatabaseSchema, type SeedDataset } from './database';
import { ServiceRecords } from './database/storage';
import { createFunctionHost } from './functions';
import { openGateway } from './gateway';
import { createOpenApiService, type SubscribeTemplate } from './openApi';
import { createDurablePayStore, createPayService } from './payment';
import { createStorageService } from './storage';
import { createDevClock } from './timers';

export interface LocalCloudOptions {
  /** Port on 127.0.0.1; 0 or absent: a free one (the URL says which). */
  port?: number;
  /** Where the database, cloud payment's records and cloud storage's files live (created if missing). */
  dataDir: string;
  /** Folder of deployable functions: <name>/index.js (built, exporting main) and <name>/config.json (timer triggers). */
  functionsDir: string;
  /** Collections and indexes created at start: the schema itself, or the path of its JSON file. Default: none. */
  schema?: DatabaseSchema | string;
  /**
   * Datasets by name, each a function of the instant it is loaded at returning documents by
   * collection. 'empty' (no documents) always exists and may not be redefined. POST /__dev/reset
   * loads one by name.
   */
  seeds?: Record<string, SeedDataset>;
  /** Dataset loaded when the data directory holds no data yet (a name from `seeds`, or 'empty'). */
  seedWhenNew?: string;
  /** Served to GET requests no route takes (an H5 build). Default: none. */
  staticDir?: string;
  /** WX_APPID of an invocation whose caller gives none. Default 'wx-local-dev'. */
  appId?: string;
  /** The environment id: TCB_ENV / SCF_NAMESPACE of invocations, env_id of payments. Default 'local-dev'. */
  envId?: string;
  /**
   * Console variables per function name (e.g. { pay: { MCH_KEY: '…' } }): each function sees
   * only its own, as in production. main.ts builds this from cloudbaserc.json. Default: none.
   */
  functionEnv?: Record<string, Record<string, string>>;
  /** Timer triggers fire on their schedule (default); false: only through POST /__dev/trigger/:name. */
  scheduler?: boolean;
  /** Where function instances write V8 coverage of the bundles they ran when the cloud closes (npm test). */
  coverageDir?: string;
  /** Real-time limit of a database transaction (30 s, as the real service); crash tests shorten it. */
  transactionTimeoutMs?: number;
  /**
   * The subscription-message templates the project uses (template id → its keywords' types, e.g.
   * { 'tpl-order-paid': { fields: { thing1: 'thing', amount2: 'amount' } } }). Given, any other
   * template id is refused with 40037 and each value is checked against its declared type; absent,
   * any non-empty template id is accepted and values are checked by their keyword's name (thing1 → thing).
   */
  subscribeTemplates?: Record<string, SubscribeTemplate>;
}

export interface LocalCloud {
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_APP_ID = 'wx-local-dev';
export const DEFAULT_ENV_ID = 'local-dev';

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const envId = options.envId ?? DEFAULT_ENV_ID;
  const seeds = createSeeds(options.seeds);
  if (options.seedWhenNew !== undefined && !seeds.has(options.seedWhenNew)) {
    throw new Error(`seedWhenNew must be ${seeds.describe()}, not ${options.seedWhenNew}`);
  }
  const clock = createDevClock();
  const schema = readSchema(options.schema ?? { collections: {} });
  const db = openDatabase({ dataDir, now: () => clock.now(), schema, transactionTimeoutMs: options.transactionTimeoutMs });
  // Cloud payment's records live in the same durable file: paid orders stay refundable after a restart.
  const records = new ServiceRecords(dataDir);
  if (options.seedWhenNew && db.isEmpty()) seeds.load(db, options.seedWhenNew, clock.now());

  const gateway = await openGateway({ port: options.port, staticDir: options.staticDir === undefined ? undefined : resolve(options.staticDir) });
  const host = createFunctionHost({
    functionsDir: resolve(options.functionsDir),
    tcbUrl: `${gateway.url}/admin`,
    envId,
    appId: options.appId ?? DEFAULT_APP_ID,
    devNow: () => clock.frozenAt(),
    functionEnv: options.functionEnv ?? {},
    coverageDir: options.coverageDir,
  });
  const pay = createPayService(host, { envId, now: () => clock.now(), store: createDurablePayStore(records) });
  const openApi = createOpenApiService({ functionsDir: resolve(options.functionsDir), now: () => clock.now(), subscribeTemplates: options.subscribeTemplates });
  // Cloud storage's files live in <dataDir>/storage/; upload and temporary URLs point at the gateway.
  const storage = createStorageService({ dataDir, envId, baseUrl: gateway.url, now: () => clock.now() });
  gateway.serve({ db, host, pay, clock, seeds, openApi, storage });

  if (options.scheduler ?? true) host.startScheduler();

  return {
    url: gateway.url,
    async close() {
      host.stopScheduler();
      await gateway.close();
      await host.close();
      records.close();
      db.close();
    },
  };
}

export type { DatabaseSchema, SeedDataset, SeedDocument } from './database';
export type { SubscribeFieldType, SubscribeTemplate } from './openApi';
