import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { startHarness, type Harness } from './harness';

describe('concurrent writes through wx-server-sdk', () => {
  let h: Harness;
  beforeAll(async () => {
    // 500 queued SDK calls legitimately take over 3 s; silence the SDK's slow-request warning.
    process.env.SILENCE = 'true';
    h = await startHarness({ schema: { collections: { products: {} } } });
  });
  afterAll(() => h.close());

  test('where.update: the oversell guard lets exactly the available stock through 500 concurrent buyers', async () => {
    const { db, _ } = h;
    h.local.insertMany('products', [{ _id: 'sku-milk', stock: 100 }]);
    const buys = Array.from({ length: 500 }, () =>
      db
        .collection('products')
        .where({ _id: 'sku-milk', stock: _.gt(0) })
        .update({ data: { stock: _.inc(-1) } }),
    );
    const results = await Promise.all(buys);
    const sold = results.filter((r) => r.stats.updated === 1).length;
    assert.equal(sold, 100);
    assert.equal(results.filter((r) => r.stats.updated === 0).length, 400);
    assert.equal(h.local.dump('products')[0].stock, 0);
  });

  test('doc.update: 200 concurrent increments all land', async () => {
    const { db, _ } = h;
    h.local.insertMany('products', [{ _id: 'views', n: 0 }]);
    await Promise.all(Array.from({ length: 200 }, () => db.collection('products').doc('views').update({ data: { n: _.inc(1) } })));
    assert.equal(h.local.dump('products').find((d) => d._id === 'views')?.n, 200);
  });

  test('lock: concurrent plain writes queued behind a transaction all apply after it commits', async () => {
    const { db, _ } = h;
    h.local.insertMany('products', [{ _id: 'queued', n: 0 }]);
    const tx = await db.startTransaction();
    await tx.collection('products').doc('queued').update({ data: { n: 1000 } });
    const waiting = Array.from({ length: 50 }, () => db.collection('products').doc('queued').update({ data: { n: _.inc(1) } }));
    await tx.commit();
    await Promise.all(waiting);
    assert.equal(h.local.dump('products').find((d) => d._id === 'queued')?.n, 1050);
  });
});
