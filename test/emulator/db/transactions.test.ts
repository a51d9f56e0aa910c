import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { EJSON } from 'bson';
import { sdkError, serviceError, sleep, startHarness, type Harness, type WxDatabase } from './harness';

const schema = { collections: { accounts: {}, ledger: {} } };
const ejson = (value: unknown) => EJSON.stringify(value, { relaxed: false });

describe('transactions through wx-server-sdk', () => {
  let h: Harness;
  const balance = (id: string) => h.local.dump('accounts').find((d) => d._id === id)?.balanceFen;

  before(async () => {
    h = await startHarness({ schema });
  });
  after(() => h.close());
  beforeEach(() => {
    h.local.reset();
    h.local.insertMany('accounts', [
      { _id: 'alice', balanceFen: 1000 },
      { _id: 'bob', balanceFen: 0 },
    ]);
  });

  test('runTransaction: commits every write across collections together', async () => {
    const { db, _ } = h;
    const result = await db.runTransaction(async (tx: WxDatabase) => {
      const { data } = await tx.collection('accounts').doc('alice').get();
      assert.equal(data.balanceFen, 1000);
      await tx.collection('accounts').doc('alice').update({ data: { balanceFen: _.inc(-300) } });
      await tx.collection('accounts').doc('bob').update({ data: { balanceFen: _.inc(300) } });
      await tx.collection('ledger').add({ data: { _id: 'l1', amountFen: 300 } });
      return 'done';
    });
    assert.equal(result, 'done');
    assert.equal(balance('alice'), 700);
    assert.equal(balance('bob'), 300);
    assert.deepEqual(h.local.dump('ledger'), [{ _id: 'l1', amountFen: 300 }]);
  });

  test('runTransaction: rollback discards every write and rejects with the reason', async () => {
    await assert.rejects(
      h.db.runTransaction(async (tx: WxDatabase) => {
        await tx.collection('accounts').doc('alice').update({ data: { balanceFen: 0 } });
        await tx.collection('ledger').add({ data: { amountFen: 1 } });
        await tx.rollback('insufficient');
      }),
      (reason: unknown) => reason === 'insufficient',
    );
    assert.equal(balance('alice'), 1000);
    assert.deepEqual(h.local.dump('ledger'), []);
  });

  test('startTransaction: writes are invisible outside until commit, visible inside at once', async () => {
    const tx = await h.db.startTransaction();
    await tx.collection('accounts').doc('carol').set({ data: { balanceFen: 5 } });
    await tx.collection('accounts').doc('bob').remove();
    assert.deepEqual((await tx.collection('accounts').doc('carol').get()).data, { _id: 'carol', balanceFen: 5 });
    await assert.rejects(tx.collection('accounts').doc('bob').get(), /does not exist/);
    assert.equal((await h.db.collection('accounts').count()).total, 2);
    await tx.commit();
    assert.deepEqual(h.local.dump('accounts').map((d) => d._id).sort(), ['alice', 'carol']);
  });

  test('startTransaction: abort leaves data untouched', async () => {
    const tx = await h.db.startTransaction();
    await tx.collection('accounts').doc('alice').update({ data: { balanceFen: 1 } });
    await tx.rollback();
    assert.equal(balance('alice'), 1000);
    await assert.rejects(tx.commit(), serviceError('DATABASE_TRANSACTION_FAIL'));
  });

  test('snapshot: a transaction does not see writes committed after it started', async () => {
    const tx = await h.db.startTransaction();
    await h.db.collection('accounts').doc('alice').update({ data: { balanceFen: 1 } });
    await h.db.collection('accounts').doc('bob').remove();
    await h.db.collection('accounts').add({ data: { _id: 'dave', balanceFen: 9 } });
    assert.equal((await tx.collection('accounts').doc('alice').get()).data.balanceFen, 1000);
    assert.equal((await tx.collection('accounts').doc('bob').get()).data.balanceFen, 0);
    await assert.rejects(tx.collection('accounts').doc('dave').get(), /does not exist/);
    await tx.rollback();
  });

  test('snapshot: writing a document changed since the start conflicts (first committer wins)', async () => {
    const tx = await h.db.startTransaction();
    await h.db.collection('accounts').doc('alice').update({ data: { balanceFen: 1 } });
    await assert.rejects(
      tx.collection('accounts').doc('alice').update({ data: { balanceFen: 2 } }),
      sdkError(-501001, 'changed after this transaction started'),
    );
    await tx.rollback();
    assert.equal(balance('alice'), 1);
  });

  test('conflict: a second transaction writing a locked document fails at once', async () => {
    const started1 = await h.local.handle('database.startTransaction', {});
    const started2 = await h.local.handle('database.startTransaction', {});
    const write = (transactionId: unknown, n: number) =>
      h.local.handle('database.modifyDocument', {
        collectionName: 'accounts',
        queryType: 'DOC',
        query: ejson({ _id: 'alice' }),
        data: ejson({ $set: { balanceFen: n } }),
        multi: false,
        merge: true,
        upsert: false,
        transactionId,
      });
    assert.deepEqual((await write(started1.transactionId, 1)).data, { updated: 1 });
    const second = await write(started2.transactionId, 2);
    assert.equal(second.code, 'DATABASE_TRANSACTION_CONFLICT');
    await h.local.handle('database.commitTransaction', { transactionId: started1.transactionId });
    // Still a conflict after the first commits: the document changed after the second began.
    assert.equal((await write(started2.transactionId, 3)).code, 'DATABASE_TRANSACTION_CONFLICT');
    assert.equal(balance('alice'), 1);
  });

  test('conflict: through the SDK the second transaction is rejected without waiting', async () => {
    const tx1 = await h.db.startTransaction();
    const tx2 = await h.db.startTransaction();
    await tx1.collection('accounts').doc('bob').update({ data: { balanceFen: 1 } });
    await assert.rejects(tx2.collection('accounts').doc('bob').set({ data: { balanceFen: 2 } }), sdkError(-501001, 'locked by another transaction'));
    await tx1.commit();
    await tx2.rollback();
    assert.equal(balance('bob'), 1);
  });

  test('lock: a plain write waits until the transaction commits, then applies on top', async () => {
    const { db, _ } = h;
    const tx = await db.startTransaction();
    await tx.collection('accounts').doc('alice').update({ data: { balanceFen: _.inc(-100) } });
    let settled = false;
    const plain = db.collection('accounts').doc('alice').update({ data: { balanceFen: _.inc(-1) } }).then((res: unknown) => {
      settled = true;
      return res;
    });
    await sleep(150);
    assert.equal(settled, false);
    assert.equal(balance('alice'), 1000);
    await tx.commit();
    assert.equal(((await plain) as { stats: { updated: number } }).stats.updated, 1);
    assert.equal(balance('alice'), 899);
  });

  test('lock: plain reads do not wait and see the last committed value', async () => {
    const tx = await h.db.startTransaction();
    await tx.collection('accounts').doc('alice').update({ data: { balanceFen: 0 } });
    assert.equal((await h.db.collection('accounts').doc('alice').get()).data.balanceFen, 1000);
    await tx.rollback();
  });

  test('where: batch reads and writes are refused inside a transaction', async () => {
    const tx = await h.db.startTransaction();
    await assert.rejects(tx.collection('accounts').where({ balanceFen: 0 }).get(), sdkError(-502002, 'single-document'));
    const raw = await h.local.handle('database.modifyDocument', {
      collectionName: 'accounts',
      queryType: 'WHERE',
      query: ejson({}),
      data: ejson({ $set: { x: 1 } }),
      multi: true,
      merge: true,
      upsert: false,
      transactionId: (tx as unknown as { _transaction: { _id: string } })._transaction._id,
    });
    assert.equal(raw.code, 'DATABASE_INVALID_OPERRATOR');
    await tx.rollback();
  });

  test('commit: an unknown transaction fails with DATABASE_TRANSACTION_FAIL', async () => {
    const res = await h.local.handle('database.commitTransaction', { transactionId: 'nope' });
    assert.equal(res.code, 'DATABASE_TRANSACTION_FAIL');
  });
});

describe('transaction time limit', () => {
  // Short enough for a fast test, long enough that a loaded machine finishes the steps in time.
  const limitMs = 800;
  let h: Harness;
  before(async () => {
    h = await startHarness({ schema, transactionTimeoutMs: limitMs });
    h.local.insertMany('accounts', [{ _id: 'alice', balanceFen: 1000 }]);
  });
  after(() => h.close());

  test('timeout: an expired transaction fails, loses its writes and frees its locks', async () => {
    const beforeStartMs = Date.now();
    const tx = await h.db.startTransaction();
    await tx.collection('accounts').doc('alice').update({ data: { balanceFen: 1 } });
    // Waits on the abandoned transaction's lock, which the time limit releases.
    await h.db.collection('accounts').doc('alice').update({ data: { note: 'plain' } });
    assert.ok(Date.now() - beforeStartMs >= limitMs);
    await assert.rejects(tx.commit(), serviceError('DATABASE_TRANSACTION_FAIL'));
    assert.deepEqual(h.local.dump('accounts'), [{ _id: 'alice', balanceFen: 1000, note: 'plain' }]);
  });

  test('timeout: operations after the limit fail with DATABASE_TRANSACTION_FAIL', async () => {
    const started = await h.local.handle('database.startTransaction', {});
    await sleep(limitMs + 50);
    const res = await h.local.handle('database.getDocument', {
      collectionName: 'accounts',
      queryType: 'DOC',
      query: ejson({ _id: 'alice' }),
      transactionId: started.transactionId,
    });
    assert.equal(res.code, 'DATABASE_TRANSACTION_FAIL');
  });
});
