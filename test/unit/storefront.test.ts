import { describe, test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import type { Buyer } from '@core/catalog';
import { bannerLink, bannersFor, bannerWindowFloor, type Banner } from '@core/banner';
import { distanceMetres, EARTH_MEAN_RADIUS_M } from '@core/geo';
import { matchesSearch, searchTerms } from '@core/search';
import { byOperatorsOrder, nearestStores } from '@core/storeList';

const FLAGSHIP = { storeId: 'store-flagship', sort: 1, location: { lat: 22.5372, lng: 113.9528 } };
const FUTIAN = { storeId: 'store-futian', sort: 2, location: { lat: 22.5358, lng: 114.0546 } };
const BAOAN = { storeId: 'store-baoan', sort: 3, location: { lat: 22.5781, lng: 113.8802 } };
const POPUP = { storeId: 'store-popup', location: null };
const KIOSK = { storeId: 'store-kiosk', sort: 9 };
const HAIAN = { lat: 22.517, lng: 113.936 };

const latLng = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) });

describe('storefront rules: distances, the store picker, search, banners', () => {
  test('distanceMetres: known distances, symmetric, zero to itself, never more than half the Earth', () => {
    // One degree of latitude is R·π/180 = 111 195 m on the mean sphere.
    assert.equal(distanceMetres({ lat: 0, lng: 0 }, { lat: 1, lng: 0 }), Math.round((EARTH_MEAN_RADIUS_M * Math.PI) / 180));
    // Across a city the Earth is flat enough: the flat-map (equirectangular) distance agrees within a metre.
    const flat = (a: { lat: number; lng: number }, b: { lat: number; lng: number }) => {
      const rad = Math.PI / 180;
      const x = (b.lng - a.lng) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
      return Math.hypot(x, (b.lat - a.lat) * rad) * EARTH_MEAN_RADIUS_M;
    };
    assert.equal(distanceMetres(HAIAN, FLAGSHIP.location), 2832);
    for (const [a, b] of [[HAIAN, FLAGSHIP.location], [HAIAN, FUTIAN.location], [{ lat: 31.2304, lng: 121.4737 }, { lat: 31.2397, lng: 121.4906 }]]) {
      assert.ok(Math.abs(distanceMetres(a, b) - flat(a, b)) <= 1, `${distanceMetres(a, b)} vs ${flat(a, b)}`);
    }
    assert.equal(distanceMetres({ lat: 0, lng: 0 }, { lat: 0, lng: 180 }), Math.round(EARTH_MEAN_RADIUS_M * Math.PI));
    fc.assert(
      fc.property(latLng, latLng, (a, b) => {
        const d = distanceMetres(a, b);
        return d === distanceMetres(b, a) && distanceMetres(a, a) === 0 && d >= 0 && d <= Math.round(EARTH_MEAN_RADIUS_M * Math.PI);
      }),
    );
  });

  test('nearestStores: nearest first with distances, the unlocated last in the operators\' order; without a location the operators\' order; inputs untouched', () => {
    const stores = [POPUP, BAOAN, KIOSK, FUTIAN, FLAGSHIP];
    const frozen = JSON.stringify(stores);
    const near = nearestStores(stores, HAIAN);
    assert.deepEqual(
      near.map((s) => [s.storeId, s.distanceM]),
      [['store-flagship', 2832], ['store-baoan', 8888], ['store-futian', 12360], ['store-kiosk', undefined], ['store-popup', undefined]],
    );
    assert.deepEqual(nearestStores(stores, { lat: 22.533, lng: 114.059 }).map((s) => s.storeId)[0], 'store-futian');
    assert.deepEqual(nearestStores(stores).map((s) => s.storeId), ['store-flagship', 'store-futian', 'store-baoan', 'store-kiosk', 'store-popup']);
    assert.ok(nearestStores(stores).every((s) => !('distanceM' in s)));
    assert.equal(JSON.stringify(stores), frozen);
    // Two stores at the same spot keep the operators' order.
    const twin = { ...FLAGSHIP, storeId: 'store-twin', sort: 0 };
    assert.deepEqual(nearestStores([FLAGSHIP, twin], HAIAN).map((s) => s.storeId), ['store-twin', 'store-flagship']);
    assert.ok(byOperatorsOrder({ storeId: 'b', sort: 1 }, { storeId: 'a' }) < 0);
  });

  test('search: trimmed, case- and width-blind terms that must all match the name, category name or description; Chinese anywhere in a word', () => {
    const berry = { name: '丹东红颜草莓', description: 'Dandong 当季现摘，酸甜多汁' };
    const milk = { name: '鲜牛奶 950ml' };
    assert.deepEqual(searchTerms('  草莓\u3000ＤＡＮ dong  '), ['草莓', 'dan', 'dong']);
    assert.ok(matchesSearch(berry, '当季鲜果', searchTerms('草莓')));
    assert.ok(matchesSearch(berry, '当季鲜果', searchTerms('鲜果')));
    assert.ok(matchesSearch(berry, '当季鲜果', searchTerms('多汁 DANDONG')));
    assert.ok(matchesSearch(milk, '鲜奶乳品', searchTerms('950ML')));
    assert.ok(!matchesSearch(berry, '当季鲜果', searchTerms('草莓 牛奶')));
    assert.ok(!matchesSearch(milk, '鲜奶乳品', searchTerms('草莓')));
    // A term never matches across the end of one field and the start of the next.
    assert.ok(!matchesSearch({ name: '草莓', description: '酸甜' }, '水果', searchTerms('莓水')));
    assert.ok(matchesSearch(milk, '鲜奶乳品', []));
  });

  test('bannersFor: switched on, in the window, for the buyer\'s audience (none: everyone), in the operators\' order; the floor and the link', () => {
    const now = new Date('2026-06-10T04:00:00Z');
    const banner = (bannerId: string, extra: Partial<Banner> = {}): Banner => ({ bannerId, title: bannerId, imageFileId: `cloud://b/${bannerId}.png`, link: 'pages/product/index?skuId=x', window: { from: '2026-06-01', to: '2026-06-30' }, ...extra });
    const all = [
      banner('c-everyone', { sort: 3 }),
      banner('a-gold', { sort: 1, audience: { type: 'tier', values: ['gold'] } }),
      banner('b-new', { sort: 2, audience: { type: 'new' } }),
      banner('d-expired', { window: { from: '2026-05-01', to: '2026-06-09' } }),
      banner('e-ended-an-hour-ago', { window: { from: '2026-06-01T00:00:00Z', to: '2026-06-10T03:00:00Z' } }),
      banner('f-off', { active: false }),
      banner('g-later', { window: { from: '2026-06-11', to: '2026-06-30' } }),
      banner('h-group', { audience: { type: 'group', values: ['gid-a'] } }),
    ];
    const frozen = JSON.stringify(all);
    const newcomer: Buyer = { tier: 'normal', paid: false, segment: null, groups: [], isNewCustomer: true };
    const gold: Buyer = { tier: 'gold', paid: false, segment: 'S1', groups: ['gid-a'], isNewCustomer: false };
    assert.deepEqual(bannersFor(all, newcomer, now).map((b) => b.bannerId), ['b-new', 'c-everyone']);
    assert.deepEqual(bannersFor(all, gold, now).map((b) => b.bannerId), ['a-gold', 'c-everyone', 'h-group']);
    assert.equal(JSON.stringify(all), frozen);
    // The last Shanghai day of a date window still shows it (00:30 on 30 June in Shanghai is 29 June in UTC).
    assert.deepEqual(bannersFor([banner('z')], newcomer, new Date('2026-06-29T16:30:00Z')).map((b) => b.bannerId), ['z']);
    // The floor is at or below the end of every window still showing.
    assert.equal(bannerWindowFloor(new Date('2026-06-29T16:30:00Z')), '2026-06-28');
    assert.ok('2026-06-29' >= bannerWindowFloor(new Date('2026-06-29T16:30:00Z')));
    assert.ok('2026-06-10T03:00:00.000Z' >= bannerWindowFloor(now));
    assert.deepEqual([bannerLink('pages/a/index?x=1'), bannerLink('/packages/b/index'), bannerLink(' ')], ['/pages/a/index?x=1', '/packages/b/index', '']);
  });
});
