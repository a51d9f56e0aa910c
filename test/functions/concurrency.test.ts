import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import { assertInvariants } from '@test/support/invariants';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { createOrder, documents, FLAGSHIP, okData, stockOf } from '@test/support/shop';

describe('concurrency', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo' });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('create: 500 concurrent orders on 100 units sell exactly 100', async () => {
    okData(await cloud.call<Result<unknown>>('admin', { action: 'setStock', storeId: FLAGSHIP, skuId: 'flash-watermelon', stock: 100 }, 'demo-admin'));
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => createOrder(cloud, `storm-buyer-${i}`, [{ skuId: 'flash-watermelon', qty: 1 }])));
    const sold = results.filter((r) => r.ok).length;
    const refused = results.filter((r) => !r.ok && r.error.code === 'OUT_OF_STOCK').length;
    console.log(`500 concurrent orders on 100 units: ${sold} sold, ${refused} out of stock, ${Date.now() - started} ms`);
    assert.equal(sold, 100);
    assert.equal(refused, 400);
    assert.equal(await stockOf(cloud, FLAGSHIP, 'flash-watermelon'), 0);
    const held = (await documents<{ status: string; lines: Array<{ skuId: string; qty: number }> }>(cloud, 'orders')).filter((o) => o.status === 'pending_payment' && o.lines.some((l) => l.skuId === 'flash-watermelon'));
    assert.equal(held.length, 100);
    await assertInvariants(cloud);
  });
});
