/**
 * What the local cloud (emulator/) needs to know about this shop: `npm run emulator`, `npm start` and
 * the tests' emulators start it with this file (emulator/main.ts reads it; see emulator/README.md).
 * Paths are relative to this file.
 */
import { defineLocalCloudProject, secretInDataDir } from '@emulator/project';
import { NOTICE_KEYS, NOTICE_TEMPLATE_VARIABLES, NOTICE_TEMPLATES } from '@core/notice';
import { demoDataset } from './database/seeds/demo';

/**
 * The subscribe-message templates of the local cloud: one per kind of message, with the keywords its
 * texts fill (core/notice.ts). In production the ids are the ones picked in the WeChat console, set as
 * the TPL_… console variables of each function that sends, and in the app's build (src/config/notices.ts).
 */
const localTemplateId = (key: string) => `local-tpl-${key}`;

export default defineLocalCloudProject({
  appId: 'wx-local-dev',
  envId: 'local-dev',
  schema: 'database/schema.json',
  // The personas of the H5 preview, the stores, the shelf: what `npm start` shows.
  seeds: { demo: demoDataset },
  defaultSeed: 'demo',
  // Each function's console variables; its functionRoot (cloudfunctions/) holds the built functions.
  cloudbaserc: 'cloudbaserc.json',
  staticDir: 'dist/h5',
  devConsoleVariables: {
    // Never a secret in the repository: a dev voucher secret is made once per data directory.
    VOUCHER_SECRET: ({ dataDir }) => secretInDataDir(dataDir, 'dev-voucher-secret'),
    // The local cloud's payment service accepts any merchant number; production sets the real one.
    WXPAY_SUB_MCH_ID: () => '1900000109',
    ...Object.fromEntries(NOTICE_KEYS.map((key) => [NOTICE_TEMPLATE_VARIABLES[key], () => localTemplateId(key)])),
  },
  // WeChat refuses an id it does not know (40037) and a value breaking its keyword's rule (47003).
  subscribeTemplates: Object.fromEntries(NOTICE_KEYS.map((key) => [localTemplateId(key), { key, fields: NOTICE_TEMPLATES[key] }])),
});
