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

test('the repository stands alone: nothing refers to ../shared, and no test uses node:test', () => {
  const text = (f: string) => /\.(tsx?|mjs|cjs|js|json|md|scss|sh)$/.test(f) && !f.endsWith('package-lock.json');
  const files = ['.', '.ci'].flatMap((d) => filesUnder(d, text)).filter((f, i, all) => all.indexOf(f) === i);
  const pointing = files.filter((f) => f !== path.join('test', 'unit', 'layout.test.ts') && source(f).includes('../shared'));
  assert.deepEqual(pointing, []);
  const nodeTest = filesUnder('test', isTs).filter((f) => importsOf(f).includes('node:test'));
  assert.deepEqual(nodeTest, []);
});
