import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { startHarness, type Harness } from './harness';

const products = [
  { _id: 'p1', name: 'Milk', category: 'dairy', priceFen: 1299, stock: 5, tags: ['cold', 'fresh'], spec: { origin: 'NZ', weightG: 1000 }, batches: [{ no: 1, qty: 3 }] },
  { _id: 'p2', name: 'mango', category: 'fruit', priceFen: 2599, stock: 0, tags: ['fresh'], spec: { origin: 'CN', weightG: 500 }, batches: [{ no: 2, qty: 9 }] },
  { _id: 'p3', name: 'Yogurt', category: 'dairy', priceFen: 899, stock: 12, tags: ['cold'], spec: { origin: 'CN', weightG: 200 } },
  { _id: 'p4', name: 'melon', category: 'fruit', priceFen: 2599, stock: 3, spec: { origin: 'CN', weightG: 1500 }, discontinued: true },
];

describe('query operators through wx-server-sdk', () => {
  let h: Harness;
  const ids = async (query: { get(): Promise<{ data: Array<Record<string, unknown>> }> }) =>
    (await query.get()).data.map((d) => d._id);

  beforeAll(async () => {
    h = await startHarness({ schema: { collections: { products: {} } } });
    h.local.insertMany('products', products);
  });
  afterAll(() => h.close());

  test('where: eq and neq', async () => {
    const { db, _ } = h;
    assert.deepEqual(await ids(db.collection('products').where({ category: 'dairy' })), ['p1', 'p3']);
    assert.deepEqual(await ids(db.collection('products').where({ category: _.eq('fruit') })), ['p2', 'p4']);
    assert.deepEqual(await ids(db.collection('products').where({ category: _.neq('fruit') })), ['p1', 'p3']);
  });

  test('where: gt, gte, lt, lte compare numbers', async () => {
    const { db, _ } = h;
    assert.deepEqual(await ids(db.collection('products').where({ stock: _.gt(3) })), ['p1', 'p3']);
    assert.deepEqual(await ids(db.collection('products').where({ stock: _.gte(3) })), ['p1', 'p3', 'p4']);
    assert.deepEqual(await ids(db.collection('products').where({ stock: _.lt(3) })), ['p2']);
    assert.deepEqual(await ids(db.collection('products').where({ stock: _.lte(3) })), ['p2', 'p4']);
    assert.deepEqual(await ids(db.collection('products').where({ priceFen: _.gt(1000).and(_.lt(2000)) })), ['p1']);
  });

  test('where: in and nin', async () => {
    const { db, _ } = h;
    assert.deepEqual(await ids(db.collection('products').where({ _id: _.in(['p2', 'p3', 'px']) })), ['p2', 'p3']);
    assert.deepEqual(await ids(db.collection('products').where({ _id: _.nin(['p2', 'p3']) })), ['p1', 'p4']);
    assert.deepEqual(await ids(db.collection('products').where({ tags: _.in(['cold']) })), ['p1', 'p3']);
  });

  test('where: and / or across fields', async () => {
    const { db, _ } = h;
    const or = db.collection('products').where(_.or([{ stock: 0 }, { spec: { origin: 'NZ' } }]));
    assert.deepEqual(await ids(or), ['p1', 'p2']);
    const and = db.collection('products').where(_.and([{ category: 'fruit' }, { stock: _.gt(0) }]));
    assert.deepEqual(await ids(and), ['p4']);
    const fieldOr = db.collection('products').where({ stock: _.eq(0).or(_.gt(10)) });
    assert.deepEqual(await ids(fieldOr), ['p2', 'p3']);
  });

  test('where: exists', async () => {
    const { db, _ } = h;
    assert.deepEqual(await ids(db.collection('products').where({ discontinued: _.exists(true) })), ['p4']);
    assert.deepEqual(await ids(db.collection('products').where({ tags: _.exists(false) })), ['p4']);
  });

  test('where: elemMatch on arrays of objects', async () => {
    const { db, _ } = h;
    const res = db.collection('products').where({ batches: _.elemMatch({ qty: _.gt(5) }) });
    assert.deepEqual(await ids(res), ['p2']);
  });

  test('where: db.RegExp and JS RegExp match strings', async () => {
    const { db } = h;
    assert.deepEqual(await ids(db.collection('products').where({ name: db.RegExp({ regexp: '^m', options: 'i' }) })), ['p1', 'p2', 'p4']);
    assert.deepEqual(await ids(db.collection('products').where({ name: /^m/ })), ['p2', 'p4']);
  });

  test('where: nested fields by object and by dotted path', async () => {
    const { db, _ } = h;
    assert.deepEqual(await ids(db.collection('products').where({ spec: { origin: 'CN', weightG: _.gte(500) } })), ['p2', 'p4']);
    assert.deepEqual(await ids(db.collection('products').where({ 'spec.weightG': _.lt(500) })), ['p3']);
  });

  test('orderBy: sorts by several keys in call order', async () => {
    const res = h.db.collection('products').orderBy('priceFen', 'desc').orderBy('stock', 'asc');
    assert.deepEqual(await ids(res), ['p2', 'p4', 'p1', 'p3']);
    const byOrigin = h.db.collection('products').orderBy('spec.origin', 'asc').orderBy('spec.weightG', 'desc');
    assert.deepEqual(await ids(byOrigin), ['p4', 'p2', 'p3', 'p1']);
  });

  test('skip/limit: page through sorted results', async () => {
    const page = h.db.collection('products').orderBy('_id', 'asc').skip(1).limit(2);
    assert.deepEqual(await ids(page), ['p2', 'p3']);
  });

  test('field: includes or excludes fields, _id kept unless excluded', async () => {
    const only = await h.db.collection('products').where({ _id: 'p1' }).field({ name: true, 'spec.origin': true }).get();
    assert.deepEqual(only.data, [{ _id: 'p1', name: 'Milk', spec: { origin: 'NZ' } }]);
    const without = await h.db.collection('products').where({ _id: 'p3' }).field({ spec: false, tags: false, _id: false }).get();
    assert.deepEqual(without.data, [{ name: 'Yogurt', category: 'dairy', priceFen: 899, stock: 12 }]);
  });

  test('where: Dates compare as instants', async () => {
    const { db, _ } = h;
    await db.createCollection('events');
    h.local.insertMany('events', [
      { _id: 'e1', at: new Date('2025-01-01T00:00:00Z') },
      { _id: 'e2', at: new Date('2025-03-01T00:00:00Z') },
    ]);
    assert.deepEqual(await ids(db.collection('events').where({ at: _.gte(new Date('2025-02-01T00:00:00Z')) })), ['e2']);
    assert.deepEqual(await ids(db.collection('events').orderBy('at', 'desc')), ['e2', 'e1']);
  });
});
