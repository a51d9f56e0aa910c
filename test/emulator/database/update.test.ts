import assert from '@test/support/assert';
import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import { sdkError, startHarness, type Harness } from './harness';

describe('update operators through wx-server-sdk', () => {
  let h: Harness;
  const doc = () => h.local.dump('carts')[0];
  const update = (data: Record<string, unknown>) => h.db.collection('carts').doc('c1').update({ data });

  beforeAll(async () => {
    h = await startHarness({ schema: { collections: { carts: {} } } });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.local.reset();
    h.local.insertMany('carts', [
      { _id: 'c1', qty: 2, priceFen: 500, items: ['a', 'b', 'c'], tags: ['x'], owner: { name: 'li', level: 1 }, note: 'hi' },
    ]);
  });

  test('inc: adds to a number, creating the field when missing', async () => {
    const res = await update({ qty: h._.inc(3), visits: h._.inc(1) });
    assert.equal(res.stats.updated, 1);
    assert.equal(doc().qty, 5);
    assert.equal(doc().visits, 1);
  });

  test('mul: multiplies a number', async () => {
    await update({ priceFen: h._.mul(3) });
    assert.equal(doc().priceFen, 1500);
  });

  test('set: nested object fields merge, _.set replaces the object', async () => {
    await update({ owner: { level: 2 } });
    assert.deepEqual(doc().owner, { name: 'li', level: 2 });
    await update({ owner: h._.set({ name: 'wang' }) });
    assert.deepEqual(doc().owner, { name: 'wang' });
  });

  test('remove: deletes a field', async () => {
    await update({ note: h._.remove() });
    assert.equal('note' in doc(), false);
  });

  test('push / unshift: append and prepend', async () => {
    await update({ items: h._.push(['d', 'e']) });
    assert.deepEqual(doc().items, ['a', 'b', 'c', 'd', 'e']);
    await update({ items: h._.unshift(['z']) });
    assert.deepEqual(doc().items, ['z', 'a', 'b', 'c', 'd', 'e']);
    await update({ items: h._.push({ each: ['m'], position: 1 }) });
    assert.deepEqual(doc().items, ['z', 'm', 'a', 'b', 'c', 'd', 'e']);
  });

  test('pop / shift: remove the last and the first element', async () => {
    await update({ items: h._.pop() });
    assert.deepEqual(doc().items, ['a', 'b']);
    await update({ items: h._.shift() });
    assert.deepEqual(doc().items, ['b']);
  });

  test('addToSet: adds only absent values', async () => {
    await update({ tags: h._.addToSet('x') });
    assert.deepEqual(doc().tags, ['x']);
    await update({ tags: h._.addToSet('y') });
    assert.deepEqual(doc().tags, ['x', 'y']);
    await update({ tags: h._.addToSet({ $each: ['y', 'z'] }) });
    assert.deepEqual(doc().tags, ['x', 'y', 'z']);
  });

  test('pull / pullAll: remove matching values', async () => {
    await update({ items: h._.pull('b') });
    assert.deepEqual(doc().items, ['a', 'c']);
    await update({ items: h._.pullAll(['a', 'c']) });
    assert.deepEqual(doc().items, []);
  });

  test('pull: with a condition removes the elements it matches', async () => {
    h.local.insertMany('carts', [{ _id: 'c2', nums: [1, 5, 8, 2] }]);
    await h.db.collection('carts').doc('c2').update({ data: { nums: h._.pull(h._.gt(4)) } });
    assert.deepEqual(h.local.dump('carts')[1].nums, [1, 2]);
  });

  test('min / max: keep the smaller / larger value', async () => {
    await update({ qty: h._.min(1), priceFen: h._.max(400) });
    assert.equal(doc().qty, 1);
    assert.equal(doc().priceFen, 500);
  });

  test('update: an update that changes nothing reports updated 0', async () => {
    const res = await update({ qty: 2 });
    assert.equal(res.stats.updated, 0);
  });

  test('update: conflicting operators on one path are refused', async () => {
    const res = await h.local.handle('database.modifyDocument', {
      collectionName: 'carts',
      queryType: 'DOC',
      query: '{"_id":"c1"}',
      data: '{"$inc":{"qty":{"$numberInt":"1"}},"$set":{"qty":{"$numberInt":"9"}}}',
      multi: false,
      merge: true,
      upsert: false,
    });
    assert.equal(res.code, 'DATABASE_REQUEST_FAILED');
    assert.equal(doc().qty, 2);
  });

  test('doc.set: cannot carry operators', async () => {
    await assert.rejects(h.db.collection('carts').doc('c1').set({ data: { qty: h._.inc(1) } }), /update operator complicit/);
  });

  test('where.update: inc applies to every match atomically', async () => {
    h.local.insertMany('carts', [{ _id: 'c2', qty: 10 }]);
    const res = await h.db.collection('carts').where({ qty: h._.gte(2) }).update({ data: { qty: h._.inc(-2) } });
    assert.equal(res.stats.updated, 2);
    assert.deepEqual(h.local.dump('carts').map((d) => d.qty), [0, 8]);
  });

  test('update: numbers stay numbers whatever their EJSON type', async () => {
    await update({ big: 2 ** 40, frac: 0.1, neg: -3 });
    const stored = doc();
    assert.equal(stored.big, 2 ** 40);
    assert.equal(stored.frac, 0.1);
    assert.equal(stored.neg, -3);
    const found = await h.db.collection('carts').where({ big: 2 ** 40 }).count();
    assert.equal(found.total, 1);
  });

  test('doc.update: a missing collection fails with -502005', async () => {
    await assert.rejects(h.db.collection('ghost').doc('x').update({ data: { a: 1 } }), sdkError(-502005));
  });
});
