import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { CatalogResponses } from '@contract/catalog';
import type { Result } from '@contract/errors';
import { distanceMetres } from '@core/geo';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { errorOf, FLAGSHIP, okData } from '@test/support/shop';

/** 海岸城, Shenzhen (GCJ-02): the demo flagship is 2.8 km away, 西乡 8.9 km, 福田 12.4 km. */
const HAIAN = { lat: 22.517, lng: 113.936 };

interface Stats {
  database: { total: number; byAction: Record<string, number>; byCollection: Record<string, number>; unindexedScans: { total: number } };
  storage: { total: number; byAction: Record<string, number> };
}

describe('catalog: nearest stores, search and banners on the demo data', () => {
  let cloud: EmulatorInstance;
  const call = async <T>(openid: string, data: Record<string, unknown>) => cloud.call<Result<T>>('catalog', data, openid);
  const admin = async (doc: Record<string, unknown>, entity: string) => okData(await cloud.call<Result<unknown>>('admin', { action: 'upsert', entity, doc }, 'demo-admin'));
  /** The requests `run` makes: database and storage, from the local cloud's counters. */
  const measured = async <T>(run: () => Promise<T>): Promise<{ result: T; stats: Stats }> => {
    await cloud.post('/__dev/stats/reset');
    const result = await run();
    return { result, stats: (await cloud.get<Stats>('/__dev/stats')).body };
  };

  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'demo' });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('stores: nearest first with distances in metres by the geo query, the unlocated last; without a location the operators\' order; 2 and 1 requests', async () => {
    const near = await measured(async () => okData(await call<CatalogResponses['stores']>('demo-member', { action: 'stores', location: HAIAN })));
    assert.deepEqual(
      near.result.stores.map((s) => [s.storeId, s.distanceM]),
      [['store-flagship', 2832], ['store-baoan', 8888], ['store-futian', 12360]],
    );
    const flagship = near.result.stores[0];
    assert.deepEqual({ phone: flagship.phone, hours: flagship.hours, location: flagship.location }, { phone: '0755-2660 8801', hours: '08:00–22:00', location: { lat: 22.5372, lng: 113.9528 } });
    // The geo query and the unlocated stores, at once; both served by an index.
    assert.deepEqual([near.stats.database.total, near.stats.database.byCollection.stores, near.stats.database.unindexedScans.total], [2, 2, 0]);

    // An operator opens a kiosk at 深圳湾 (its location written by admin.upsert) and a pop-up with no location yet.
    await admin({ storeId: 'store-bay', name: '果粒鲜选·深圳湾快闪店', address: '深圳市南山区滨海大道 1 号', phone: '0755-8600 0000', location: { lat: 22.5195, lng: 113.9413 } }, 'store');
    await admin({ storeId: 'store-popup', name: '果粒鲜选·社区团点', address: '深圳市南山区后海大道 2 号', sort: 0 }, 'store');
    const { stores } = okData(await call<CatalogResponses['stores']>('demo-member', { action: 'stores', location: HAIAN }));
    assert.deepEqual(
      stores.map((s) => [s.storeId, s.distanceM]),
      [['store-bay', distanceMetres(HAIAN, { lat: 22.5195, lng: 113.9413 })], ['store-flagship', 2832], ['store-baoan', 8888], ['store-futian', 12360], ['store-popup', undefined]],
    );
    assert.ok(stores[0].distanceM! < 700);
    assert.equal(stores[4].location, null);

    // Without a location: the operators' `sort` (the pop-up was given 0), those without one last; no distances.
    const plain = await measured(async () => okData(await call<CatalogResponses['stores']>('demo-member', { action: 'stores' })));
    assert.deepEqual(plain.result.stores.map((s) => s.storeId), ['store-popup', 'store-flagship', 'store-futian', 'store-baoan', 'store-bay']);
    assert.ok(plain.result.stores.every((s) => s.distanceM === undefined));
    assert.deepEqual([plain.stats.database.total, plain.stats.database.unindexedScans.total], [1, 0]);

    // 会展中心 is beside 福田.
    const { stores: fromCbd } = okData(await call<CatalogResponses['stores']>('demo-member', { action: 'stores', location: { lat: 22.533, lng: 114.059 } }));
    assert.equal(fromCbd[0].storeId, 'store-futian');
    assert.equal(errorOf(await call('demo-member', { action: 'stores', location: { lat: 91, lng: 0 } })).message, '位置的纬度不能大于 90');
  });

  test('search: name, category name or description, any case, trimmed; each hit exactly as list answers it (same prices) at the same number of requests', async () => {
    const listed = await measured(async () => okData(await call<CatalogResponses['list']>('demo-member', { action: 'list', storeId: FLAGSHIP })));
    const bySku = new Map(listed.result.products.map((p) => [p.skuId, p]));
    const search = async (q: string) => okData(await call<CatalogResponses['search']>('demo-member', { action: 'search', storeId: FLAGSHIP, q }));

    const berries = await measured(() => search('  草莓 '));
    assert.ok(berries.result.products.length >= 1);
    assert.ok(berries.result.products.every((p) => p.name.includes('草莓') || p.description?.includes('草莓')));
    for (const p of berries.result.products) assert.deepEqual(p, bySku.get(p.skuId));
    assert.deepEqual(berries.result.store, listed.result.store);
    // The same loads as list: store, member, products, stock, price lists, the limited prices' usage.
    assert.deepEqual(berries.stats.database, listed.stats.database);
    assert.deepEqual([listed.stats.database.total, listed.stats.database.unindexedScans.total], [6, 0]);

    // By category name: every imported fruit and nothing else.
    const imported = await search('进口水果');
    assert.deepEqual(imported.products.map((p) => p.skuId), listed.result.products.filter((p) => p.category === 'imported').map((p) => p.skuId));
    assert.deepEqual(imported.categories, [{ category: 'imported', name: '进口水果' }]);
    // By description, and Latin letters in any case or width.
    assert.ok((await search('当天提货')).products.some((p) => p.skuId === 'flash-watermelon'));
    assert.deepEqual((await search('jj级')).products.map((p) => p.skuId), ['imported-cherry']);
    assert.deepEqual((await search('ａ２')).products.map((p) => p.skuId), ['dairy-a2']);

    // A miss is an empty shelf (the app shows its empty state), not an error.
    const none = await search('榴莲千层');
    assert.deepEqual([none.products, none.categories], [[], []]);
    assert.equal(errorOf(await call('demo-member', { action: 'search', storeId: FLAGSHIP, q: '   ' })).message, '搜索词不能为空');
    assert.equal(errorOf(await call('demo-member', { action: 'search', storeId: 'store-nowhere', q: '草莓' })).code, 'NOT_FOUND');
  });

  test('home: the banners for the caller\'s audience in their window, in the operators\' order, pictures as temporary URLs; 2 database requests and 1 storage call', async () => {
    const form = new FormData();
    form.append('cloudPath', 'banners/test.svg');
    form.append('file', new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>'], { type: 'image/svg+xml' }), 'test.svg');
    const { fileID } = (await (await fetch(`${cloud.url}/__dev/storage/upload`, { method: 'POST', body: form })).json()) as { fileID: string };
    const always = { from: '2020-01-01', to: '2099-12-31' };
    const banner = (bannerId: string, extra: Record<string, unknown>) => admin({ bannerId, title: `标题 ${bannerId}`, imageFileId: fileID, link: 'pages/product/index?skuId=fruit-strawberry', window: always, ...extra }, 'banner');
    await banner('bn-everyone', { sort: 2 });
    await banner('bn-gold', { sort: 1, audience: { type: 'tier', values: ['gold'] } });
    await banner('bn-new', { sort: 3, audience: { type: 'new' } });
    await banner('bn-expired', { sort: 0, window: { from: '2020-01-01', to: '2020-12-31' } });
    await banner('bn-later', { sort: 0, window: { from: '2099-01-01', to: '2099-12-31' } });
    await banner('bn-off', { sort: 0, active: false });
    await banner('bn-lost-picture', { sort: 4, imageFileId: 'cloud://local-dev.bucket/banners/missing.png' });

    const gold = await measured(async () => okData(await call<CatalogResponses['home']>('demo-gold', { action: 'home', storeId: FLAGSHIP })));
    assert.deepEqual(gold.result.banners.map((b) => b.bannerId), ['bn-gold', 'bn-everyone']);
    assert.deepEqual({ ...gold.result.banners[0], imageUrl: typeof gold.result.banners[0].imageUrl }, { bannerId: 'bn-gold', title: '标题 bn-gold', imageUrl: 'string', link: '/pages/product/index?skuId=fruit-strawberry' });
    assert.equal((await fetch(gold.result.banners[0].imageUrl)).status, 200);
    assert.deepEqual([gold.stats.database.total, gold.stats.database.byCollection, gold.stats.database.unindexedScans.total, gold.stats.storage.total], [2, { members: 1, banners: 1 }, 0, 1]);

    // A new customer (created by this first call) sees the welcome banner instead of the gold one.
    const { banners } = okData(await call<CatalogResponses['home']>('demo-brand-new', { action: 'home', storeId: FLAGSHIP }));
    assert.deepEqual(banners.map((b) => b.bannerId), ['bn-everyone', 'bn-new']);
  });
});
