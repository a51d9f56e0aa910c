import { afterAll, beforeAll, describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import type { Result } from '@contract/errors';
import type { CatalogResponses } from '@contract/catalog';
import { assertInvariants } from '@test/support/invariants';
import { startEmulator, type EmulatorInstance } from '@test/support/emulator';
import { createOrder, errorOf, okData } from '@test/support/shop';

const admin = (cloud: EmulatorInstance, openid: string, data: Record<string, unknown>) => cloud.call<Result<{ id?: string }>>('admin', data, openid);
const list = async (cloud: EmulatorInstance, openid: string, storeId: string) => okData(await cloud.call<Result<CatalogResponses['list']>>('catalog', { action: 'list', storeId }, openid));

describe('admin on an empty environment', () => {
  let cloud: EmulatorInstance;
  beforeAll(async () => {
    cloud = await startEmulator({ seed: 'empty', env: { ADMIN_OPENIDS: 'boss-1' } });
  });
  afterAll(async () => {
    await cloud.stop();
  });

  test('upsert: only admins; ADMIN_OPENIDS bootstraps the first one', async () => {
    const store = { storeId: 'store-x', name: '果粒鲜选·测试店', address: '深圳市南山区 1 号' };
    assert.equal(errorOf(await admin(cloud, 'stranger', { action: 'upsert', entity: 'store', doc: store })).code, 'FORBIDDEN');
    assert.equal(okData(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'store', doc: store })).id, 'store-x');
    okData(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'staff', doc: { openid: 'ops-2', storeId: 'store-x', role: 'admin', active: true } }));
    // A staff admin may now work too; a clerk may not.
    okData(await admin(cloud, 'ops-2', { action: 'upsert', entity: 'staff', doc: { openid: 'clerk-9', storeId: 'store-x', role: 'clerk', active: true } }));
    assert.equal(errorOf(await admin(cloud, 'clerk-9', { action: 'upsert', entity: 'store', doc: store })).code, 'FORBIDDEN');
  });

  test('upsert: a product, its stock and a group price list show in the catalog', async () => {
    okData(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'product', doc: { skuId: 'sku-peach', name: '阳山水蜜桃', category: 'fruit', unit: '6个/盒', listPriceFen: 6990, memberPriceFen: { gold: 5990 } } }));
    okData(await admin(cloud, 'boss-1', { action: 'setStock', storeId: 'store-x', skuId: 'sku-peach', stock: 12 }));
    okData(
      await admin(cloud, 'boss-1', {
        action: 'upsert',
        entity: 'priceList',
        doc: { priceListId: 'pl-peach', name: '新人尝鲜价', audience: { type: 'new' }, window: { from: '2020-01-01', to: '2099-12-31' }, items: [{ skuId: 'sku-peach', priceFen: 4990, totalQty: 3 }] },
      }),
    );
    const seen = (await list(cloud, 'someone', 'store-x')).products;
    assert.deepEqual(
      seen.map((p) => [p.skuId, p.unitPriceFen, p.priceLabel, p.stock]),
      [['sku-peach', 4990, '新人价', 12]],
    );
  });

  test('upsert: a bad document is INVALID_ARGUMENT and nothing is written', async () => {
    const bad = await admin(cloud, 'boss-1', { action: 'upsert', entity: 'product', doc: { skuId: 'sku-bad', name: '坏数据', category: 'fruit', unit: '个', listPriceFen: 9.9 } });
    assert.deepEqual(errorOf(bad), { code: 'INVALID_ARGUMENT', message: '原价须为整数', details: { field: 'listPriceFen' } });
    // An unknown action, even from a member who is no admin, names none of the admin's actions.
    assert.deepEqual(errorOf(await admin(cloud, 'nobody', { action: 'dropEverything' })), { code: 'INVALID_ARGUMENT', message: '不支持的操作' });
    const stock = await admin(cloud, 'boss-1', { action: 'setStock', storeId: 'store-x', skuId: 'sku-missing', stock: 5 });
    assert.equal(errorOf(stock).code, 'NOT_FOUND');
    const products = (await cloud.get<{ documents: Array<{ _id: string }> }>('/__dev/collections/products')).body.documents;
    assert.deepEqual(products.map((p) => p._id), ['sku-peach']);
  });

  test('create: a limited new-customer price is sold to exactly its quantity under concurrent orders', async () => {
    const buyers = Array.from({ length: 10 }, (_, i) => `peach-fan-${i}`);
    const results = await Promise.all(buyers.map((openid) => createOrder(cloud, openid, [{ skuId: 'sku-peach', qty: 1 }], { storeId: 'store-x' })));
    // Exactly three at the limited price; a buyer priced after it ran out pays the list price, and one
    // priced before but beaten to it is asked to look again (CONFLICT), never sold below the list.
    const atLimited = results.filter((r) => r.ok && r.data.payableFen === 4990).length;
    assert.equal(atLimited, 3);
    for (const r of results) {
      if (r.ok) assert.ok(r.data.payableFen === 4990 || r.data.payableFen === 6990);
      else assert.equal(r.error.code, 'CONFLICT');
    }
    const sold = results.filter((r) => r.ok).length;
    const usage = (await cloud.get<{ documents: Array<{ _id: string; qty: number }> }>('/__dev/collections/priceListUsage')).body.documents;
    assert.equal(usage.find((u) => u._id === 'pl-peach:sku-peach')?.qty, 3);
    // A buyer who lost the race looks again and gets the next price.
    const again = okData(await createOrder(cloud, 'late-peach-fan', [{ skuId: 'sku-peach', qty: 1 }], { storeId: 'store-x' }));
    assert.equal(again.payableFen, 6990);
    const stock = (await cloud.get<{ documents: Array<{ _id: string; stock: number }> }>('/__dev/collections/stock')).body.documents;
    assert.equal(stock.find((d) => d._id === 'store-x:sku-peach')?.stock, 12 - sold - 1);
    await assertInvariants(cloud);
  });

  test('audit: every write is recorded with who, when, what, before and after; newest first, a page at a time', async () => {
    okData(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'product', doc: { skuId: 'sku-peach', name: '阳山水蜜桃', category: 'fruit', unit: '6个/盒', listPriceFen: 7990, memberPriceFen: { gold: 5990 } } }));
    okData(await admin(cloud, 'boss-1', { action: 'setStock', storeId: 'store-x', skuId: 'sku-peach', stock: 30 }));
    okData(await admin(cloud, 'ops-2', { action: 'grant', openid: 'peach-fan-1', kind: 'points', points: 100, reason: '售后补偿', grantId: 'audit-grant-1' }));
    type Page = { entries: Array<{ at: string; by: string; action: string; entity: string; id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>; cursor: string | null };
    const page = okData(await cloud.call<Result<Page>>('admin', { action: 'audit' }, 'boss-1'));
    const [granted, stocked, edited] = page.entries;
    assert.deepEqual([granted.action, granted.by, granted.id, granted.after?.points], ['grant', 'ops-2', 'peach-fan-1', 100]);
    assert.deepEqual([stocked.action, stocked.entity, stocked.id, stocked.after], ['setStock', 'stock', 'store-x:sku-peach', { stock: 30 }]);
    assert.equal(typeof stocked.before?.stock, 'number');
    assert.deepEqual([edited.action, edited.entity, edited.id, edited.before?.listPriceFen, edited.after?.listPriceFen], ['upsert', 'product', 'sku-peach', 6990, 7990]);
    assert.ok(Date.parse(granted.at) >= Date.parse(edited.at));
    // The first writes of this environment are there too, the oldest with nothing before.
    let cursor = page.cursor;
    const all = [...page.entries];
    while (cursor) {
      const next = okData(await cloud.call<Result<Page>>('admin', { action: 'audit', cursor }, 'boss-1'));
      all.push(...next.entries);
      cursor = next.cursor;
    }
    const first = all[all.length - 1];
    assert.deepEqual([first.action, first.entity, first.id, first.before, first.by], ['upsert', 'store', 'store-x', null, 'boss-1']);
    assert.equal(errorOf(await cloud.call<Result<Page>>('admin', { action: 'audit' }, 'clerk-9')).code, 'FORBIDDEN');
  });

  test('list and banners: documents as written, fields checked with a Chinese message naming the field', async () => {
    okData(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'store', doc: { storeId: 'store-y', name: '果粒鲜选·福田店', address: '深圳市福田区 2 号', phone: '0755-8888 6666', hours: '08:00-22:00', location: { lat: 22.54, lng: 114.05 } } }));
    const stores = okData(await cloud.call<Result<{ items: Array<Record<string, unknown>>; cursor: string | null }>>('admin', { action: 'list', entity: 'store' }, 'boss-1'));
    assert.deepEqual(stores.items.map((s) => s.storeId), ['store-x', 'store-y']);
    assert.deepEqual(stores.items[1].location, { lat: 22.54, lng: 114.05 });
    assert.equal(stores.cursor, null);
    const stored = (await cloud.get<{ documents: Array<{ _id: string; geo?: unknown }> }>('/__dev/collections/stores')).body.documents.find((d) => d._id === 'store-y');
    assert.deepEqual(stored?.geo, { type: 'Point', coordinates: [114.05, 22.54] });

    const banner = { bannerId: 'bn-peach', title: '水蜜桃季', imageFileId: 'cloud://local-dev.bucket/banners/peach.png', link: 'pages/product/index?skuId=sku-peach', window: { from: '2026-01-01', to: '2099-12-31' } };
    okData(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'banner', doc: banner }));
    const badLink = errorOf(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'banner', doc: { ...banner, link: 'https://example.com' } }));
    assert.deepEqual([badLink.code, badLink.details?.field], ['INVALID_ARGUMENT', 'link']);
    assert.match(badLink.message, /小程序页面路径/);
    const noPhoto = errorOf(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'banner', doc: { ...banner, imageFileId: '/tmp/peach.png' } }));
    assert.match(noPhoto.message, /请上传图片/);
    const banners = okData(await cloud.call<Result<{ items: Array<Record<string, unknown>> }>>('admin', { action: 'list', entity: 'banner' }, 'boss-1'));
    assert.deepEqual(banners.items, [banner]);
  });

  test('photos: an uploaded product photo reaches the shop as a temporary URL that serves it', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082', 'hex');
    const form = new FormData();
    form.append('cloudPath', 'products/sku-peach.png');
    form.append('file', new Blob([png], { type: 'image/png' }), 'peach.png');
    const uploaded = (await (await fetch(`${cloud.url}/__dev/storage/upload`, { method: 'POST', body: form })).json()) as { fileID: string };
    assert.match(uploaded.fileID, /^cloud:\/\/.+\/products\/sku-peach\.png$/);
    okData(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'product', doc: { skuId: 'sku-peach', name: '阳山水蜜桃', category: 'fruit', unit: '6个/盒', listPriceFen: 7990, imageFileId: uploaded.fileID, description: '无锡阳山，树上熟' } }));
    const [peach] = (await list(cloud, 'peach-fan-1', 'store-x')).products;
    assert.equal(peach.description, '无锡阳山，树上熟');
    assert.ok(peach.imageUrl && peach.image === peach.imageUrl);
    const served = await fetch(peach.imageUrl!);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);
  });

  test('a store manager keeps their own shelf: stock of their store, products and stores to read, nothing else', async () => {
    okData(await admin(cloud, 'boss-1', { action: 'upsert', entity: 'staff', doc: { openid: 'mgr-x', storeId: 'store-x', role: 'manager', active: true, name: '陈店长' } }));
    okData(await admin(cloud, 'mgr-x', { action: 'setStock', storeId: 'store-x', skuId: 'sku-peach', stock: 40 }));
    const other = errorOf(await admin(cloud, 'mgr-x', { action: 'setStock', storeId: 'store-y', skuId: 'sku-peach', stock: 40 }));
    assert.deepEqual([other.code, other.message], ['FORBIDDEN', '只能管理本店的库存']);
    assert.ok(okData(await cloud.call<Result<{ items: unknown[] }>>('admin', { action: 'list', entity: 'product' }, 'mgr-x')).items.length > 0);
    assert.equal(errorOf(await cloud.call<Result<unknown>>('admin', { action: 'list', entity: 'campaign' }, 'mgr-x')).code, 'FORBIDDEN');
    assert.equal(errorOf(await admin(cloud, 'mgr-x', { action: 'upsert', entity: 'product', doc: { skuId: 'sku-peach', name: 'x', category: 'fruit', unit: '个', listPriceFen: 1 } })).code, 'FORBIDDEN');
    assert.equal(errorOf(await admin(cloud, 'clerk-9', { action: 'setStock', storeId: 'store-x', skuId: 'sku-peach', stock: 1 })).code, 'FORBIDDEN');
    const [latest] = okData(await cloud.call<Result<{ entries: Array<{ by: string; action: string; after: unknown }> }>>('admin', { action: 'audit' }, 'boss-1')).entries;
    assert.deepEqual([latest.by, latest.action, latest.after], ['mgr-x', 'setStock', { stock: 40 }]);
  });
});
