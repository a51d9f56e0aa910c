/**
 * The last thing `npm run bench` prints: each figure issue 14 set a target for, beside its target.
 * Reads the results object the run built (bench/results/latest.json has the same, in full).
 */
interface Figure {
  what: string;
  value: string;
  target: string;
  met: boolean | null;
}

type Results = Record<string, unknown>;
const get = (obj: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function summaryFigures(results: Results): Figure[] {
  const figures: Figure[] = [];
  const requests = (results.databaseRequests ?? {}) as Record<string, { requests: number; target: number }>;
  for (const [op, c] of Object.entries(requests)) figures.push({ what: `requests: ${op}`, value: String(c.requests), target: `≤ ${c.target}`, met: c.requests <= c.target });
  const perChanged = num(get(results, 'tierExpiry', 'first', 'requestsPerChanged'));
  figures.push({ what: 'requests: tierExpiry per changed member', value: String(perChanged), target: '≤ 1.1', met: perChanged === null ? null : perChanged <= 1.1 });
  const timers = (get(results, 'timers', 'timers') ?? {}) as Record<string, { items: number; requestsPerItem: number; runs: number }>;
  const members = num(get(results, 'timers', 'members'));
  for (const [name, t] of Object.entries(timers)) figures.push({ what: `timer: ${name} over ${members ?? '?'} members`, value: `${t.items} items, ${t.requestsPerItem} requests each, ${t.runs} firings`, target: 'pages, resumes', met: t.items > 0 });
  const ratio = num(get(results, 'claimStorm', 'ratioToRaw'));
  figures.push({ what: 'claim storm: share of the raw request rate', value: `${ratio} (${String(get(results, 'claimStorm', 'claimsPerSecond'))} claims/s, raw ${String(get(results, 'claimStorm', 'raw', 'requestsPerSecond'))} req/s)`, target: '≥ 0.70', met: ratio === null ? null : ratio >= 0.7 });
  const resets = num(get(results, 'claimStorm', 'connectionResets'));
  figures.push({ what: 'claim storm: connection resets', value: String(resets), target: '0', met: resets === 0 });
  const largest = get(results, 'bundles', 'largest') as { name: string; kb: number } | undefined;
  figures.push({ what: 'largest function bundle', value: largest ? `${largest.name} ${largest.kb} KB` : '?', target: '≤ 200 KB', met: largest ? largest.kb <= 200 : null });
  const slowest = get(results, 'bundles', 'slowest') as { name: string; coldStartMs: number } | undefined;
  figures.push({ what: 'slowest cold start', value: slowest ? `${slowest.name} ${slowest.coldStartMs} ms` : '?', target: 'measured', met: null });
  return figures;
}

export function printSummary(results: Results): void {
  console.log('\nissue 14 figures (value · target):');
  for (const f of summaryFigures(results)) console.log(`  ${f.met === null ? '·' : f.met ? '✓' : '✗'} ${f.what}: ${f.value} · ${f.target}`);
}
