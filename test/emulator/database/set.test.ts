import assert from '@test/support/assert';
import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import { startHarness, type Harness, type WxDatabase } from './harness';

type Stats = { stats: { updated: number } };

describe('set and update statistics through wx-server-sdk', () => {
  let h: Harness;
  const member = { name: 'Li', tier: 'gold', points: 10 };

  beforeAll(async () => {
    h = await startHarness({ schema: { collections: { members: {} } } });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.local.reset();
    h.local.insertMany('members', [{ _id: 'm1', ...member }]);
  });

  test('set: replacing a document with identical content counts as one update', async () => {
    const res: Stats = await h.db.collection('members').doc('m1').set({ data: { ...member } });
    assert.equal(res.stats.updated, 1);
    assert.deepEqual(h.local.dump('members'), [{ _id: 'm1', ...member }]);
  });

  test('set: a replacement that changes the document counts as one update too', async () => {
    const res: Stats = await h.db.collection('members').doc('m1').set({ data: { name: 'Li' } });
    assert.equal(res.stats.updated, 1);
    assert.deepEqual(h.local.dump('members'), [{ _id: 'm1', name: 'Li' }]);
  });

  test('set: inside a transaction an unchanged set counts as one update', async () => {
    const tx = await h.db.startTransaction();
    const res: Stats = await tx.collection('members').doc('m1').set({ data: { ...member } });
    assert.equal(res.stats.updated, 1);
    await tx.commit();
    const updated = await h.db.runTransaction(async (run: WxDatabase) => {
      const inner: Stats = await run.collection('members').doc('m1').set({ data: { ...member } });
      return inner.stats.updated;
    });
    assert.equal(updated, 1);
    assert.deepEqual(h.local.dump('members'), [{ _id: 'm1', ...member }]);
  });

  test('update: writing the values already stored answers 0, as MongoDB does', async () => {
    const { db, _ } = h;
    const byDoc: Stats = await db.collection('members').doc('m1').update({ data: { tier: 'gold' } });
    assert.equal(byDoc.stats.updated, 0);
    const byWhere: Stats = await db.collection('members').where({ tier: 'gold' }).update({ data: { points: _.max(5) } });
    assert.equal(byWhere.stats.updated, 0);
    const tx = await db.startTransaction();
    const inTx: Stats = await tx.collection('members').doc('m1').update({ data: { name: 'Li' } });
    assert.equal(inTx.stats.updated, 0);
    await tx.rollback();
    const changed: Stats = await db.collection('members').doc('m1').update({ data: { points: _.inc(1) } });
    assert.equal(changed.stats.updated, 1);
  });
});
