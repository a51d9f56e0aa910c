/**
 * `npm run bench -- tierExpiry` (also part of the full bench): the tierExpiry timer over 100,000
 * members — database requests, time and members changed — then the same run again, which must
 * change nothing. The members are written straight into a data directory before the local cloud
 * starts, so the measurement is the timer alone.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addBusinessMonths } from '@core/businessTime';
import { newMember, type Member } from '@core/member';
import { TIERS, DEFAULT_TIER_RULES } from '@core/tier';
import { openDatabase, type DatabaseSchema } from '@emulator/database';
import { startEmulator } from '@test/support/emulator';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const NOW = new Date('2026-11-26T18:00:00.000Z'); // 02:00 in Shanghai
const DAY = 86_400_000;

interface Run {
  examined: number;
  changed: number;
  done: boolean;
}

/** A deterministic spread: a quarter of each tier, periods ending from 400 days ago to 180 days ahead. */
function seedMembers(dataDir: string): { due: number } {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'database', 'schema.json'), 'utf8')) as DatabaseSchema;
  const db = openDatabase({ dataDir, now: () => NOW, schema });
  let due = 0;
  const batch: Member[] = [];
  for (let i = 0; i < MEMBERS; i += 1) {
    const tier = TIERS[i % 4];
    const next = TIERS[(i % 4) + 1];
    // Growth somewhere inside the tier's band, so the stored tier matches it.
    const band = next ? DEFAULT_TIER_RULES.thresholds[next] - DEFAULT_TIER_RULES.thresholds[tier] : 5000;
    const growth = DEFAULT_TIER_RULES.thresholds[tier] + ((i * 37) % band);
    const endsAt = tier === 'normal' ? null : new Date(NOW.getTime() + (((i * 7919) % 580) - 400) * DAY);
    if (endsAt && endsAt.getTime() <= NOW.getTime()) due += 1;
    batch.push({ ...newMember(`bench-${String(i).padStart(6, '0')}`, addBusinessMonths(NOW, -18)), growth, tier, tierExpiresAt: endsAt });
    if (batch.length === 5000) db.insertMany('members', batch.splice(0) as unknown as Record<string, unknown>[]);
  }
  if (batch.length) db.insertMany('members', batch.splice(0) as unknown as Record<string, unknown>[]);
  db.close();
  return { due };
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
  const stats = (await cloud.get<{ database: { total: number; byAction: Record<string, number> } }>('/__dev/stats')).body.database;
  return { runs: runs.length, changed: runs.reduce((s, r) => s + r.changed, 0), examined: runs.reduce((s, r) => s + r.examined, 0), ms: Math.round(performance.now() - started), databaseRequests: stats.total, byAction: stats.byAction };
}

export async function tierExpiryBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-tier-'));
  const seedStarted = performance.now();
  const { due } = seedMembers(dataDir);
  const seedMs = Math.round(performance.now() - seedStarted);
  const cloud = await startEmulator({ dataDir });
  try {
    await cloud.post('/__dev/clock', { now: NOW.toISOString() });
    const first = await runUntilDone(cloud);
    const second = await runUntilDone(cloud);
    return { members: MEMBERS, dueMembers: due, seedMs, first, repeated: second };
  } finally {
    await cloud.stop();
  }
}

if (require.main === module) {
  tierExpiryBench()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
