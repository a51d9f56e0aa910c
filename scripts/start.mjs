// `npm start`: build the functions and the H5 preview, start the local cloud (demo data in a new data
// directory), and print the preview's URL.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildFunctions } from './build-functions.mjs';
import { ROOT, step, taroBuild } from './run.mjs';

await step('build cloud functions', () => buildFunctions());
await step('build H5 preview', () => taroBuild('h5'));

const port = process.env.PORT ?? '9800';
const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'emulator', 'main.ts')], {
  cwd: ROOT,
  env: { ...process.env, PORT: port, CLOUD_SEED: process.env.CLOUD_SEED ?? 'demo' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const match = String(chunk).match(/ready at (http:\/\/127\.0\.0\.1:\d+)/);
  if (match) console.log(`\n果粒鲜选 preview: ${match[1]}/  (open it in a browser; switch personas with the floating button)\n`);
});
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
