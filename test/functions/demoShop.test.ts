import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { CatalogResponses } from '@contract/catalog';
import type { Result } from '@contract/errors';
import { playDemoShop } from '@ops/demoShop';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { assertInvariants } from '@test/support/invariants';
import { documents, okData } from '@test/support/shop';

/** What `npm start` puts in a fresh data directory after the demo history: every screen has something real. */
describe('demo shop: photos, coupons, lives, banners and a campaign on a fresh start', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo' });
    await playDemoShop(cloud.url);
  }, 120_000);
  afterAll(async () => {
    await cloud.stop();
  });

  test('every product on the shelf has a photo the shop can load', async () => {
    const { products } = okData(await cloud.call<Result<CatalogResponses['list']>>('catalog', { action: 'list', storeId: 'store-flagship' }, 'demo-member'));
    assert.ok(products.length > 20);
    assert.ok(products.every((p) => p.imageUrl));
    const served = await fetch(products[0].imageUrl!);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/svg+xml');
    assert.match(await served.text(), /^<svg /);
  });

  test('the claim centre, the points mall and the live list are not empty; a live is on now and one is coming', async () => {
    const centre = okData(await cloud.call<Result<{ offers: unknown[] }>>('coupon', { action: 'centre' }, 'demo-member'));
    const mall = okData(await cloud.call<Result<{ offers: unknown[] }>>('coupon', { action: 'mall' }, 'demo-member'));
    assert.ok(centre.offers.length >= 3, `centre: ${centre.offers.length}`);
    assert.ok(mall.offers.length >= 2, `mall: ${mall.offers.length}`);
    const { sessions } = okData(await cloud.call<Result<{ sessions: Array<{ sessionId: string; phase: string }> }>>('live', { action: 'sessions' }, 'demo-member'));
    const phase = new Map(sessions.map((s) => [s.sessionId, s.phase]));
    assert.deepEqual([phase.get('live-demo-now'), phase.get('live-demo-tomorrow')], ['live', 'upcoming']);
  });

  test('banners, the new-customer campaign and the audit of all of it are there; nothing is inconsistent', async () => {
    assert.equal((await documents(cloud, 'banners')).length, 3);
    const status = okData(await cloud.call<Result<{ state: string; issued: number }>>('admin', { action: 'campaignStatus', campaignId: 'demo-new-welcome' }, 'demo-admin'));
    assert.equal(status.state, 'done');
    const audit = okData(await cloud.call<Result<{ entries: Array<{ action: string }> }>>('admin', { action: 'audit' }, 'demo-admin'));
    assert.ok(audit.entries.length > 0);
    await assertInvariants(cloud);
  });
});
