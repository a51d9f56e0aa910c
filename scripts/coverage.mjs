// Coverage of functions/ as the tests' local clouds ran them: the V8 block coverage each function
// instance wrote (emulator/functions/worker.cjs, with LOCAL_CLOUD_COVERAGE_DIR), merged, and mapped
// back through each bundle's source map to functions/*.ts. Prints a summary per folder, writes JSON.
import { mergeProcessCovs } from '@bcoe/v8-coverage';
import libCoverage from 'istanbul-lib-coverage';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8toIstanbul from 'v8-to-istanbul';

export async function reportFunctionsCoverage({ coverageDir, root, outFile }) {
  const files = existsSync(coverageDir) ? readdirSync(coverageDir).filter((name) => name.startsWith('functions-')) : [];
  if (!files.length) throw new Error(`no coverage of the cloud functions in ${coverageDir}`);
  const merged = mergeProcessCovs(files.map((name) => JSON.parse(readFileSync(join(coverageDir, name), 'utf8'))));
  const map = libCoverage.createCoverageMap({});
  const sourcesRoot = join(root, 'functions') + '/';
  for (const script of merged.result) {
    const bundle = fileURLToPath(script.url);
    if (!existsSync(`${bundle}.map`)) throw new Error(`${bundle} has no source map: build the functions with sourcemap: true`);
    const converter = v8toIstanbul(bundle, 0, { source: readFileSync(bundle, 'utf8'), sourceMap: { sourcemap: JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) } });
    await converter.load();
    converter.applyCoverage(script.functions);
    const perFile = converter.toIstanbul();
    for (const [file, data] of Object.entries(perFile)) if (file.startsWith(sourcesRoot)) map.merge({ [file]: data });
  }
  // Each source file of a bundle the tests ran counts whole, including the lines no test reached.
  const byFolder = new Map();
  const total = libCoverage.createCoverageSummary();
  for (const file of map.files()) {
    const summary = map.fileCoverageFor(file).toSummary();
    total.merge(summary);
    const folder = dirname(relative(root, file));
    if (!byFolder.has(folder)) byFolder.set(folder, libCoverage.createCoverageSummary());
    byFolder.get(folder).merge(summary);
  }
  const row = (name, s) => `${name.padEnd(28)} lines ${s.lines.pct.toFixed(1).padStart(5)}%  statements ${s.statements.pct.toFixed(1).padStart(5)}%  functions ${s.functions.pct.toFixed(1).padStart(5)}%  branches ${s.branches.pct.toFixed(1).padStart(5)}%`;
  console.log('Coverage of functions/ (bundles as the local clouds ran them, mapped to their sources):');
  for (const [folder, s] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${row(folder, s)}`);
  console.log(`  ${row('all of functions/', total)}`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify({ total: total.toJSON(), folders: Object.fromEntries([...byFolder].map(([k, v]) => [k, v.toJSON()])) }, null, 2)}\n`);
  return total.toJSON();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  reportFunctionsCoverage({ coverageDir: join(root, '.coverage', 'local-cloud'), root, outFile: join(root, '.coverage', 'functions', 'summary.json') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
