import assert from '@test/support/assert';
import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { openDatabase, type DatabaseSchema, type LocalDatabase } from '@emulator/database';
import { parseWireObject, serializeDoc } from '@emulator/database/ejson';
import { find } from '@emulator/database/engine';
import { startHarness, type Harness, type WxDatabase } from './harness';

/** The counts since the last reset (`sinceStart` keeps counting across resets; checked where it matters). */
const sinceReset = ({ total, byCollection }: { total: number; byCollection: Record<string, number> }) => ({ total, byCollection });

/**
 * Queries served by secondary indexes answer exactly what a scan answers. `indexed` has the indexes
 * and `twin` none (only _id), with the same 1,200 documents and the same writes: every query runs on
 * both and must give the same answer, while the scan counter shows that `twin` was read whole and
 * `indexed` never was (both hold more than 1,000 documents).
 */

const INDEXES = [
  { name: 'member_created', keys: { openid: 1, createdAt: -1 } },
  { name: 'paid_at', keys: { paidAt: -1 } },
  { name: 'amount', keys: { amountFen: 1 } },
  { name: 'tags', keys: { tags: 1 } },
  { name: 'paid_expires', keys: { 'paid.expiresAt': 1 } },
] as const;
const schema = { collections: { indexed: { indexes: [...INDEXES] }, twin: {} } } as unknown as DatabaseSchema;

const BASE = Date.UTC(2025, 5, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(BASE + ms);

/** Missing and null values, arrays (of values and of objects), numbers stored as strings too. */
function sample(i: number): Record<string, unknown> {
  const doc: Record<string, unknown> = { _id: `d${String(i).padStart(4, '0')}`, seq: i };
  if (i % 10 === 1) doc.openid = null;
  else if (i % 10 !== 0) doc.openid = `u${i % 37}`;
  if (i % 5 !== 0) doc.paidAt = at((i % 400) * HOUR);
  doc.amountFen = i % 13 === 0 ? [i % 50, (i * 7) % 50] : i % 17 === 0 ? String(i % 50) : i % 50;
  if (i % 3 === 1) doc.tags = ['fresh', `t${i % 4}`];
  else if (i % 3 === 2) doc.tags = `t${i % 4}`;
  else if (i % 6 === 0) doc.tags = [];
  if (i % 4 === 1) doc.paid = { expiresAt: at((i % 90) * DAY) };
  else if (i % 4 === 2) doc.paid = [{ expiresAt: at((i % 30) * DAY) }, { expiresAt: at((i % 60) * DAY) }, { other: 1 }];
  else if (i % 4 === 3) doc.paid = { expiresAt: null };
  return doc;
}
const SAMPLES = Array.from({ length: 1200 }, (_, i) => sample(i));
const U5 = SAMPLES.filter((doc) => doc.openid === 'u5').length;

describe('secondary indexes through wx-server-sdk: the same answers as a scan', () => {
  let h: Harness;
  const warnings: string[] = [];

  /** Runs the query on both collections, asserts they agree, and answers the indexed one's result. */
  async function both<T>(run: (collection: WxDatabase) => Promise<T>): Promise<T> {
    const indexed = await run(h.db.collection('indexed'));
    const twin = await run(h.db.collection('twin'));
    assert.deepEqual(indexed, twin);
    return indexed;
  }
  type Row = Record<string, unknown>;
  const list = (query: WxDatabase): Promise<Row[]> => query.limit(1000).get().then((res: { data: Row[] }) => res.data);
  const total = (query: WxDatabase): Promise<number> => query.count().then((res: { total: number }) => res.total);
  /** Both the page of documents and the count, with at least one match (a test of nothing proves nothing). */
  async function agree(where: Record<string, unknown>, atLeast = 1): Promise<Row[]> {
    const docs = await both((c) => list(c.where(where)));
    assert.ok(docs.length >= atLeast, `expected at least ${atLeast} matches, got ${docs.length}`);
    assert.equal(await both((c) => total(c.where(where))), docs.length);
    return docs;
  }
  /** No query since the reset read the indexed collection whole; the twin was. */
  function servedByIndexes(): void {
    const scans = h.local.unindexedScans();
    assert.equal(scans.byCollection.indexed, undefined, `indexed was scanned: ${warnings.join('\n')}`);
    assert.ok((scans.byCollection.twin ?? 0) > 0);
  }

  beforeAll(async () => {
    h = await startHarness({ schema, warn: (message) => warnings.push(message) });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.local.reset();
    h.local.insertMany('indexed', SAMPLES);
    h.local.insertMany('twin', SAMPLES);
    h.local.resetUnindexedScans();
  });

  test('equality, $eq and $in (strings, _id)', async () => {
    const { _ } = h;
    assert.equal((await agree({ openid: 'u5' })).length, U5);
    await agree({ openid: _.eq('u5') });
    await agree({ openid: _.in(['u1', 'u2', 'nobody']) });
    await agree({ _id: _.in(['d0001', 'd0500', 'nope']) }, 2);
    await agree({ openid: 'u5', seq: _.gt(600) });
    servedByIndexes();
  });

  test('ranges on Dates and on numbers, with one bound or two', async () => {
    const { _ } = h;
    await agree({ paidAt: _.gte(at(10 * HOUR)).and(_.lt(at(20 * HOUR))) });
    await agree({ paidAt: _.gt(at(390 * HOUR)) });
    await agree({ paidAt: _.lte(at(HOUR)) });
    await agree({ amountFen: _.lte(3) });
    // [x, y] arrays match two bounds with different elements: the index must not lose them.
    const split = await agree({ amountFen: _.gt(10).and(_.lt(12)) });
    assert.ok(split.some((doc) => Array.isArray(doc.amountFen) && !(doc.amountFen as number[]).some((n) => n > 10 && n < 12)));
    // Strings and numbers are separate ranges: '3' <= '30' but not 3.
    await agree({ amountFen: _.gte('3').and(_.lt('4')) });
    await agree({ 'paid.expiresAt': _.gte(at(10 * DAY)).and(_.lt(at(12 * DAY))) });
    await agree(_.and([{ paidAt: _.gte(at(100 * HOUR)) }, { paidAt: _.lt(at(103 * HOUR)) }]));
    servedByIndexes();
  });

  test('missing and null values are found by null', async () => {
    const { _ } = h;
    const nulls = await agree({ openid: null });
    assert.ok(nulls.some((doc) => !('openid' in doc)) && nulls.some((doc) => doc.openid === null));
    await agree({ openid: _.eq(null) });
    await agree({ openid: _.in([null, 'u3']) });
    await agree({ 'paid.expiresAt': null });
    await agree({ paidAt: _.eq(null), openid: 'u7' });
    servedByIndexes();
  });

  test('arrays: each element is a value of the index', async () => {
    const { _ } = h;
    await agree({ tags: 'fresh' });
    await agree({ tags: _.in(['t1', 't2']) });
    await agree({ amountFen: 7 });
    await agree({ amountFen: _.in([7, '7']) });
    servedByIndexes();
  });

  test('order, skip, limit and projection stay as they were', async () => {
    const { _ } = h;
    const page = (c: WxDatabase) =>
      c.where({ openid: _.in(['u1', 'u2', 'u3']) }).orderBy('paidAt', 'desc').orderBy('_id', 'asc').skip(5).limit(20).field({ openid: true, paidAt: true }).get();
    const { data } = await both<{ data: Row[] }>(page);
    assert.equal(data.length, 20);
    await both((c) => c.where({ paidAt: _.gte(at(50 * HOUR)) }).orderBy('_id', 'desc').skip(3).limit(7).get());
    await both((c) => c.where({ _id: _.gt('d0100') }).orderBy('_id', 'asc').limit(10).get());
    await both((c) => c.where({ tags: 'fresh' }).skip(390).limit(50).get());
    servedByIndexes();
  });

  test('an aggregation whose first stage is $match', async () => {
    const { _ } = h;
    const $ = h.db.command.aggregate;
    const { list } = await both<{ list: Row[] }>((c) =>
      c.aggregate().match({ openid: _.in(['u1', 'u2', 'u3']), paidAt: _.gte(at(100 * HOUR)) }).group({ _id: '$openid', n: $.sum(1) }).sort({ _id: 1 }).end(),
    );
    assert.equal(list.length, 3);
    servedByIndexes();
  });

  test('writes keep the indexes in step: updates that change an indexed value, replacements, removals, inserts', async () => {
    const { _ } = h;
    await both((c) => c.where({ openid: 'u5' }).update({ data: { openid: 'moved' } }));
    await agree({ openid: 'u5' }, 0);
    assert.equal((await agree({ openid: 'moved' })).length, U5);
    await both((c) => c.doc('d0001').update({ data: { paidAt: at(-5 * HOUR), tags: _.push(['late']) } }));
    assert.deepEqual((await agree({ paidAt: _.lt(at(0)) })).map((doc) => doc._id), ['d0001']);
    await agree({ tags: 'late' });
    await agree({ paidAt: at(2 * HOUR) });
    // A replacement without openid: the document moves under null.
    await both((c) => c.doc('d0003').set({ data: { seq: 3, amountFen: 999 } }));
    assert.ok((await agree({ openid: null })).some((doc) => doc._id === 'd0003'));
    await agree({ openid: 'u3' });
    await agree({ amountFen: _.gte(999) });
    await both((c) => c.where({ openid: 'moved' }).remove());
    await agree({ openid: 'moved' }, 0);
    await both((c) => c.add({ data: { _id: 'new-1', openid: 'moved', paidAt: at(0), amountFen: [1, 999] } }));
    await agree({ openid: 'moved' });
    await agree({ amountFen: _.gt(998) });
    servedByIndexes();
  });

  test('transactions: a commit is seen through the indexes, an abort is not; history kept for a snapshot does not leak', async () => {
    const { db } = h;
    for (const name of ['indexed', 'twin']) {
      await db.runTransaction(async (t: WxDatabase) => {
        await t.collection(name).doc('d0004').update({ data: { openid: 'committed', paidAt: at(-HOUR) } });
        await t.collection(name).doc('d0005').remove();
      });
      const aborted = await db.startTransaction();
      await aborted.collection(name).doc('d0006').update({ data: { openid: 'aborted' } });
      await aborted.rollback();
    }
    assert.deepEqual((await agree({ openid: 'committed' })).map((doc) => doc._id), ['d0004']);
    await agree({ openid: 'aborted' }, 0);
    await agree({ openid: 'u6' });
    assert.ok(!(await agree({ openid: 'u5' })).some((doc) => doc._id === 'd0005'));

    // While a transaction is open, plain writes keep the older versions for it: queries see the heads only.
    const open = await db.startTransaction();
    await open.collection('indexed').doc('d0007').get();
    for (const name of ['indexed', 'twin']) {
      await db.collection(name).doc('d0008').remove();
      await db.collection(name).doc('d0009').update({ data: { openid: 'during' } });
      await db.collection(name).add({ data: { _id: 'during-1', openid: 'during' } });
    }
    await agree({ openid: 'during' }, 2);
    assert.ok(!(await agree({ openid: 'u8' })).some((doc) => doc._id === 'd0008'));
    await open.commit();
    await agree({ openid: 'during' }, 2);
    await agree({ openid: 'u9' });
    servedByIndexes();
  });
});

describe('secondary indexes after a restart from SQLite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-db-indexes-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const ejson = (value: unknown) => EJSON.stringify(value, { relaxed: false });

  async function expectScanAnswer(db: LocalDatabase, query: Record<string, unknown>): Promise<void> {
    const res = await db.handle('database.getDocument', { collectionName: 'indexed', queryType: 'WHERE', query: ejson(query), limit: 1000 });
    assert.equal(res.code, undefined, res.message);
    const criteria = parseWireObject(ejson(query), 'query', () => new Date());
    const scan = find(criteria, db.dump('indexed'), { offset: 0, limit: 1000 }).map(serializeDoc);
    assert.ok(scan.length > 0);
    assert.deepEqual((res.data as { list: string[] }).list, scan);
  }

  test('the indexes are rebuilt from the stored documents, in natural order', async () => {
    const first = openDatabase({ dataDir, now: () => new Date(), schema, warn: () => undefined });
    first.insertMany('indexed', SAMPLES);
    const update = await first.handle('database.modifyDocument', {
      collectionName: 'indexed', queryType: 'WHERE', multi: true, merge: true,
      query: ejson({ openid: 'u5' }), data: ejson({ $set: { openid: 'restarted', paidAt: at(-DAY) } }),
    });
    assert.equal((update.data as { updated: number }).updated, U5);
    await first.handle('database.removeDocument', { collectionName: 'indexed', queryType: 'WHERE', multi: true, query: ejson({ openid: 'u6' }) });
    first.close();

    const second = openDatabase({ dataDir, now: () => new Date(), schema, warn: () => undefined });
    try {
      await expectScanAnswer(second, { openid: 'restarted' });
      await expectScanAnswer(second, { paidAt: { $lt: at(0) } });
      await expectScanAnswer(second, { openid: { $in: ['u1', 'u6', null] } });
      await expectScanAnswer(second, { amountFen: { $gt: 10, $lt: 12 } });
      await expectScanAnswer(second, { 'paid.expiresAt': { $gte: at(3 * DAY), $lte: at(4 * DAY) } });
      await expectScanAnswer(second, { tags: 'fresh', openid: 'u7' });
      assert.deepEqual(sinceReset(second.unindexedScans()), { total: 0, byCollection: {} });
    } finally {
      second.close();
    }
  });
});

describe('unindexed scans: counted and warned about', () => {
  let h: Harness;
  const warnings: string[] = [];
  const big = Array.from({ length: 1001 }, (_, i) => ({ _id: `b${String(i).padStart(4, '0')}`, k: i % 10, other: i % 7 }));

  beforeAll(async () => {
    const collections = {
      big: { indexes: [{ name: 'k_other', keys: { k: 1, other: 1 } }] },
      small: {},
      places: { indexes: [{ name: 'location', keys: { location: '2dsphere' } }] },
    };
    h = await startHarness({ schema: { collections } as unknown as DatabaseSchema, warn: (message) => warnings.push(message) });
    h.local.insertMany('big', big);
    h.local.insertMany('small', big.slice(0, 1000));
    h.local.insertMany('places', big.map(({ _id }, i) => ({ _id, location: { type: 'Point', coordinates: [121 + (i % 40) / 1000, 31 + Math.floor(i / 40) / 1000] } })));
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.local.resetUnindexedScans();
    warnings.length = 0;
  });

  test('a query on an indexed field is not counted; one on another field is, with one warning per shape', async () => {
    const { db, _ } = h;
    const big = db.collection('big');
    assert.equal((await big.where({ k: 3 }).count()).total, 100);
    assert.equal((await big.where({ k: _.in([1, 2]), other: 3 }).limit(1000).get()).data.length, 28);
    assert.deepEqual(sinceReset(h.local.unindexedScans()), { total: 0, byCollection: {} });

    // `other` is the index's second key: it does not serve a query on its own.
    assert.equal((await big.where({ other: 3 }).count()).total, 143);
    assert.equal((await big.where({ other: 4 }).count()).total, 143);
    assert.equal((await big.where({ other: _.gt(5) }).limit(1000).get()).data.length, 143);
    assert.deepEqual(sinceReset(h.local.unindexedScans()), { total: 3, byCollection: { big: 3 } });
    assert.deepEqual(warnings, [
      '[database] unindexed query on big read all 1001 documents: {"other":"?"}; an index in the schema whose first key the query narrows would serve it',
      '[database] unindexed query on big read all 1001 documents: {"other":{"$gt":"?"}}; an index in the schema whose first key the query narrows would serve it',
    ]);
    h.local.resetUnindexedScans();
    assert.deepEqual(sinceReset(h.local.unindexedScans()), { total: 0, byCollection: {} });
  });

  test('what is not a scan: a collection of 1,000, a count of everything, an early stop, a walk in _id order, a 2dsphere query', async () => {
    const { db } = h;
    assert.equal((await db.collection('small').where({ other: 3 }).count()).total, 143);
    assert.equal((await db.collection('big').count()).total, 1001);
    // Natural order without a sort stops at the page: the first 5 matches are near the start.
    assert.equal((await db.collection('big').where({ other: 3 }).limit(5).get()).data.length, 5);
    const page = await db.collection('big').where({}).orderBy('_id', 'desc').limit(3).get();
    assert.deepEqual(page.data.map((doc: { _id: string }) => doc._id), ['b1000', 'b0999', 'b0998']);
    // A geo query reads every document here, but production serves it with the 2dsphere index.
    const near = await db.collection('places').where({ location: db.command.geoNear({ geometry: new db.Geo.Point(121, 31), maxDistance: 200 }) }).get();
    assert.equal(near.data[0]._id, 'b0000');
    assert.deepEqual(sinceReset(h.local.unindexedScans()), { total: 0, byCollection: {} });
    assert.deepEqual(warnings, []);
  });

  test('aggregations: a leading $match on an indexed field is served, no $match reads all', async () => {
    const { db, _ } = h;
    const $ = db.command.aggregate;
    const served = await db.collection('big').aggregate().match({ k: _.lte(1) }).group({ _id: '$k', n: $.sum(1) }).sort({ _id: 1 }).end();
    assert.deepEqual(served.list, [{ _id: 0, n: 101 }, { _id: 1, n: 100 }]);
    assert.deepEqual(sinceReset(h.local.unindexedScans()), { total: 0, byCollection: {} });
    await db.collection('big').aggregate().group({ _id: '$other', n: $.sum(1) }).end();
    await db.collection('big').aggregate().match({ other: 1 }).count('n').end();
    assert.deepEqual(sinceReset(h.local.unindexedScans()), { total: 2, byCollection: { big: 2 } });
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /aggregate \[\$group, \$limit\]/);
    assert.match(warnings[1], /aggregate \[\$match, \$count, \$limit\], \$match \{"other":"\?"\}/);
  });

  test('a $lookup whose sub-pipeline opens with a $match of constants is served by the joined collection\'s index; other joins read it all', async () => {
    const { db, _ } = h;
    const $ = db.command.aggregate as unknown as { pipeline(): { match(q: object): { count(f: string): { done(): object[] }; limit(n: number): { done(): object[] } } } };
    // One request: a small document joined with one document of `big` by _id and with a count over `big` by its index.
    const joined = await db
      .collection('small')
      .aggregate()
      .match({ _id: 'b0001' })
      .lookup({ from: 'big', pipeline: $.pipeline().match({ _id: 'b0042' }).limit(1).done(), as: 'one' })
      .lookup({ from: 'big', pipeline: $.pipeline().match({ k: 3, other: _.gte(5) }).count('n').done(), as: 'counted' })
      .end();
    assert.deepEqual(joined.list, [{ _id: 'b0001', k: 1, other: 1, one: [{ _id: 'b0042', k: 2, other: 0 }], counted: [{ n: big.filter((d) => d.k === 3 && d.other >= 5).length }] }]);
    assert.deepEqual(sinceReset(h.local.unindexedScans()), { total: 0, byCollection: {} });
    // A join on a field no index serves, or by localField, reads the joined collection whole.
    await db.collection('small').aggregate().match({ _id: 'b0001' }).lookup({ from: 'big', pipeline: $.pipeline().match({ other: 2 }).limit(1).done(), as: 'x' }).end();
    await db.collection('small').aggregate().match({ _id: 'b0001' }).lookup({ from: 'big', localField: 'k', foreignField: 'k', as: 'x' }).end();
    assert.deepEqual(sinceReset(h.local.unindexedScans()), { total: 2, byCollection: { big: 2 } });
  });
});
