import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeProcessCovs, type ProcessCov } from '@bcoe/v8-coverage';

/**
 * A local cloud started with NODE_V8_COVERAGE writes one file per thread when it exits, each holding
 * every script the thread ran (node's own, node_modules, the emulator): megabytes apiece. Only the
 * cloud functions' bundles matter to `npm test`'s coverage of functions/, so right after the process
 * ends its files are merged into one that keeps just those (scripts/coverage.mjs reports from them).
 */
export function compactCoverage(dir: string, pid: number): void {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.startsWith(`coverage-${pid}-`) && name.endsWith('.json'));
  } catch {
    return;
  }
  if (!names.length) return;
  const kept: ProcessCov[] = names.map((name) => {
    const raw = JSON.parse(readFileSync(join(dir, name), 'utf8')) as ProcessCov;
    return { result: raw.result.filter((script) => script.url.includes('/cloudfunctions/')) };
  });
  writeFileSync(join(dir, `functions-${pid}.json`), JSON.stringify(mergeProcessCovs(kept)));
  for (const name of names) rmSync(join(dir, name), { force: true });
}
