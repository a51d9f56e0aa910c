// Every cloud function's bundle (cloudfunctions/<name>/index.js) must stay within 200 KB (issue 14): a
// function instance reads and compiles its whole bundle at every cold start. Counted on a deployable
// build (minified, no source map) made in a temporary folder, whatever cloudfunctions/ holds: npm test
// builds the functions unminified, with source maps, for coverage (scripts/build-functions.mjs says
// why). Over budget, it says which inputs weigh most in that bundle (esbuild's metafile): where to cut.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildFunctions, functionNames } from './build-functions.mjs';
import { ROOT } from './run.mjs';

export const FUNCTION_BUNDLE_BUDGET_BYTES = 200 * 1024;

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Bytes of each function's bundle built in `dir`, largest first. */
export function functionBundleSizes(dir = join(ROOT, 'cloudfunctions')) {
  return functionNames()
    .map((name) => {
      const file = join(dir, name, 'index.js');
      if (!existsSync(file)) throw new Error(`${relative(ROOT, file)} is missing: build the functions first`);
      return { name, bytes: statSync(file).size };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

/** What weighs most in a bundle, from esbuild's metafile of its build. */
function heaviestInputs(metafile, top = 8) {
  const [output] = Object.values(metafile.outputs).filter((o) => o.entryPoint);
  return Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

export async function checkFunctionsBudget() {
  const outDir = mkdtempSync(join(tmpdir(), 'functions-budget-'));
  try {
    const { metafiles } = await buildFunctions({ quiet: true, outDir, metafile: true });
    const sizes = functionBundleSizes(outDir);
    const total = sizes.reduce((sum, s) => sum + s.bytes, 0);
    console.log(`cloud function bundles as deployed (minified): ${sizes.length}, largest ${sizes[0].name} ${kb(sizes[0].bytes)}, ${kb(total)} in all, budget ${kb(FUNCTION_BUNDLE_BUDGET_BYTES)} each`);
    for (const s of sizes.slice(0, 3)) console.log(`  ${s.name}: ${kb(s.bytes)}`);
    const over = sizes.filter((s) => s.bytes > FUNCTION_BUNDLE_BUDGET_BYTES);
    for (const s of over) {
      console.error(`  ${s.name} is ${kb(s.bytes)}; its heaviest inputs:`);
      for (const i of heaviestInputs(metafiles[s.name])) console.error(`    ${kb(i.bytes).padStart(9)}  ${i.file}`);
    }
    if (over.length) throw new Error(`cloud function bundles over the ${FUNCTION_BUNDLE_BUDGET_BYTES}-byte budget: ${over.map((s) => `${s.name} ${s.bytes} bytes`).join(', ')}`);
    return sizes;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  checkFunctionsBudget().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
