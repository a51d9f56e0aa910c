import type { Result } from '@contract/errors';
import type { EmulatorInstance } from '@test/support/emulator';
import { upsertTemplate } from '@test/support/coupons';

interface Stats {
  database: { total: number };
  /** Connections the local cloud accepted during the storm, and those the functions' SDK used. */
  connections: { accepted: number; peak: number; sdk: number };
}

const CLAIMS = 5000;
const STOCK = 1000;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

/** 5,000 members claim a coupon with 1,000 in stock, all at once: issued, time, latency, requests per claim. */
export async function claimStorm(cloud: EmulatorInstance) {
  await upsertTemplate(cloud, { templateId: 'bench-storm', name: '直播秒杀券', kind: 'cash', valueFen: 500, validity: { days: 7 }, claimable: true, totalStock: STOCK, perMemberLimit: 1 });
  await cloud.post('/__dev/stats/reset');
  const latencies: number[] = [];
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: CLAIMS }, async (_, i) => {
      const t0 = performance.now();
      const r = await cloud.call<Result<unknown>>('coupon', { action: 'claim', templateId: 'bench-storm' }, `storm-${i}`);
      latencies.push(performance.now() - t0);
      return r;
    }),
  );
  const ms = Math.round(performance.now() - started);
  const stats = (await cloud.get<Stats>('/__dev/stats')).body;
  const issued = (await cloud.get<{ documents: Array<{ templateId: string }> }>('/__dev/collections/coupons')).body.documents.filter((c) => c.templateId === 'bench-storm').length;
  return {
    claims: CLAIMS,
    stock: STOCK,
    succeeded: results.filter((r) => r.ok).length,
    soldOut: results.filter((r) => !r.ok && r.error.code === 'SOLD_OUT').length,
    issued,
    ms,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    databaseRequestsPerClaim: Math.round((stats.database.total / CLAIMS) * 100) / 100,
    connections: stats.connections,
  };
}
