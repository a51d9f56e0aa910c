// Bundles each functions/<name>/index.ts into cloudfunctions/<name>/index.js, so every folder
// deploys from WeChat devtools as it is, with wx-server-sdk as its only runtime dependency.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);

export function functionNames() {
  const dir = join(root, 'functions');
  return readdirSync(dir).filter((name) => !name.startsWith('_') && statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'index.ts')));
}

export async function buildFunctions({ quiet = false } = {}) {
  const names = functionNames();
  const started = Date.now();
  await Promise.all(
    names.map(async (name) => {
      const outDir = join(root, 'cloudfunctions', name);
      for (const file of ['package.json', 'config.json']) {
        if (!existsSync(join(outDir, file))) throw new Error(`cloudfunctions/${name}/${file} is missing: every function folder ships it`);
      }
      await build({
        entryPoints: [join(root, 'functions', name, 'index.ts')],
        outfile: join(outDir, 'index.js'),
        bundle: true,
        platform: 'node',
        // The cloud's default runtime is Node.js 16.
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        sourcemap: false,
        legalComments: 'none',
        logLevel: 'warning',
      });
    }),
  );
  if (!quiet) console.log(`built ${names.length} cloud functions in ${Date.now() - started} ms: ${names.join(', ')}`);
  return names;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildFunctions().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
