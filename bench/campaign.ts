/**
 * A campaign for 100,000 members of S4 (and 20,000 others it must not reach), run by its timer
 * firings until done: how many firings, how long, how many database requests per member, and that
 * every member got exactly one coupon (the invariant checker over the whole database, then a count).
 * 1% of the audience accepted the 活动权益到账 message: each gets one.
 *
 *   npx tsx bench/campaign.ts          (BENCH_CAMPAIGN_MEMBERS=… for another size)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newMember } from '@core/member';
import { openDatabase, readSchema } from '@emulator/database';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';

const AUDIENCE = Number(process.env.BENCH_CAMPAIGN_MEMBERS ?? 100_000);
const OTHERS = Math.round(AUDIENCE / 5);
/** Tuesday 1 December 2026, 10:00 in Shanghai. */
const NOW = new Date('2026-12-01T02:00:00.000Z');
const BATCH = 10_000;
const SUBSCRIBED_EVERY = 100;

const openidOf = (i: number) => `c${String(i).padStart(7, '0')}`;

/** The audience (S4) interleaved by id with members of other segments, so pages mix both. */
function seed(dataDir: string): void {
  const db = openDatabase({ dataDir, now: () => NOW, schema: readSchema(join(__dirname, '..', 'database', 'schema.json')) });
  const since = new Date(NOW.getTime() - 200 * 86_400_000);
  let batch: Record<string, unknown>[] = [];
  const total = AUDIENCE + OTHERS;
  for (let i = 0; i < total; i += 1) {
    const inAudience = i % 6 !== 5 || i >= OTHERS * 6;
    const m: Record<string, unknown> = { ...newMember(openidOf(i), since), segment: inAudience ? 'S4' : i % 2 ? 'S1' : null, paidOrderCount: inAudience ? 2 : 0 };
    if (inAudience && i % SUBSCRIBED_EVERY === 0) m.subscriptions = { campaignGift: 1 };
    batch.push(m);
    if (batch.length === BATCH) {
      db.insertMany('members', batch);
      batch = [];
    }
  }
  if (batch.length) db.insertMany('members', batch);
  db.insertMany('staff', [{ _id: 'bench-admin', openid: 'bench-admin', storeId: 'store-x', role: 'admin', active: true }]);
  db.close();
}

interface Stats {
  database: { total: number; byAction: Record<string, number>; unindexedScans?: unknown };
}

async function admin(cloud: EmulatorInstance, data: Record<string, unknown>) {
  const res = await cloud.call<{ ok: boolean; data?: unknown; error?: unknown }>('admin', data, 'bench-admin');
  if (!res.ok) throw new Error(`admin ${String(data.action)} failed: ${JSON.stringify(res.error)}`);
  return res.data;
}

export async function campaignBench() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-campaign-'));
  const seedStarted = performance.now();
  seed(dataDir);
  const seedMs = Math.round(performance.now() - seedStarted);
  const cloud = await startEmulator({ dataDir, coverage: false, readyTimeoutMs: 600_000 });
  try {
    await cloud.post('/__dev/clock', { now: NOW.toISOString() });
    // WeChat's side of the accepts (what each member's tap on 允许 recorded).
    for (let i = 0; i < AUDIENCE + OTHERS; i += SUBSCRIBED_EVERY) {
      await cloud.post('/__dev/subscriptions', { openid: openidOf(i), templateId: 'local-tpl-campaignGift', count: 1 });
    }
    await admin(cloud, { action: 'upsert', entity: 'couponTemplate', doc: { templateId: 'bench-back', name: '回流满减券', kind: 'threshold', valueFen: 1000, thresholdFen: 5900, validity: { days: 14 }, totalStock: AUDIENCE, perMemberLimit: 1 } });
    await admin(cloud, { action: 'upsert', entity: 'campaign', doc: { campaignId: 'bench-s4', name: '价格敏感回流礼', audience: { segments: ['S4'] }, benefits: [{ kind: 'coupon', templateId: 'bench-back' }], startAt: NOW.toISOString(), notify: true } });

    await cloud.post('/__dev/stats/reset');
    const started = performance.now();
    const firingMs: number[] = [];
    let last: { runs: Array<{ matched: number; issued: number; done: boolean }>; done: boolean } | undefined;
    for (let i = 0; i < 50; i += 1) {
      const t = performance.now();
      const res = await cloud.post<{ result: NonNullable<typeof last> }>('/__dev/trigger/campaigns');
      if (res.status !== 200) throw new Error(`campaigns failed: ${JSON.stringify(res.body)}`);
      firingMs.push(Math.round(performance.now() - t));
      last = res.body.result;
      if (last.done) break;
    }
    const ms = Math.round(performance.now() - started);
    const stats = (await cloud.get<Stats>('/__dev/stats')).body.database;
    const status = (await admin(cloud, { action: 'campaignStatus', campaignId: 'bench-s4' })) as { matched: number; issued: number; skipped: number; notified: number; done: boolean };

    await cloud.post('/__dev/stats/reset');
    await cloud.post('/__dev/trigger/campaigns');
    const repeatRequests = (await cloud.get<Stats>('/__dev/stats')).body.database.total;

    const checkStarted = performance.now();
    const report = await checkLocalCloud(cloud.url);
    const coupons = (await cloud.get<{ documents: Array<{ openid: string; templateId: string }> }>('/__dev/collections/coupons')).body.documents.filter((c) => c.templateId === 'bench-back');
    const holders = new Set(coupons.map((c) => c.openid));
    const messages = (await cloud.get<unknown[]>('/__dev/messages')).body.length;
    return {
      audience: AUDIENCE,
      others: OTHERS,
      seedMs,
      firings: firingMs.length,
      longestFiringMs: Math.max(...firingMs),
      ms,
      membersPerSecond: Math.round((status.matched / ms) * 1000),
      status,
      databaseRequests: stats.total,
      requestsPerThousandMembers: Math.round((stats.total / Math.max(1, status.matched)) * 1000 * 10) / 10,
      byAction: stats.byAction,
      unindexedScans: stats.unindexedScans,
      repeatFiringRequests: repeatRequests,
      coupons: coupons.length,
      membersWithOne: holders.size,
      messages,
      invariants: { ok: report.ok, violations: report.violations.slice(0, 10), ms: Math.round(performance.now() - checkStarted) },
    };
  } finally {
    await cloud.stop();
  }
}

if (require.main === module) {
  campaignBench()
    .then((r) => console.log(JSON.stringify(r, null, 2)))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
