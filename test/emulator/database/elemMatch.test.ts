import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { startHarness, type Harness } from './harness';

/**
 * MongoDB tests $elemMatch field criteria ({ a: 1 }) only against array elements that are
 * documents; operator criteria ({ $gt: 1 }) against each element itself. mingo 7.2.7 (the latest
 * release) matched plain values with field criteria, so the emulator replaces its $elemMatch.
 */
describe('elemMatch through wx-server-sdk', () => {
  let h: Harness;
  const ids = async (query: { get(): Promise<{ data: Array<Record<string, unknown>> }> }) =>
    (await query.get()).data.map((d) => d._id);

  beforeAll(async () => {
    h = await startHarness({ schema: { collections: { boxes: {} } } });
    h.local.insertMany('boxes', [
      { _id: 'plain', tags: [1, 2, 3] },
      { _id: 'docs', tags: [{ a: 1 }, { a: 5 }] },
      { _id: 'mixed', tags: [7, { a: 0 }] },
      { _id: 'grid', rows: [{ cells: [{ v: 1 }] }, { cells: [2] }] },
      { _id: 'flat', rows: [{ cells: [3] }] },
    ]);
  });
  afterAll(() => h.close());

  test('elemMatch: field criteria never match arrays of plain values', async () => {
    const { db, _ } = h;
    assert.deepEqual(await ids(db.collection('boxes').where({ tags: _.elemMatch({ a: 1 }) })), ['docs']);
    assert.deepEqual(await ids(db.collection('boxes').where({ tags: _.elemMatch({ a: _.gt(0) }) })), ['docs']);
    assert.deepEqual(await ids(db.collection('boxes').where({ tags: _.elemMatch({ a: _.lt(1) }) })), ['mixed']);
    assert.deepEqual(await ids(db.collection('boxes').where({ tags: _.elemMatch({ b: _.exists(false) }) })), ['docs', 'mixed']);
  });

  test('elemMatch: operator criteria test each element itself', async () => {
    const { db, _ } = h;
    assert.deepEqual(await ids(db.collection('boxes').where({ tags: _.elemMatch(_.gt(2)) })), ['plain', 'mixed']);
    assert.deepEqual(await ids(db.collection('boxes').where({ tags: _.elemMatch({ $gt: 1, $lt: 3 }) })), ['plain']);
  });

  test('elemMatch: a dotted path expands the arrays it crosses', async () => {
    const { db, _ } = h;
    assert.deepEqual(await ids(db.collection('boxes').where({ 'rows.cells': _.elemMatch({ v: 1 }) })), ['grid']);
    assert.deepEqual(await ids(db.collection('boxes').where({ 'rows.cells': _.elemMatch(_.gte(2)) })), ['grid', 'flat']);
  });

  test('all: elemMatch members follow the same rule', async () => {
    const { db, _ } = h;
    assert.deepEqual(await ids(db.collection('boxes').where({ tags: _.all([_.elemMatch({ a: 1 })]) })), ['docs']);
    assert.deepEqual(await ids(db.collection('boxes').where({ tags: _.all([_.elemMatch({ a: 0 }), 7]) })), ['mixed']);
  });

  test('field: the elemMatch projection returns the first element matching by the same rule', async () => {
    const { db, _ } = h;
    const projected = async (criteria: unknown) =>
      (await db.collection('boxes').where({ _id: _.in(['plain', 'mixed']) }).field({ tags: _.project.elemMatch(criteria) }).get()).data;
    // The SDK sends projection criteria as written: operators as plain { $lt: 1 }, not _.lt(1).
    assert.deepEqual(await projected({ a: { $lt: 1 } }), [{ _id: 'plain' }, { _id: 'mixed', tags: [{ a: 0 }] }]);
    assert.deepEqual(await projected({ $gt: 1 }), [{ _id: 'plain', tags: [2] }, { _id: 'mixed', tags: [7] }]);
  });

  test('aggregate: match uses the same elemMatch', async () => {
    const { db, _ } = h;
    const res = await db.collection('boxes').aggregate().match({ tags: _.elemMatch({ a: _.gte(0) }) }).end();
    assert.deepEqual(res.list.map((d: Record<string, unknown>) => d._id), ['docs', 'mixed']);
  });
});
