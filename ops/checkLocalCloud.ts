/**
 * `npm run invariants [-- <url>]`: runs the invariant checker over a running local cloud's whole
 * database (default http://127.0.0.1:9800, the one `npm start` serves) and prints its figures and any
 * violation; exits 1 when something does not add up. `--settled` also counts unfinished recovery work
 * (run after orderTimeout has had its turn).
 */
import { checkInvariants, CHECKED_COLLECTIONS, type InvariantReport, type Snapshot } from './invariants';

export async function snapshotOf(url: string, names: readonly string[] = CHECKED_COLLECTIONS): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  for (const name of names) {
    const res = await fetch(`${url}/__dev/collections/${name}`);
    if (!res.ok) throw new Error(`${url}/__dev/collections/${name} answered ${res.status}`);
    snapshot[name] = ((await res.json()) as { documents: Snapshot[string] }).documents;
  }
  return snapshot;
}

export async function checkLocalCloud(url: string, options: { settled?: boolean } = {}): Promise<InvariantReport> {
  return checkInvariants(await snapshotOf(url), options);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const url = args.find((a) => !a.startsWith('--')) ?? `http://127.0.0.1:${process.env.PORT ?? 9800}`;
  const report = await checkLocalCloud(url, { settled: args.includes('--settled') });
  console.log(JSON.stringify(report.figures, null, 2));
  if (report.ok) console.log('✔ every invariant holds');
  else {
    for (const v of report.violations) console.error(`✘ ${v}`);
    process.exitCode = 1;
  }
}

if (process.argv[1]?.endsWith('checkLocalCloud.ts')) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
