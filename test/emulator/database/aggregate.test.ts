import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { FIXED_NOW, startHarness, type Harness } from './harness';

describe('aggregate through wx-server-sdk', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ schema: { collections: { orders: {}, users: {} } } });
    h.local.insertMany('users', [
      { _id: 'u1', name: 'Li', tier: 'gold' },
      { _id: 'u2', name: 'Wang', tier: 'silver' },
    ]);
    h.local.insertMany('orders', [
      { _id: 'o1', userId: 'u1', totalFen: 1000, status: 'paid' },
      { _id: 'o2', userId: 'u1', totalFen: 2500, status: 'paid' },
      { _id: 'o3', userId: 'u2', totalFen: 700, status: 'paid' },
      { _id: 'o4', userId: 'u2', totalFen: 9900, status: 'cancelled' },
    ]);
  });
  afterAll(() => h.close());

  test('aggregate: match, group, sort, limit', async () => {
    const { db, _ } = h;
    const $ = _.aggregate;
    const res = await db
      .collection('orders')
      .aggregate()
      .match({ status: 'paid' })
      .group({ _id: '$userId', spentFen: $.sum('$totalFen'), orders: $.sum(1) })
      .sort({ spentFen: -1 })
      .limit(1)
      .end();
    assert.deepEqual(res.list, [{ _id: 'u1', spentFen: 3500, orders: 2 }]);
  });

  test('aggregate: project computes fields', async () => {
    const { db, _ } = h;
    const $ = _.aggregate;
    const res = await db
      .collection('orders')
      .aggregate()
      .match({ _id: 'o1' })
      .project({ _id: 0, yuan: $.divide(['$totalFen', 100]), status: 1 })
      .end();
    assert.deepEqual(res.list, [{ status: 'paid', yuan: 10 }]);
  });

  test('aggregate: lookup joins another collection', async () => {
    const res = await h.db
      .collection('orders')
      .aggregate()
      .match({ _id: 'o3' })
      .lookup({ from: 'users', localField: 'userId', foreignField: '_id', as: 'user' })
      .end();
    assert.deepEqual(res.list, [
      { _id: 'o3', userId: 'u2', totalFen: 700, status: 'paid', user: [{ _id: 'u2', name: 'Wang', tier: 'silver' }] },
    ]);
  });

  test('aggregate: match understands command operators and serverDate', async () => {
    const { db, _ } = h;
    const res = await db.collection('orders').aggregate().match({ totalFen: _.gte(2500), status: _.neq('x') }).end();
    assert.deepEqual(res.list.map((o: Record<string, unknown>) => o._id), ['o2', 'o4']);
    await db.createCollection('stamped');
    h.local.insertMany('stamped', [
      { _id: 'past', at: new Date(FIXED_NOW.getTime() - 3_600_000) },
      { _id: 'future', at: new Date(FIXED_NOW.getTime() + 3_600_000) },
    ]);
    const due = await db.collection('stamped').aggregate().match({ at: _.lte(db.serverDate()) }).end();
    assert.deepEqual(due.list.map((o: Record<string, unknown>) => o._id), ['past']);
  });

  test('aggregate: returns 20 documents when no limit is given', async () => {
    await h.db.createCollection('many');
    h.local.insertMany('many', Array.from({ length: 30 }, (_, i) => ({ i })));
    assert.equal((await h.db.collection('many').aggregate().match({}).end()).list.length, 20);
    assert.equal((await h.db.collection('many').aggregate().match({}).limit(25).end()).list.length, 25);
  });

  test('aggregate: does not change the stored documents', async () => {
    await h.db.collection('users').aggregate().addFields({ extra: 1 }).unwind('$name').end();
    assert.deepEqual(h.local.dump('users')[0], { _id: 'u1', name: 'Li', tier: 'gold' });
  });

  test('aggregate: a match then group reads the stored documents in place and changes none of them, even with nested values in its output', async () => {
    const { db, _ } = h;
    const $ = _.aggregate;
    await db.createCollection('nested');
    h.local.insertMany('nested', [
      { _id: 'n1', k: 'a', terms: { valueFen: 100, tags: ['x'] } },
      { _id: 'n2', k: 'a', terms: { valueFen: 200, tags: ['y'] } },
    ]);
    const res = await db
      .collection('nested')
      .aggregate()
      .match({ k: 'a' })
      .group({ _id: '$k', first: $.first('$terms'), all: $.push('$terms.tags'), fen: $.sum('$terms.valueFen') })
      .sort({ fen: -1 })
      .limit(5)
      .end();
    assert.deepEqual(res.list, [{ _id: 'a', first: { valueFen: 100, tags: ['x'] }, all: [['x'], ['y']], fen: 300 }]);
    // A later pipeline that changes its output in place still leaves the stored documents alone.
    await db.collection('nested').aggregate().match({ k: 'a' }).addFields({ 'terms.valueFen': 0 }).end();
    assert.deepEqual(h.local.dump('nested'), [
      { _id: 'n1', k: 'a', terms: { valueFen: 100, tags: ['x'] } },
      { _id: 'n2', k: 'a', terms: { valueFen: 200, tags: ['y'] } },
    ]);
  });
});
