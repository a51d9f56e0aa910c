/**
 * `npm run bench`: numbers, not pass/fail. Starts a real local cloud with the demo data, then measures
 * database requests per operation (from /__dev/stats) against the least each operation needs, the
 * latency of quote / create / pay callback / redeem, and the concurrency runs with their timings.
 * Prints a table and writes bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions } from '../scripts/build-functions.mjs';
import { startEmulator } from '@test/support/emulator';
import { buy, createOrder, FLAGSHIP, okData, pay, quote } from '@test/support/shop';
import type { Result } from '@contract/errors';
import { checkLocalCloud } from '@ops/checkLocalCloud';
import { claimStorm } from './claimStorm';
import { campaignBench } from './campaign';
import { segmentationBench } from './segmentation';
import { tierExpiryBench } from './tierExpiry';
import { printRequests, requestsPerOperation } from './requests';
import { bundleBench } from './bundles';
import { timersBench } from './timers';
import { printSummary } from './summary';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function latency(times: number, run: (i: number) => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return { p50: Math.round(percentile(samples, 50) * 10) / 10, p99: Math.round(percentile(samples, 99) * 10) / 10, n: times };
}

async function main() {
  await buildFunctions({ quiet: true });
  const cloud = await startEmulator({ seed: 'demo' });
  const results: Record<string, unknown> = { at: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}` };
  try {
    await cloud.post('/__dev/reset', { seed: 'demo' });
    // Requests per operation, each beside its target (bench/requests.ts).
    const perOp = await requestsPerOperation(cloud);
    results.databaseRequests = perOp;
    printRequests(perOp);
    const items = [
      { skuId: 'fruit-strawberry', qty: 1 },
      { skuId: 'dairy-milk-950', qty: 2 },
    ];
    const lat: Record<string, unknown> = {};
    lat.quote = await latency(50, () => quote(cloud, 'demo-gold', items));
    const orders: Array<{ outTradeNo: string }> = [];
    lat.create = await latency(50, async () => orders.push(okData(await createOrder(cloud, 'demo-gold', items))));
    lat.payCallback = await latency(50, (i) => pay(cloud, orders[i].outTradeNo));
    const vouchers: string[] = [];
    for (let i = 0; i < 50; i += 1) vouchers.push((await buy(cloud, 'demo-diamond', items)).voucher!.code);
    lat.redeem = await latency(50, (i) => cloud.call('staff', { action: 'redeem', code: vouchers[i] }, 'demo-clerk-1'));
    results.latencyMs = lat;

    const storms: Record<string, unknown> = {};
    okData(await cloud.call<Result<unknown>>('admin', { action: 'setStock', storeId: FLAGSHIP, skuId: 'flash-watermelon', stock: 100 }, 'demo-admin'));
    let started = performance.now();
    const storm = await Promise.all(Array.from({ length: 500 }, (_, i) => createOrder(cloud, `bench-buyer-${i}`, [{ skuId: 'flash-watermelon', qty: 1 }])));
    storms.orders500on100 = { sold: storm.filter((r) => r.ok).length, ms: Math.round(performance.now() - started) };
    const one = okData(await createOrder(cloud, 'demo-normal', [{ skuId: 'fruit-pear', qty: 1 }]));
    started = performance.now();
    const deliveries = await pay(cloud, one.outTradeNo, 20);
    storms.callback20 = { deliveries: deliveries.length, ms: Math.round(performance.now() - started) };
    const toRedeem = await buy(cloud, 'demo-normal', [{ skuId: 'fruit-pear', qty: 1 }]);
    started = performance.now();
    const redeems = await Promise.all(Array.from({ length: 20 }, () => cloud.call<Result<unknown>>('staff', { action: 'redeem', code: toRedeem.voucher!.code }, 'demo-clerk-1')));
    storms.redeem20 = { redeemed: redeems.filter((r) => r.ok).length, ms: Math.round(performance.now() - started) };
    results.concurrency = storms;
    results.claimStorm = await claimStorm(cloud);
    // After the storms: nothing lost, nothing given twice, over the whole database.
    const report = await checkLocalCloud(cloud.url);
    results.invariants = { ok: report.ok, violations: report.violations.slice(0, 20), figures: report.figures };
  } finally {
    await cloud.stop();
  }
  // Each function's deployable bundle: size against 200 KB, and its cold start in a fresh process.
  results.bundles = await bundleBench();
  // Its own local cloud: 100,000 members written into a fresh data directory.
  results.tierExpiry = await tierExpiryBench();
  // Its own local cloud: 100,000 members and 1,000,000 orders, the weekly segmentation and the dashboard.
  results.segmentation = await segmentationBench();
  // Its own local cloud: liveSweep, birthdayCoupons, membershipSettle and notify over 100,000 members, each fired until done.
  results.timers = await timersBench();
  // Its own local cloud: a campaign for 100,000 S4 members among 120,000, run by its timer until done.
  results.campaign = await campaignBench();
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  printSummary(results);
  console.log(`\nwritten to ${join(dir, 'latest.json')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
