import assert from '@test/support/assert';
import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import { EJSON } from 'bson';
import { isTransactionConflict } from '@lib/platform/collections';
import { sdkError, serviceError, sleep, startHarness, type Harness, type WxDatabase } from './harness';

const schema = { collections: { accounts: {}, ledger: {} } };
const ejson = (value: unknown) => EJSON.stringify(value, { relaxed: false });

/**
 * The real service's wording for the two transaction errors, as TencentCloudBase/node-sdk asserts
 * them against the service (test/database/unit/transaction.test.ts) and deployed functions log them.
 */
const CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
const NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';
/** What wx-server-sdk makes of a service error on a document call: errCode -501001 and this errMsg. */
const sdkMessage = (api: string, message: string) => `${api}:fail -501001 resource system error. ${message}`;
const exactly = (errCode: number, errMsg: string) => (e: unknown) => {
  assert.deepEqual({ errCode: (e as { errCode?: number }).errCode, errMsg: (e as { errMsg?: string }).errMsg }, { errCode, errMsg });
  return true;
};

describe('transactions through wx-server-sdk', () => {
  let h: Harness;
  const balance = (id: string) => h.local.dump('accounts').find((d) => d._id === id)?.balanceFen;

  beforeAll(async () => {
    h = await startHarness({ schema });
  });
  afterAll(() => h.close());
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
      exactly(-501001, sdkMessage('document.update', CONFLICT)),
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
    await assert.rejects(tx2.collection('accounts').doc('bob').set({ data: { balanceFen: 2 } }), exactly(-501001, sdkMessage('document.set', CONFLICT)));
    await tx1.commit();
    await tx2.rollback();
    assert.equal(balance('bob'), 1);
  });

  test('conflict: the service words it as the real one and the product code recognises it', async () => {
    const started1 = await h.local.handle('database.startTransaction', {});
    const started2 = await h.local.handle('database.startTransaction', {});
    const remove = (transactionId: unknown) =>
      h.local.handle('database.removeDocument', { collectionName: 'accounts', queryType: 'DOC', query: ejson({ _id: 'bob' }), multi: false, transactionId });
    await remove(started1.transactionId);
    const raw = await remove(started2.transactionId);
    assert.deepEqual({ code: raw.code, message: raw.message }, { code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT });
    // Inside runTransaction the caller gets wx-server-sdk's error, which functions/_lib/collections.ts must still recognise.
    let caught: unknown;
    await h.db
      .runTransaction(async (tx: WxDatabase) => {
        await tx.collection('accounts').doc('bob').update({ data: { balanceFen: 5 } });
      })
      .catch((e: unknown) => {
        caught = e;
      });
    assert.ok(exactly(-501001, sdkMessage('document.update', CONFLICT))(caught));
    assert.equal(isTransactionConflict(caught), true);
    assert.equal(isTransactionConflict(raw), true);
    await h.local.handle('database.abortTransaction', { transactionId: started1.transactionId });
    await h.local.handle('database.abortTransaction', { transactionId: started2.transactionId });
  });

  test('fail: an ended transaction answers DATABASE_TRANSACTION_FAIL in the service\'s wording', async () => {
    const tx = await h.db.startTransaction();
    await tx.collection('accounts').doc('alice').update({ data: { balanceFen: 1 } });
    await tx.commit();
    // Commit and rollback reject with the service's own { code, message }; document calls through wx-server-sdk.
    await assert.rejects(tx.commit(), (e: unknown) => {
      assert.deepEqual({ code: (e as { code?: string }).code, message: (e as { message?: string }).message }, { code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST });
      return true;
    });
    await assert.rejects(tx.collection('accounts').doc('alice').update({ data: { balanceFen: 2 } }), exactly(-501001, sdkMessage('document.update', NOT_EXIST)));
    await assert.rejects(tx.collection('accounts').doc('alice').get(), exactly(-501001, sdkMessage('document.get', NOT_EXIST)));
    const unknown = await h.local.handle('database.commitTransaction', { transactionId: 'nope' });
    assert.deepEqual({ code: unknown.code, message: unknown.message }, { code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST });
    assert.equal(balance('alice'), 1);
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
  beforeAll(async () => {
    h = await startHarness({ schema, transactionTimeoutMs: limitMs });
    h.local.insertMany('accounts', [{ _id: 'alice', balanceFen: 1000 }]);
  });
  afterAll(() => h.close());

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
    assert.deepEqual({ code: res.code, message: res.message }, { code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST });
  });
});
