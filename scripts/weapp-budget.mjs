// The weapp main package must stay within budget (WeChat allows 2 MB; we hold ourselves to 600 KB so
// the first open stays fast on a weak network). Subpackages (member, staff, live, operator pages)
// are counted apart.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './run.mjs';

export const MAIN_PACKAGE_BUDGET_BYTES = 600 * 1024;

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function weappPackageSizes(distDir = join(ROOT, 'dist', 'weapp')) {
  if (!existsSync(join(distDir, 'app.json'))) throw new Error(`no weapp build at ${distDir}: run npm run build:weapp`);
  const app = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const sizes = { main: 0, subpackages: Object.fromEntries(roots.map((r) => [r, 0])) };
  for (const file of filesUnder(distDir)) {
    const rel = relative(distDir, file);
    if (rel.endsWith('.map')) continue; // source maps are not uploaded
    const bytes = statSync(file).size;
    const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`));
    if (root) sizes.subpackages[root] += bytes;
    else sizes.main += bytes;
  }
  return sizes;
}

export function checkWeappBudget() {
  const sizes = weappPackageSizes();
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`weapp main package: ${sizes.main} bytes (${kb(sizes.main)}), budget ${kb(MAIN_PACKAGE_BUDGET_BYTES)}`);
  for (const [root, bytes] of Object.entries(sizes.subpackages)) console.log(`  subpackage ${root}: ${bytes} bytes (${kb(bytes)})`);
  if (sizes.main > MAIN_PACKAGE_BUDGET_BYTES) throw new Error(`weapp main package is ${sizes.main} bytes, over the ${MAIN_PACKAGE_BUDGET_BYTES}-byte budget`);
  return sizes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    checkWeappBudget();
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
