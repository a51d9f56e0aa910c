/**
 * `npm run bench -- tierExpiry` (also part of the full bench): the tierExpiry timer over 100,000
 * members — database requests (per member changed, beside issue 14's target), time and members
 * changed — then the same run again, which must change nothing. The members are written straight
 * into a data directory before the local cloud starts, so the measurement is the timer alone; after
 * it the data directory is read back and every member and ledger line is checked against core's
 * settleTierExpiry of the member as seeded.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addBusinessMonths } from '@core/businessTime';
import { newMember, type Member } from '@core/member';
import { TIERS, DEFAULT_TIER_RULES } from '@core/tier';
import { settleTierExpiry } from '@core/tierExpiry';
import { openDatabase, type DatabaseSchema } from '@emulator/database';
import { startEmulator } from '@test/support/emulator';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const NOW = new Date('2026-11-26T18:00:00.000Z'); // 02:00 in Shanghai
const DAY = 86_400_000;
/** Issue 14: at most this many database requests per member changed. */
const TARGET_PER_CHANGED = 1.1;

interface Run {
  examined: number;
  changed: number;
  done: boolean;
}

const schemaOf = () => JSON.parse(readFileSync(join(__dirname, '..', 'database', 'schema.json'), 'utf8')) as DatabaseSchema;

/** A deterministic spread: a quarter of each tier, periods ending from 400 days ago to 180 days ahead. */
function seededMember(i: number): Member {
  const tier = TIERS[i % 4];
  const next = TIERS[(i % 4) + 1];
  // Growth somewhere inside the tier's band, so the stored tier matches it.
  const band = next ? DEFAULT_TIER_RULES.thresholds[next] - DEFAULT_TIER_RULES.thresholds[tier] : 5000;
  const growth = DEFAULT_TIER_RULES.thresholds[tier] + ((i * 37) % band);
  const endsAt = tier === 'normal' ? null : new Date(NOW.getTime() + (((i * 7919) % 580) - 400) * DAY);
  return { ...newMember(`bench-${String(i).padStart(6, '0')}`, addBusinessMonths(NOW, -18)), growth, tier, tierExpiresAt: endsAt };
}

function seedMembers(dataDir: string): { due: number } {
  const db = openDatabase({ dataDir, now: () => NOW, schema: schemaOf() });
  let due = 0;
  const batch: Member[] = [];
  for (let i = 0; i < MEMBERS; i += 1) {
    const member = seededMember(i);
    if (member.tierExpiresAt && member.tierExpiresAt.getTime() <= NOW.getTime()) due += 1;
    batch.push(member);
    if (batch.length === 5000) db.insertMany('members', batch.splice(0) as unknown as Record<string, unknown>[]);
  }
  if (batch.length) db.insertMany('members', batch.splice(0) as unknown as Record<string, unknown>[]);
  db.close();
  return { due };
}

/** Every member as core says they end, every ledger line once, no mark left behind: the mistakes found. */
function verify(dataDir: string): { ledgerLines: number; mistakes: string[] } {
  const db = openDatabase({ dataDir, now: () => NOW, schema: schemaOf() });
  try {
    const members = new Map(db.dump('members').map((m) => [m._id as string, m]));
    const ledger = new Map(db.dump('ledger').map((e) => [e._id as string, e]));
    const mistakes: string[] = [];
    let expectedLines = 0;
    for (let i = 0; i < MEMBERS && mistakes.length < 10; i += 1) {
      const seeded = seededMember(i);
      const stored = members.get(seeded._id);
      const change = settleTierExpiry(seeded, NOW);
      const want = { ...seeded, ...change?.set };
      const at = (d: unknown) => (d instanceof Date ? d.toISOString() : d ? String(d) : null);
      if (!stored || stored.growth !== want.growth || stored.tier !== want.tier || at(stored.tierExpiresAt) !== at(want.tierExpiresAt)) mistakes.push(`${seeded._id}: ${JSON.stringify(stored && { growth: stored.growth, tier: stored.tier, tierExpiresAt: stored.tierExpiresAt })} ≠ ${JSON.stringify(want)}`);
      if (stored?.expiryPending) mistakes.push(`${seeded._id}: a mark left behind`);
      for (const entry of change?.entries ?? []) {
        expectedLines += 1;
        const line = ledger.get(entry.key);
        if (!line || line.delta !== entry.delta || line.balance !== entry.balance) mistakes.push(`${entry.key}: ${JSON.stringify(line)}`);
      }
    }
    if (!mistakes.length && ledger.size !== expectedLines) mistakes.push(`${ledger.size} ledger lines, ${expectedLines} expected`);
    return { ledgerLines: ledger.size, mistakes };
  } finally {
    db.close();
  }
}

async function runUntilDone(cloud: Awaited<ReturnType<typeof startEmulator>>) {
  await cloud.post('/__dev/stats/reset');
  const started = performance.now();
  const runs: Run[] = [];
  for (;;) {
    const res = await cloud.post<{ result: Run }>('/__dev/trigger/tierExpiry');
    runs.push(res.body.result);
    if (res.body.result.done) break;
  }
  const stats = (await cloud.get<{ database: { total: number; byAction: Record<string, number>; unindexedScans?: { total: number } } }>('/__dev/stats')).body.database;
  const changed = runs.reduce((s, r) => s + r.changed, 0);
  return {
    runs: runs.length,
    changed,
    examined: runs.reduce((s, r) => s + r.examined, 0),
    ms: Math.round(performance.now() - started),
    databaseRequests: stats.total,
    requestsPerChanged: changed ? Math.round((stats.total / changed) * 1000) / 1000 : null,
    byAction: stats.byAction,
    unindexedScans: stats.unindexedScans?.total ?? 0,
  };
}

export async function tierExpiryBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-tier-'));
  const seedStarted = performance.now();
  const { due } = seedMembers(dataDir);
  const seedMs = Math.round(performance.now() - seedStarted);
  const cloud = await startEmulator({ dataDir });
  let first;
  let repeated;
  try {
    await cloud.post('/__dev/clock', { now: NOW.toISOString() });
    first = await runUntilDone(cloud);
    repeated = await runUntilDone(cloud);
  } finally {
    await cloud.stop();
  }
  const { ledgerLines, mistakes } = verify(dataDir);
  return { members: MEMBERS, dueMembers: due, seedMs, targetPerChanged: TARGET_PER_CHANGED, first, repeated, ledgerLines, mistakes };
}

if (require.main === module) {
  tierExpiryBench()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
