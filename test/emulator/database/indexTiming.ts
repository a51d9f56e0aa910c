/**
 * Timing, not a test: queries over N small orders (1,000,000 by default) answered through the
 * secondary indexes, against the same queries scanning every document with mingo (what the emulator
 * did before it had indexes). Both must give the same documents.
 *
 *   npx tsx test/emulator/database/indexTiming.ts [documents]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { openDatabase, type DatabaseSchema } from '@emulator/database';
import { parseWireObject, serializeDoc, type Doc } from '@emulator/database/ejson';
import { find } from '@emulator/database/engine';

const N = Number(process.argv[2] ?? 1_000_000);
const ejson = (value: unknown) => EJSON.stringify(value, { relaxed: false });
const schema = {
  collections: {
    orders: {
      indexes: [
        { name: 'member_created', keys: { openid: 1, createdAt: -1 } },
        { name: 'status_expires', keys: { status: 1, expiresAt: 1 } },
        { name: 'paid_at', keys: { paidAt: -1 } },
      ],
    },
  },
} as unknown as DatabaseSchema;

interface Case {
  name: string;
  query: Doc;
  order?: Record<string, 1 | -1>;
  limit: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-db-index-timing-'));
  const db = openDatabase({ dataDir, now: () => new Date(), schema, warn: (message) => console.log(`  (${message})`) });
  try {
    const base = Date.UTC(2025, 0, 1);
    const statuses = ['paid', 'done', 'cancelled', 'pending'];
    const docs: Doc[] = [];
    let started = performance.now();
    for (let i = 0; i < N; i++) {
      docs.push({ _id: `o${String(i).padStart(7, '0')}`, openid: `u${i % 100_000}`, status: statuses[i % 4], totalFen: (i * 7919) % 50_000, paidAt: new Date(base + i * 30_000) });
    }
    for (let from = 0; from < N; from += 100_000) db.insertMany('orders', docs.slice(from, from + 100_000));
    console.log(`${N} orders loaded in ${Math.round(performance.now() - started)} ms, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);

    const ids = Array.from({ length: 500 }, (_, k) => `u${(k * 197) % 100_000}`);
    const cases: Case[] = [
      { name: 'openid in 500 ids', query: { openid: { $in: ids } }, limit: 1000 },
      { name: 'openid = one id', query: { openid: 'u4242' }, limit: 1000 },
      { name: 'paidAt within a day', query: { paidAt: { $gte: new Date(base + 100 * 86_400_000), $lt: new Date(base + 101 * 86_400_000) } }, limit: 1000 },
      { name: 'status in 2 + openid in 500 ids', query: { status: { $in: ['paid', 'done'] }, openid: { $in: ids } }, limit: 1000 },
      { name: '_id > x, orderBy _id, limit 100', query: { _id: { $gt: `o${String(Math.floor(N / 2)).padStart(7, '0')}` } }, order: { _id: 1 }, limit: 100 },
      { name: 'totalFen = 1234 (no index)', query: { totalFen: 1234 }, limit: 1000 },
    ];
    for (const { name, query, order, limit } of cases) {
      const times: number[] = [];
      let list: string[] = [];
      for (let round = 0; round < 3; round++) {
        started = performance.now();
        const res = await db.handle('database.getDocument', { collectionName: 'orders', queryType: 'WHERE', query: ejson(query), order: order ? ejson(order) : undefined, limit });
        times.push(performance.now() - started);
        if (res.code) throw new Error(`${name}: ${res.code} ${res.message}`);
        list = (res.data as { list: string[] }).list;
      }
      started = performance.now();
      const criteria = parseWireObject(ejson(query), 'query', () => new Date());
      const scanned = find(criteria, docs, { order, offset: 0, limit }).map(serializeDoc);
      const scanMs = performance.now() - started;
      if (ejson(scanned) !== ejson(list)) throw new Error(`${name}: the indexed answer differs from the scan`);
      const first = times[0];
      const median = [...times].sort((a, b) => a - b)[1];
      console.log(`${name.padEnd(36)} ${String(list.length).padStart(5)} docs  indexed ${median.toFixed(1).padStart(7)} ms (first ${first.toFixed(1)})  scan ${scanMs.toFixed(1).padStart(8)} ms`);
    }
    console.log('unindexedScans', JSON.stringify(db.unindexedScans()));
  } finally {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
