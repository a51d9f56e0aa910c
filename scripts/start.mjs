// `npm start`: build the functions and the H5 preview, start the local cloud (demo data in a new data
// directory, then nine weeks of demo history and the shop's dressing — photos, coupons, lives,
// banners, a campaign — played through the functions once), and print the preview's URL.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildFunctions } from './build-functions.mjs';
import { ROOT, run, step, taroBuild } from './run.mjs';

await step('build cloud functions', () => buildFunctions());
await step('build H5 preview', () => taroBuild('h5'));

const port = process.env.PORT ?? '9800';
const seed = process.env.CLOUD_SEED ?? 'demo';
const dataDir = resolve(ROOT, process.env.CLOUD_DATA_DIR ?? '.cloud-data');
/** Written once the demo history is in: a data directory gets it once. */
const historyMark = join(dataDir, 'demo-history-played');
/** Written once the demo shop's photos, coupons, lives, banners and campaign are in. */
const shopMark = join(dataDir, 'demo-shop-played');
const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'emulator', 'main.ts')], {
  cwd: ROOT,
  env: { ...process.env, PORT: port, CLOUD_SEED: seed, CLOUD_DATA_DIR: dataDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const match = String(chunk).match(/ready at (http:\/\/127\.0\.0\.1:\d+)/);
  if (match) ready(match[1]).catch((err) => console.error(`demo history not played: ${err.message}`));
});

async function ready(url) {
  if (seed === 'demo' && !existsSync(historyMark)) {
    await step('play nine weeks of demo history (orders, shares, invitations, a live, weekly segments)', () => run(process.execPath, ['--import', 'tsx', join(ROOT, 'ops', 'demoHistory.ts'), url]));
    writeFileSync(historyMark, new Date().toISOString());
  }
  if (seed === 'demo' && !existsSync(shopMark)) {
    await step('dress the demo shop (photos, claimable and points coupons, lives, banners, a campaign)', () => run(process.execPath, ['--import', 'tsx', join(ROOT, 'ops', 'demoShop.ts'), url]));
    writeFileSync(shopMark, new Date().toISOString());
  }
  console.log(`\n果粒鲜选 preview: ${url}/  (open it in a browser; switch personas with the floating button)\n`);
}
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
