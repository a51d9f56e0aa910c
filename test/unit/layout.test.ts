import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from '@jest/globals';
import assert from '@test/support/assert';

/**
 * The house rules a reviewer would otherwise have to remember: what each layer may import, and that
 * the repository explains itself (nothing points outside it).
 */
const ROOT = path.resolve(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', 'cloudfunctions', '.git', '.coverage', 'data', '.local-cloud']);

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    if (SKIP.has(name)) continue;
    const rel = path.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...filesUnder(rel, keep));
    else if (keep(rel)) out.push(rel);
  }
  return out;
}

const source = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const importsOf = (file: string) => [...source(file).matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);
const isTs = (f: string) => /\.tsx?$/.test(f);

test('contract/ depends on nothing but zod and itself', () => {
  const outside = filesUnder('contract', isTs).flatMap((f) =>
    importsOf(f)
      .filter((spec) => spec !== 'zod' && !spec.startsWith('./'))
      .map((spec) => `${f}: ${spec}`),
  );
  assert.deepEqual(outside, []);
});

test('core/ is pure: it imports itself and dayjs, never the platform, the contract or the app', () => {
  const outside = filesUnder('core', isTs).flatMap((f) =>
    importsOf(f)
      .filter((spec) => !spec.startsWith('./') && !/^dayjs(\/|$)/.test(spec))
      .map((spec) => `${f}: ${spec}`),
  );
  assert.deepEqual(outside, []);
});

test('no import climbs out of its own area by relative path: other areas are reached by their alias', () => {
  const areas = ['core', 'contract', 'functions/_lib', 'emulator', 'src', 'ops', 'test/support'];
  const areaOf = (rel: string) => areas.find((a) => rel === a || rel.startsWith(`${a}/`));
  const files = ['core', 'contract', 'functions', 'emulator', 'src', 'ops', 'test', 'bench', 'scripts'].flatMap((d) => filesUnder(d, isTs));
  const climbing = files.flatMap((f) =>
    importsOf(f)
      .filter((spec) => spec.startsWith('../'))
      .filter((spec) => {
        const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(f), spec));
        const to = areaOf(target);
        return to !== undefined && (to !== areaOf(f) || spec.startsWith('../../'));
      })
      .map((spec) => `${f}: ${spec}`),
  );
  assert.deepEqual(climbing, []);
});

test('functions import each other only through functions/_lib, never another function\'s entry', () => {
  const crossing = filesUnder('functions', isTs)
    .filter((f) => !f.startsWith('functions/_lib/'))
    .flatMap((f) => {
      const own = f.split('/')[1];
      return importsOf(f)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => path.relative(ROOT, path.resolve(ROOT, path.dirname(f), spec)))
        .filter((target) => target.startsWith('functions/') && target.split('/')[1] !== own)
        .map((target) => `${f}: ${target}`);
    });
  assert.deepEqual(crossing, []);
});

/** The folder of inputs beside a checkout that a clone does not have; spelled in parts so this file does not name it. */
const OUTSIDE_INPUTS = ['..', 'shared'].join('/');

test('the repository stands alone: nothing refers to the inputs folder beside the checkout, and no test uses node:test', () => {
  const text = (f: string) => /\.(tsx?|mjs|cjs|js|json|md|scss|sh)$/.test(f) && !f.endsWith('package-lock.json');
  const files = ['.', '.ci'].flatMap((d) => filesUnder(d, text)).filter((f, i, all) => all.indexOf(f) === i);
  const pointing = files.filter((f) => source(f).includes(OUTSIDE_INPUTS));
  assert.deepEqual(pointing, []);
  const nodeTest = filesUnder('test', isTs).filter((f) => importsOf(f).includes('node:test'));
  assert.deepEqual(nodeTest, []);
});

test('every dependency is used: imported somewhere, or a tool or peer named here with its reason', () => {
  const pkg = JSON.parse(source('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  /** Used without an import of their own name in our files. */
  const why: Record<string, string> = {
    '@babel/runtime': "babel-preset-taro's helpers in the app bundle",
    '@babel/core': 'Taro compiles the app with babel',
    '@babel/preset-react': 'peer of babel-preset-taro',
    'babel-preset-taro': 'babel.config.js',
    'react-refresh': 'peer of babel-preset-taro (H5 watch mode)',
    '@pmmmwh/react-refresh-webpack-plugin': 'peer of @tarojs/plugin-framework-react (H5 watch mode)',
    '@tarojs/helper': 'peer of @tarojs/taro and the React plugin',
    '@tarojs/shared': 'peer of @tarojs/taro and the platforms',
    '@tarojs/plugin-framework-react': 'Taro config: framework react',
    '@tarojs/plugin-platform-h5': 'taro build --type h5',
    '@tarojs/plugin-platform-weapp': 'taro build --type weapp',
    '@tarojs/react': 'Taro renderer for React',
    '@tarojs/runtime': 'Taro runtime in both bundles',
    '@tarojs/cli': 'the taro command',
    '@tarojs/webpack5-runner': "Taro's compiler: webpack5",
    'react-dom': "the H5 preview's renderer",
    postcss: "peer of Taro's webpack runner",
    sass: "Taro's SCSS compiler",
    webpack: "Taro's bundler (pinned with the runner)",
    jest: 'the test runner',
    'ts-jest': "jest's TypeScript transform (jest.config.js)",
    typescript: 'tsc: npm test typechecks',
    tsx: 'runs the local cloud, benchmarks and ops scripts',
    eslint: 'npm test lints',
    '@eslint/js': 'eslint.config.mjs',
    'typescript-eslint': 'eslint.config.mjs',
    'eslint-plugin-react-hooks': 'eslint.config.mjs',
    'miniprogram-simulate': 'weapp render tests',
    'wx-server-sdk': "the functions' SDK (bundled external, the cloud provides it)",
    '@types/node': 'types',
    '@types/react': 'types',
    '@types/qrcode': 'types of qrcode',
    '@types/better-sqlite3': 'types of better-sqlite3',
    ajv: 'peer of ajv-draft-04 ($jsonSchema in the local database)',
  };
  const ours = ['src', 'core', 'contract', 'functions', 'emulator', 'database', 'ops', 'bench', 'scripts', 'test', 'config']
    .flatMap((d) => filesUnder(d, (f) => /\.(tsx?|mjs|cjs|js)$/.test(f)))
    .concat(['babel.config.js', 'jest.config.js', 'eslint.config.mjs'])
    .map(source)
    .join('\n');
  const unused = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter(
    (name) => !why[name] && !new RegExp(`['"\`]${name.replace(/[/.]/g, '\\$&')}(/[^'"\`]*)?['"\`]`).test(ours),
  );
  assert.deepEqual(unused, []);
  const stale = Object.keys(why).filter((name) => !(name in pkg.dependencies) && !(name in pkg.devDependencies));
  assert.deepEqual(stale, []);
});
