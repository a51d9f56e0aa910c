import { Agent, request as httpRequest } from 'node:http';
import type { Result } from '@contract/errors';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { upsertTemplate } from '@test/support/coupons';

interface Stats {
  database: { total: number; byAction: Record<string, number> };
  invocations: Record<string, number>;
  /** Connections the local cloud accepted during the storm, and those the functions' SDK used. */
  connections: { accepted: number; peak: number; sdk: number };
}

const CLAIMS = 5000;
const STOCK = 1000;
const TEMPLATE = { templateId: 'bench-storm', name: '直播秒杀券', kind: 'cash', valueFen: 500, validity: { days: 7 }, claimable: true, totalStock: STOCK, perMemberLimit: 1 };
/**
 * Invocations the function host runs at once per function (its maxConcurrentPerFunction): during the
 * storm at most this many claims talk to the database at a time, one request each, so the replay of
 * their requests runs this many invocations' request chains at once.
 */
const HOST_CONCURRENCY = 8;
/** No-op calls for the function-call rate (the same client and concurrency as the storm). */
const NOOP_CALLS = 2000;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Calls that failed on the wire (not a domain answer), by error code: ECONNRESET is what must stay at 0. */
function wireErrors(errors: unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const err of errors) {
    const code = (err as { code?: string }).code ?? (err as Error).message?.slice(0, 60) ?? 'unknown';
    out[code] = (out[code] ?? 0) + 1;
  }
  return out;
}

/**
 * The storm's own database requests, replayed straight against `/admin` of a second local cloud in
 * the state the storm started from: each invocation's requests (one SDK token) in order, one after the
 * other, `concurrency` invocations at a time, as the function host runs them, with the transaction
 * ids the replay's own startTransaction answers. No function host, no SDK: what the database endpoint
 * serves for exactly this request mix.
 */
async function replay(url: string, captured: string[], concurrency: number) {
  const chains = new Map<string, Array<{ text: string; action: string; tx?: string }>>();
  for (const text of captured) {
    const body = JSON.parse(text) as { wxCloudApiToken?: string; action: string; transactionId?: string };
    const key = body.wxCloudApiToken ?? `untokened-${chains.size}`;
    const chain = chains.get(key) ?? [];
    chain.push({ text, action: body.action, tx: body.transactionId || undefined });
    chains.set(key, chain);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const byAction: Record<string, { n: number; ms: number; answerBytes: number }> = {};
  const post = (text: string, action: string) =>
    new Promise<Record<string, unknown>>((ok, fail) => {
      const t0 = performance.now();
      const req = httpRequest(`${url}/admin`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } });
      req.on('error', fail);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const answer = Buffer.concat(chunks);
          const seen = (byAction[action] ??= { n: 0, ms: 0, answerBytes: 0 });
          seen.n += 1;
          seen.ms += performance.now() - t0;
          seen.answerBytes += answer.length;
          ok(JSON.parse(answer.toString('utf8')) as Record<string, unknown>);
        });
        res.on('error', fail);
      });
      req.end(text);
    });
  const queue = [...chains.values()];
  let failed = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let chain = queue.shift(); chain; chain = queue.shift()) {
        const txIds = new Map<string, string>();
        for (const { text, action, tx } of chain) {
          const sent = tx && txIds.has(tx) ? text.split(tx).join(txIds.get(tx)!) : text;
          const answer = await post(sent, action);
          if (typeof answer.code === 'string') failed += 1;
          if (action === 'database.startTransaction' && typeof answer.transactionId === 'string') {
            // The captured chain names the storm's id: its first later use tells which one to replace.
            const old = chain.find((r) => r.tx && !txIds.has(r.tx))?.tx;
            if (old) txIds.set(old, answer.transactionId);
          }
        }
      }
    }),
  );
  const ms = performance.now() - started;
  agent.destroy();
  // Per action: how many, the mean time from sending to the whole answer (queueing included), the mean answer size.
  const perAction = Object.fromEntries(Object.entries(byAction).map(([action, a]) => [action, { n: a.n, meanMs: round1(a.ms / a.n), meanAnswerBytes: Math.round(a.answerBytes / a.n) }]));
  return { requests: captured.length, invocations: chains.size, concurrency, ms: Math.round(ms), requestsPerSecond: Math.round(captured.length / (ms / 1000)), errorAnswers: failed, byAction: perAction };
}

/**
 * 5,000 members claim a coupon with 1,000 in stock, all at once: issued, time, latency, requests per
 * claim, wire errors. Then, in the same run, the raw rate the local cloud serves that request mix at
 * without the function host (`replay`), and the storm's request rate as a share of it; and the rate of
 * no-op function calls (host and SDK start, no database request).
 */
export async function claimStorm(cloud: EmulatorInstance) {
  // The replay's cloud, started first so that its start-up does not fall inside any measurement.
  const rawCloud = await startEmulator({ seed: 'demo', coverage: false });
  try {
    await upsertTemplate(cloud, TEMPLATE);
    await upsertTemplate(rawCloud, TEMPLATE);
    await cloud.post('/__dev/stats/reset');
    await cloud.post('/__dev/capture', { max: CLAIMS * 20 });
    const latencies: number[] = [];
    const errors: unknown[] = [];
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: CLAIMS }, async (_, i) => {
        const t0 = performance.now();
        try {
          const r = await cloud.call<Result<unknown>>('coupon', { action: 'claim', templateId: 'bench-storm' }, `storm-${i}`);
          latencies.push(performance.now() - t0);
          return r;
        } catch (err) {
          errors.push(err);
          return undefined;
        }
      }),
    );
    const ms = performance.now() - started;
    const stats = (await cloud.get<Stats>('/__dev/stats')).body;
    const captured = (await cloud.get<{ requests: string[] }>('/__dev/capture')).body.requests;
    const issued = (await cloud.get<{ documents: Array<{ templateId: string }> }>('/__dev/collections/coupons')).body.documents.filter((c) => c.templateId === 'bench-storm').length;

    const raw = await replay(rawCloud.url, captured, HOST_CONCURRENCY);
    const rawIssued = (await rawCloud.get<{ documents: Array<{ templateId: string }> }>('/__dev/collections/coupons')).body.documents.filter((c) => c.templateId === 'bench-storm').length;

    // No-op calls: an action the coupon function refuses before any database request.
    await cloud.post('/__dev/stats/reset');
    const noopStarted = performance.now();
    await Promise.all(Array.from({ length: NOOP_CALLS }, (_, i) => cloud.call('coupon', { action: 'noop' }, `storm-${i}`)));
    const noopMs = performance.now() - noopStarted;
    const noopRequests = (await cloud.get<Stats>('/__dev/stats')).body.database.total;

    const claimsPerSecond = CLAIMS / (ms / 1000);
    const requestsPerClaim = stats.database.total / CLAIMS;
    const stormRequestsPerSecond = stats.database.total / (ms / 1000);
    return {
      claims: CLAIMS,
      stock: STOCK,
      succeeded: results.filter((r) => r?.ok).length,
      soldOut: results.filter((r) => r && !r.ok && r.error.code === 'SOLD_OUT').length,
      issued,
      ms: Math.round(ms),
      claimsPerSecond: round1(claimsPerSecond),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      databaseRequestsPerClaim: Math.round(requestsPerClaim * 100) / 100,
      byAction: stats.database.byAction,
      wireErrors: wireErrors(errors),
      connectionResets: errors.filter((e) => (e as { code?: string }).code === 'ECONNRESET').length,
      connections: stats.connections,
      /** The same requests straight to /admin of a second cloud: what the database endpoint serves for this mix. */
      raw: { ...raw, issued: rawIssued },
      /** claims/s × requests per claim, as a share of the raw rate (target ≥ 0.70). */
      stormRequestsPerSecond: Math.round(stormRequestsPerSecond),
      ratioToRaw: Math.round((stormRequestsPerSecond / raw.requestsPerSecond) * 100) / 100,
      noopCalls: { calls: NOOP_CALLS, ms: Math.round(noopMs), callsPerSecond: Math.round(NOOP_CALLS / (noopMs / 1000)), databaseRequests: noopRequests },
    };
  } finally {
    await rawCloud.stop();
  }
}

// `npx tsx bench/claimStorm.ts [runs]`: the storm alone, on its own cloud (build the functions first).
if (require.main === module) {
  void (async () => {
    const runs = Number(process.argv[2] ?? 1);
    for (let run = 1; run <= runs; run += 1) {
      const cloud = await startEmulator({ seed: 'demo', coverage: false });
      try {
        console.log(JSON.stringify({ run, ...(await claimStorm(cloud)) }, null, 2));
      } finally {
        await cloud.stop();
      }
    }
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
