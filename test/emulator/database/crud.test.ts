import assert from '@test/support/assert';
import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import { EJSON } from 'bson';
import { FIXED_NOW, sdkError, startHarness, type Harness } from './harness';

const schema = { collections: { items: {}, orders: {} } };

describe('database actions through wx-server-sdk', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ schema });
  });
  afterAll(() => h.close());
  beforeEach(() => h.local.reset());

  test('add: generates a 32-hex _id and stores the document', async () => {
    const res = await h.db.collection('items').add({ data: { name: 'milk', priceFen: 1299 } });
    assert.match(String(res._id), /^[0-9a-f]{32}$/);
    assert.deepEqual(h.local.dump('items'), [{ _id: res._id, name: 'milk', priceFen: 1299 }]);
  });

  test('add: keeps a given _id and refuses a duplicate one', async () => {
    await h.db.collection('items').add({ data: { _id: 'sku-1', n: 1 } });
    await assert.rejects(h.db.collection('items').add({ data: { _id: 'sku-1', n: 2 } }), sdkError(-501001, 'duplicate key'));
    assert.deepEqual(h.local.dump('items'), [{ _id: 'sku-1', n: 1 }]);
  });

  test('doc.get: returns the document, and throws for a missing one', async () => {
    h.local.insertMany('items', [{ _id: 'a', n: 1.5 }]);
    const { data } = await h.db.collection('items').doc('a').get();
    assert.deepEqual(data, { _id: 'a', n: 1.5 });
    await assert.rejects(h.db.collection('items').doc('zzz').get(), /document with _id zzz does not exist/);
  });

  test('doc.get: applies field() projection', async () => {
    h.local.insertMany('items', [{ _id: 'a', n: 1, secret: 'x' }]);
    const { data } = await h.db.collection('items').doc('a').field({ n: true }).get();
    assert.deepEqual(data, { _id: 'a', n: 1 });
  });

  test('get: Date fields round-trip as Date', async () => {
    const at = new Date('2024-12-31T16:00:00.123Z');
    await h.db.collection('items').add({ data: { _id: 'd', at, list: [{ at }] } });
    const { data } = await h.db.collection('items').doc('d').get();
    assert.ok(data.at instanceof Date);
    assert.equal(data.at.getTime(), at.getTime());
    assert.equal(data.list[0].at.getTime(), at.getTime());
    assert.ok(h.local.dump('items')[0].at instanceof Date);
  });

  test('count: counts the documents a where() matches', async () => {
    h.local.insertMany('items', [{ k: 1 }, { k: 2 }, { k: 2 }]);
    assert.equal((await h.db.collection('items').where({ k: 2 }).count()).total, 2);
    assert.equal((await h.db.collection('items').count()).total, 3);
  });

  test('doc.update: merges fields and reports updated', async () => {
    h.local.insertMany('items', [{ _id: 'a', n: 1, keep: true }]);
    const res = await h.db.collection('items').doc('a').update({ data: { n: 2, extra: 'x' } });
    assert.equal(res.stats.updated, 1);
    assert.deepEqual(h.local.dump('items'), [{ _id: 'a', n: 2, keep: true, extra: 'x' }]);
  });

  test('doc.update: a missing document updates nothing', async () => {
    const res = await h.db.collection('items').doc('none').update({ data: { n: 2 } });
    assert.equal(res.stats.updated, 0);
    assert.deepEqual(h.local.dump('items'), []);
  });

  test('doc.set: replaces the whole document and keeps _id', async () => {
    h.local.insertMany('items', [{ _id: 'a', n: 1, old: true }]);
    const res = await h.db.collection('items').doc('a').set({ data: { n: 5, fresh: { deep: 1 } } });
    assert.deepEqual(res.stats, { updated: 1, created: 0 });
    assert.deepEqual(h.local.dump('items'), [{ _id: 'a', n: 5, fresh: { deep: 1 } }]);
  });

  test('doc.set: creates a missing document', async () => {
    const res = await h.db.collection('items').doc('new').set({ data: { n: 1 } });
    assert.deepEqual(res.stats, { updated: 0, created: 1 });
    assert.deepEqual(h.local.dump('items'), [{ _id: 'new', n: 1 }]);
  });

  test('where.update: updates every match', async () => {
    h.local.insertMany('items', [{ k: 1 }, { k: 1 }, { k: 2 }]);
    const res = await h.db.collection('items').where({ k: 1 }).update({ data: { seen: true } });
    assert.equal(res.stats.updated, 2);
    assert.equal(h.local.dump('items').filter((d) => d.seen === true).length, 2);
  });

  test('where.remove: removes every match; doc.remove removes one', async () => {
    h.local.insertMany('items', [{ _id: 'a', k: 1 }, { _id: 'b', k: 1 }, { _id: 'c', k: 2 }]);
    assert.equal((await h.db.collection('items').where({ k: 1 }).remove()).stats.removed, 2);
    assert.equal((await h.db.collection('items').doc('c').remove()).stats.removed, 1);
    assert.equal((await h.db.collection('items').doc('c').remove()).stats.removed, 0);
    assert.ok(h.local.isEmpty());
  });

  test('modifyAndReturnDoc: updates the first match and returns the new document', async () => {
    h.local.insertMany('items', [{ _id: 'a', n: 1 }]);
    const res = await h.local.handle('database.modifyAndReturnDoc', {
      collectionName: 'items',
      queryType: 'WHERE',
      query: EJSON.stringify({ n: 1 }, { relaxed: false }),
      data: EJSON.stringify({ $inc: { n: 1 } }, { relaxed: false }),
    });
    const data = res.data as { updated: number; doc: string };
    assert.equal(data.updated, 1);
    assert.deepEqual(EJSON.parse(data.doc), { _id: 'a', n: 2 });
  });

  test('serverDate: add, update and where use the dev clock plus offset', async () => {
    const { db, _ } = h;
    await db.collection('items').add({ data: { _id: 'a', createdAt: db.serverDate() } });
    await db.collection('items').doc('a').update({ data: { paidAt: db.serverDate({ offset: 60_000 }) } });
    const [doc] = h.local.dump('items');
    assert.equal((doc.createdAt as Date).getTime(), FIXED_NOW.getTime());
    assert.equal((doc.paidAt as Date).getTime(), FIXED_NOW.getTime() + 60_000);
    const due = await db.collection('items').where({ paidAt: _.gt(db.serverDate()) }).get();
    assert.equal(due.data.length, 1);
    const none = await db.collection('items').where({ paidAt: _.gt(db.serverDate({ offset: 120_000 })) }).get();
    assert.equal(none.data.length, 0);
  });

  test('get: returns 100 without limit and at most 1000 with any limit', async () => {
    h.local.insertMany('items', Array.from({ length: 1100 }, (_, i) => ({ i })));
    assert.equal((await h.db.collection('items').get()).data.length, 100);
    assert.equal((await h.db.collection('items').limit(1000).get()).data.length, 1000);
    assert.equal((await h.db.collection('items').limit(5000).get()).data.length, 1000);
    const raw = await h.local.handle('database.getDocument', { collectionName: 'items', queryType: 'WHERE', limit: 5000 });
    assert.equal((raw.data as { list: string[] }).list.length, 1000);
    const page = await h.db.collection('items').orderBy('i', 'asc').skip(1000).limit(1000).get();
    assert.equal(page.data.length, 100);
    assert.equal(page.data[0].i, 1000);
  });

  test('get: a missing collection fails with -502005', async () => {
    await assert.rejects(h.db.collection('nope').get(), sdkError(-502005));
    await assert.rejects(h.db.collection('nope').add({ data: { a: 1 } }), sdkError(-502005));
    await assert.rejects(h.db.collection('nope').doc('x').update({ data: { a: 1 } }), sdkError(-502005));
  });

  test('createCollection: creates once, then reports it exists', async () => {
    await h.db.createCollection('made');
    await h.db.collection('made').add({ data: { a: 1 } });
    assert.equal((await h.db.collection('made').count()).total, 1);
    const again = await h.local.handle('database.addCollection', { collectionName: 'made' });
    assert.equal(again.code, 'DATABASE_COLLECTION_ALREADY_EXIST');
    await assert.rejects(h.db.createCollection('made'), /collection made already exists/);
  });

  test('reset: empties schema collections and drops created ones', async () => {
    await h.db.createCollection('temp');
    h.local.insertMany('items', [{ a: 1 }]);
    assert.equal(h.local.isEmpty(), false);
    h.local.reset();
    assert.equal(h.local.isEmpty(), true);
    await assert.rejects(h.db.collection('temp').get(), sdkError(-502005));
    assert.equal((await h.db.collection('items').count()).total, 0);
  });

  test('handle: answers bad requests with a code instead of throwing', async () => {
    const unknown = await h.local.handle('database.nope', {});
    assert.equal(unknown.code, 'INVALID_PARAM');
    const badJson = await h.local.handle('database.getDocument', { collectionName: 'items', query: '{not json' });
    assert.equal(badJson.code, 'INVALID_PARAM');
    const badLimit = await h.local.handle('database.getDocument', { collectionName: 'items', limit: -1 });
    assert.equal(badLimit.code, 'INVALID_PARAM');
    const badOp = await h.local.handle('database.getDocument', { collectionName: 'items', query: '{"a":{"$nope":1}}' });
    assert.equal(badOp.code, 'DATABASE_REQUEST_FAILED');
    assert.ok(badOp.requestId);
    // CloudBase runs no user JavaScript, so $where is refused rather than evaluated.
    const script = await h.local.handle('database.getDocument', { collectionName: 'items', query: '{"$where":"this.a == 1"}' });
    assert.equal(script.code, 'DATABASE_REQUEST_FAILED');
  });
});
