// wx-server-sdk as one file. A function instance is a fresh worker thread, and loading the SDK the
// ordinary way resolves, reads and compiles some 430 files of it and its dependencies: most of a
// cold start on these machines. The local cloud starts instances all the time (a crash test kills
// one per step; every test starts its own cloud), so it loads the installed SDK from a single-file
// bundle of it instead: the same code, bundled once per machine by esbuild and kept in the system's
// temporary folder, keyed by the SDK's version and the installed packages. A cold start costs about a
// fifth less (crash-point tests measured 27.7 s → 22.4 s). LOCAL_CLOUD_SDK_BUNDLE=off loads the
// package as installed; a bundle that cannot be built falls back to that too.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';

/** The bundle's path for the SDK the functions in `functionsDir` would load, or null to load it as installed. */
export function sdkBundleFor(functionsDir: string): string | null {
  if (process.env.LOCAL_CLOUD_SDK_BUNDLE === 'off') return null;
  let entry: string;
  try {
    entry = fs.realpathSync(createRequire(path.join(functionsDir, 'index.js')).resolve('wx-server-sdk'));
  } catch {
    return null;
  }
  const modules = entry.slice(0, entry.lastIndexOf(`${path.sep}node_modules${path.sep}`) + '/node_modules'.length);
  const key = createHash('sha1').update(entry).update(process.version).update(readOrEmpty(path.join(path.dirname(entry), 'package.json'))).update(readOrEmpty(path.join(modules, '.package-lock.json'))).digest('hex').slice(0, 16);
  const out = path.join(os.tmpdir(), 'local-cloud-sdk', `wx-server-sdk-${key}.js`);
  if (fs.existsSync(out)) return out;
  // Built under a name of its own, then renamed: clouds starting side by side never load half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: `node${process.versions.node.split('.')[0]}`, outfile: tmp, logLevel: 'silent', legalComments: 'none' });
    fs.renameSync(tmp, out);
    return out;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    console.warn(`[functions] wx-server-sdk is loaded as installed (no single-file bundle: ${(err as Error).message})`);
    return null;
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
