// Bundles each functions/<name>/index.ts into cloudfunctions/<name>/index.js, so every folder
// deploys from WeChat devtools as it is, with wx-server-sdk as its only runtime dependency.
import { build, transform } from 'esbuild';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);

/**
 * zod's `z` namespace re-exports every translation of its messages (`z.locales`, ~360 KB of the
 * 890 KB a function weighed): esbuild cannot drop them from a namespace import. Our messages are our
 * own Chinese ones (contract/messages.ts) and English stays zod's default (its schemas import it
 * directly), so the other languages are left out: a smaller bundle is a shorter cold start (the order
 * function's load went from ~250 ms to ~140 ms).
 */
const withoutZodLocales = {
  name: 'without-zod-locales',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: 'zod-locales', namespace: 'no-zod-locales' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** Where the code that a function bundles may import zod from: the contracts, and in principle the rest. */
const ZOD_IMPORTERS = ['contract', 'functions', 'core'];

function tsFilesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The members of zod's `z` that our code uses as values (`z.object`, `z.string`, `z.coerce`…), from
 * each importer's code as esbuild compiles it, so that type-only uses (`z.infer`, `z.core.$ZodIssue`)
 * do not count; only names zod exports.
 */
export async function zodMembersUsed() {
  const exported = new Set(Object.keys((await import('zod')).z));
  const importers = ZOD_IMPORTERS.flatMap((dir) => tsFilesUnder(join(root, dir))).filter((file) => /from ['"]zod['"]/.test(readFileSync(file, 'utf8')));
  const used = new Set();
  await Promise.all(
    importers.map(async (file) => {
      const { code } = await transform(readFileSync(file, 'utf8'), { loader: 'ts', sourcefile: file });
      for (const [, member] of code.matchAll(/\bz\.([A-Za-z_$][\w$]*)/g)) if (exported.has(member)) used.add(member);
    }),
  );
  return { importers: new Set(importers), members: [...used].sort() };
}

/**
 * `import { z } from 'zod'` is a namespace of everything zod offers — JSON Schema both ways, the
 * schema compiler, every format — and esbuild keeps all of a namespace that code uses as an object
 * (186 KB of `order`'s 512, unminified). The contracts use a dozen of its builders: `zod` resolves,
 * for our own code, to a `z` holding just those, re-exported from zod itself (the same classes,
 * checks and English defaults, so schemas parse and fail exactly as with the whole `z`), and the rest
 * is left out. test/unit/functionBundles.test.ts holds them to the same answers.
 */
function zodAsUsed({ importers, members }) {
  const external = join(dirname(createRequire(join(root, 'package.json')).resolve('zod')), 'v4', 'classic', 'external.js');
  if (!existsSync(external)) throw new Error(`zod's ${relative(root, external)} is gone: scripts/build-functions.mjs follows zod 4's layout`);
  return {
    name: 'zod-as-used',
    setup(b) {
      b.onResolve({ filter: /^zod$/ }, (args) => {
        // zod's own modules import one another by relative paths; a library that imports `zod` keeps all of it.
        if (args.importer.includes(`${sep}node_modules${sep}`)) return undefined;
        if (!importers.has(args.importer)) throw new Error(`${relative(root, args.importer)} imports zod but is not under ${ZOD_IMPORTERS.join('/, ')}/: scripts/build-functions.mjs would not see which members it uses`);
        return { path: 'zod', namespace: 'zod-as-used' };
      });
      b.onResolve({ filter: /^zod-members$/, namespace: 'zod-as-used' }, () => ({ path: 'zod-members', namespace: 'zod-as-used' }));
      b.onLoad({ filter: /^zod$/, namespace: 'zod-as-used' }, () => ({ contents: `export * as z from 'zod-members';`, loader: 'js', resolveDir: root }));
      b.onLoad({ filter: /^zod-members$/, namespace: 'zod-as-used' }, () => ({ contents: `export { ${members.join(', ')} } from ${JSON.stringify(external)};`, loader: 'js', resolveDir: root }));
    },
  };
}

/**
 * Any code bundled as the functions are (the same plugins, minified), as CommonJS text: lets a test
 * parse requests with the contracts exactly as the deployed functions hold them.
 */
export async function bundleAsFunctions(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'as-functions.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    plugins: [withoutZodLocales, zodAsUsed(await zodMembersUsed())],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
  });
  return result.outputFiles[0].text;
}

export function functionNames() {
  const dir = join(root, 'functions');
  return readdirSync(dir).filter((name) => !name.startsWith('_') && statSync(join(dir, name)).isDirectory() && existsSync(join(dir, name, 'index.ts')));
}

/**
 * `sourcemap`: write index.js.map beside each bundle (the tests do, so that coverage of the code the
 * local cloud ran maps back to functions/); a deployable build has none, and a stale one is removed.
 * A deployable build is minified (a third of the bytes to read and compile at every cold start). A
 * build with source maps is not: v8-to-istanbul maps a minified bundle's coverage back too coarsely
 * (the catalog, member and coupon tests measured functions/ at 66% of lines unminified, 75% minified:
 * code never run counted as run), so the tests' bundles are larger than the deployed ones and the
 * 200 KB budget is held on a deployable build (scripts/functions-budget.mjs). The tests that run
 * minified code are the bundle benchmark's and test/unit/functionBundles.test.ts; a whole run of the
 * function tests on minified bundles passed too. `outDir` builds into another folder; `metafile`
 * returns, per function, what each input weighs in its bundle.
 */
export async function buildFunctions({ quiet = false, sourcemap = false, outDir = join(root, 'cloudfunctions'), metafile = false, names = functionNames() } = {}) {
  const started = Date.now();
  const zod = zodAsUsed(await zodMembersUsed());
  const metafiles = {};
  await Promise.all(
    names.map(async (name) => {
      const functionDir = join(root, 'cloudfunctions', name);
      for (const file of ['package.json', 'config.json']) {
        if (!existsSync(join(functionDir, file))) throw new Error(`cloudfunctions/${name}/${file} is missing: every function folder ships it`);
      }
      const outfile = join(outDir, name, 'index.js');
      const result = await build({
        entryPoints: [join(root, 'functions', name, 'index.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        // The cloud's default runtime is Node.js 16.
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        plugins: [withoutZodLocales, zod],
        minify: !sourcemap,
        sourcemap: sourcemap ? 'linked' : false,
        legalComments: 'none',
        logLevel: 'warning',
        metafile,
      });
      if (metafile) metafiles[name] = result.metafile;
      if (!sourcemap) rmSync(`${outfile}.map`, { force: true });
    }),
  );
  if (!quiet) console.log(`built ${names.length} cloud functions in ${Date.now() - started} ms: ${names.join(', ')}`);
  return metafile ? Object.assign(names, { metafiles }) : names;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildFunctions().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
