import assert from '@test/support/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, test } from '@jest/globals';
import { openDatabase, type DatabaseSchema } from '@emulator/database';
import { sdkError, startHarness, type Harness, type WxDatabase } from './harness';

const schema: DatabaseSchema = {
  collections: {
    members: { indexes: [{ name: 'openid_unique', keys: { openid: 1 }, unique: true }] },
    stock: {
      indexes: [
        { name: 'shop_sku_unique', keys: { shopId: 1, sku: 1 }, unique: true },
        { name: 'by_qty', keys: { qty: -1 } },
      ],
    },
  },
};

describe('unique indexes through wx-server-sdk', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ schema });
  });
  afterAll(() => h.close());
  beforeEach(() => h.local.reset());

  test('add: a second document with the same key is refused', async () => {
    await h.db.collection('members').add({ data: { openid: 'o1' } });
    await assert.rejects(h.db.collection('members').add({ data: { openid: 'o1' } }), sdkError(-501001, 'openid_unique'));
    assert.equal(h.local.dump('members').length, 1);
    const raw = await h.local.handle('database.insertDocument', { collectionName: 'members', data: ['{"openid":"o1"}'] });
    assert.equal(raw.code, 'DATABASE_DUPLICATE_WRITE');
  });

  test('add: a missing field counts as null, so only one document may lack it', async () => {
    await h.db.collection('members').add({ data: { name: 'no openid' } });
    await assert.rejects(h.db.collection('members').add({ data: { name: 'also none' } }), sdkError(-501001, 'duplicate key'));
    await assert.rejects(h.db.collection('members').add({ data: { openid: null } }), sdkError(-501001, 'duplicate key'));
  });

  test('add: compound keys clash only when every field matches', async () => {
    const stock = h.db.collection('stock');
    await stock.add({ data: { shopId: 's1', sku: 'milk', qty: 1 } });
    await stock.add({ data: { shopId: 's2', sku: 'milk', qty: 1 } });
    await stock.add({ data: { shopId: 's1', sku: 'egg', qty: 1 } });
    await assert.rejects(stock.add({ data: { shopId: 's1', sku: 'milk', qty: 5 } }), sdkError(-501001, 'shop_sku_unique'));
    assert.equal(h.local.dump('stock').length, 3);
  });

  test('update: changing a key to a taken value is refused and changes nothing', async () => {
    h.local.insertMany('members', [{ _id: 'a', openid: 'o1' }, { _id: 'b', openid: 'o2' }]);
    await assert.rejects(h.db.collection('members').doc('b').update({ data: { openid: 'o1' } }), sdkError(-501001, 'duplicate key'));
    await assert.rejects(h.db.collection('members').where({}).update({ data: { openid: 'same' } }), sdkError(-501001));
    assert.deepEqual(h.local.dump('members').map((d) => d.openid), ['o1', 'o2']);
    await h.db.collection('members').doc('b').update({ data: { openid: 'o3' } });
    await h.db.collection('members').doc('a').update({ data: { openid: 'o2' } });
    assert.deepEqual(h.local.dump('members').map((d) => d.openid), ['o2', 'o3']);
  });

  test('set: replacing with a taken key, or dropping the key twice, is refused', async () => {
    h.local.insertMany('members', [{ _id: 'a', openid: 'o1' }, { _id: 'b', openid: 'o2' }]);
    await assert.rejects(h.db.collection('members').doc('b').set({ data: { openid: 'o1' } }), sdkError(-501001));
    await assert.rejects(h.db.collection('members').doc('new').set({ data: { openid: 'o2' } }), sdkError(-501001));
    await h.db.collection('members').doc('a').set({ data: { name: 'no key' } });
    await assert.rejects(h.db.collection('members').doc('b').set({ data: { name: 'no key either' } }), sdkError(-501001));
  });

  test('transaction: a duplicate key fails inside the transaction and nothing commits', async () => {
    h.local.insertMany('members', [{ _id: 'a', openid: 'o1' }]);
    await assert.rejects(
      h.db.runTransaction(async (tx: WxDatabase) => {
        await tx.collection('members').doc('n1').set({ data: { openid: 'o9' } });
        await tx.collection('members').add({ data: { openid: 'o1' } });
      }),
      sdkError(-501001, 'duplicate key'),
    );
    assert.deepEqual(h.local.dump('members'), [{ _id: 'a', openid: 'o1' }]);
  });

  test('transaction: commit re-checks keys taken by writes after the transaction began', async () => {
    const tx = await h.db.startTransaction();
    await tx.collection('members').doc('t1').set({ data: { openid: 'race' } });
    await h.db.collection('members').add({ data: { _id: 'plain', openid: 'race' } });
    await assert.rejects(tx.commit(), (e: unknown) => (e as { code?: string }).code === 'DATABASE_DUPLICATE_WRITE');
    assert.deepEqual(h.local.dump('members'), [{ _id: 'plain', openid: 'race' }]);
  });

  test('openDatabase: refuses stored data that violates a unique index', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'local-db-unique-'));
    try {
      const loose = openDatabase({ dataDir, now: () => new Date(), schema: { collections: { members: {} } } });
      loose.insertMany('members', [{ openid: 'dup' }, { openid: 'dup' }]);
      loose.close();
      assert.throws(() => openDatabase({ dataDir, now: () => new Date(), schema }), /violates unique index members.openid_unique/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
