/**
 * `npx tsx bench/segmentation.ts` (also part of `npm run bench`): the weekly segmentation over
 * 100,000 members and 1,000,000 orders, with shares, visits and invitees — database requests, timer
 * firings and time until the week is done — then the same week again (must change nothing), then
 * `admin.dashboard` on that data. The documents are written straight into a data directory before
 * the local cloud starts, so the measurement is the timer and the dashboard alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newMember } from '@core/member';
import { openDatabase, readSchema } from '@emulator/database';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
/** Monday 7 December 2026, 03:00 in Shanghai. */
const NOW = new Date('2026-12-06T19:00:00.000Z');
const DAY = 86_400_000;
const BATCH = 10_000;

type Doc = Record<string, unknown>;

const openidOf = (i: number) => `m${String(i).padStart(6, '0')}`;

/** Deterministic, spread like a shop's members: most buy rarely, a few often; some share and invite. */
function seed(dataDir: string): { orders: number; visits: number; invitees: number } {
  const db = openDatabase({ dataDir, now: () => NOW, schema: readSchema(join(__dirname, '..', 'database', 'schema.json')) });
  const flush = (collection: string, docs: Doc[]) => {
    if (docs.length) db.insertMany(collection, docs.splice(0));
  };
  const members: Doc[] = [];
  let invitees = 0;
  for (let i = 0; i < MEMBERS; i += 1) {
    const m: Doc = { ...newMember(openidOf(i), new Date(NOW.getTime() - 400 * DAY)) };
    // One member in 50 was invited by one of the first 2,000 (the sharers).
    if (i % 50 === 7) {
      m.invitedBy = openidOf(i % 2000);
      m.invitedAt = new Date(NOW.getTime() - ((i * 13) % 170) * DAY);
      m.firstPaidAt = m.invitedAt;
      invitees += 1;
    }
    members.push(m);
    if (members.length === BATCH) flush('members', members);
  }
  flush('members', members);
  // Orders: member k gets a share proportional to a skewed weight; dates over the last 400 days.
  const orders: Doc[] = [];
  for (let n = 0; n < ORDERS; n += 1) {
    const skew = (n * 2654435761) % 1_000_003;
    const member = Math.floor(((skew / 1_000_003) ** 2) * MEMBERS);
    const daysAgo = (n * 7919) % 400;
    const paidAt = new Date(NOW.getTime() - daysAgo * DAY - (n % 86_400) * 1000);
    const payableFen = 990 + ((n * 37) % 30_000);
    const status = n % 40 === 0 ? 'refunded' : daysAgo > 8 ? 'picked_up' : 'paid';
    orders.push({
      _id: `o${String(n).padStart(7, '0')}`,
      openid: openidOf(member),
      requestId: `bench-${n}`,
      storeId: 'store-flagship',
      status,
      payableFen,
      paidAt,
      createdAt: paidAt,
      segment: null,
      couponId: null,
      liveSessionId: null,
      lines: [],
      ...(n % 25 === 0 ? { attribution: { shareId: `s${n % 2000}`, sharer: openidOf(n % 2000) } } : {}),
    });
    if (orders.length === BATCH) flush('orders', orders);
  }
  flush('orders', orders);
  // Visits: each of the first 2,000 members has had some distinct visitors.
  const visits: Doc[] = [];
  let visitCount = 0;
  for (let s = 0; s < 2000; s += 1) {
    for (let v = 0; v < (s % 40); v += 1) {
      const visitor = openidOf(2000 + ((s * 97 + v * 31) % (MEMBERS - 2000)));
      visits.push({ _id: `${openidOf(s)}:${visitor}:${v}`, sharer: openidOf(s), visitor, shareId: `s${s}`, lastAt: new Date(NOW.getTime() - ((s + v) % 200) * DAY) });
      visitCount += 1;
      if (visits.length === BATCH) flush('shareVisits', visits);
    }
  }
  flush('shareVisits', visits);
  db.insertMany('staff', [{ _id: 'bench-admin', openid: 'bench-admin', storeId: 'store-flagship', role: 'admin', active: true }]);
  db.close();
  return { orders: ORDERS, visits: visitCount, invitees };
}

interface Fired {
  week: string;
  members: number;
  changed: number;
  done: boolean;
}

async function runWeek(cloud: EmulatorInstance) {
  await cloud.post('/__dev/stats/reset');
  const started = performance.now();
  const firings: Fired[] = [];
  const firingMs: number[] = [];
  for (;;) {
    const t = performance.now();
    const res = await cloud.post<{ result: Fired }>('/__dev/trigger/segmentation');
    if (res.status !== 200) throw new Error(`segmentation failed: ${JSON.stringify(res.body)}`);
    firingMs.push(Math.round(performance.now() - t));
    firings.push(res.body.result);
    if (res.body.result.done) break;
  }
  const stats = (await cloud.get<{ database: { total: number; byAction: Record<string, number>; unindexedScans?: unknown } }>('/__dev/stats')).body.database;
  const last = firings[firings.length - 1];
  return {
    week: last.week,
    firings: firings.length,
    longestFiringMs: Math.max(...firingMs),
    members: last.members,
    changed: last.changed,
    ms: Math.round(performance.now() - started),
    databaseRequests: stats.total,
    requestsPerThousandMembers: Math.round((stats.total / Math.max(1, last.members)) * 1000 * 10) / 10,
    byAction: stats.byAction,
    unindexedScans: stats.unindexedScans,
  };
}

export async function segmentationBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-segments-'));
  const seedStarted = performance.now();
  const seeded = seed(dataDir);
  const seedMs = Math.round(performance.now() - seedStarted);
  const startStarted = performance.now();
  const cloud = await startEmulator({ dataDir, env: { ADMIN_OPENIDS: 'bench-admin' }, readyTimeoutMs: 600_000 });
  const startMs = Math.round(performance.now() - startStarted);
  try {
    await cloud.post('/__dev/clock', { now: NOW.toISOString() });
    const first = await runWeek(cloud);
    const repeated = await runWeek(cloud);
    const segments = (await cloud.get<{ documents: Array<{ counts?: Record<string, number> }> }>('/__dev/collections/segmentRuns')).body.documents[0]?.counts;
    await cloud.post('/__dev/stats/reset');
    const t = performance.now();
    const dashboard = await cloud.call<{ ok: boolean; data?: { bySegment: unknown[] }; error?: unknown }>('admin', { action: 'dashboard', weeks: 8 }, 'bench-admin');
    const dashboardMs = Math.round(performance.now() - t);
    const dashboardRequests = (await cloud.get<{ database: { total: number } }>('/__dev/stats')).body.database.total;
    if (!dashboard.ok) throw new Error(`dashboard failed: ${JSON.stringify(dashboard.error)}`);
    return { members: MEMBERS, ...seeded, seedMs, startMs, first, repeated, segments, dashboard: { ms: dashboardMs, databaseRequests: dashboardRequests } };
  } finally {
    await cloud.stop();
  }
}

if (require.main === module) {
  segmentationBench()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
