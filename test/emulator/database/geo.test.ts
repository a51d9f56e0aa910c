import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { sdkError, startHarness, type Harness, type WxDatabase } from './harness';

/** MongoDB's Earth radius for 2dsphere distances (kRadiusOfEarthInMeters). */
const R = 6378100;
/** Great-circle distance in metres, computed independently of the emulator (haversine). */
function metres([lng1, lat1]: number[], [lng2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

const CENTER = [121.4737, 31.2304];
const geoSchema = {
  collections: {
    shops: { indexes: [{ name: 'location_2dsphere', keys: { location: '2dsphere' as const } }] },
    areas: { indexes: [{ name: 'location_2dsphere', keys: { location: '2dsphere' as const, kind: 1 as const } }] },
    plain: {},
  },
};

describe('geo queries through wx-server-sdk', () => {
  let h: Harness;
  let Geo: WxDatabase;
  const point = (c: number[]) => Geo.Point(c[0], c[1]);
  const ring = (coords: number[][]) => Geo.LineString(coords.map(point));
  const box = (w: number, s: number, e: number, n: number) => Geo.Polygon([ring([[w, s], [e, s], [e, n], [w, n], [w, s]])]);
  const ids = async (query: { get(): Promise<{ data: Array<Record<string, unknown>> }> }) => (await query.get()).data.map((d) => d._id);

  beforeAll(async () => {
    h = await startHarness({ schema: geoSchema });
    Geo = h.db.Geo;
    const shops = h.db.collection('shops');
    // Around People's Square, Shanghai. Distances from CENTER: pair 557 m (its nearer point),
    // a 600 m, route 1.3 km, b 2.2 km, zone 2.5 km, c 7.3 km.
    await shops.add({ data: { _id: 'a', kind: 'point', location: point([121.48, 31.2304]) } });
    await shops.add({ data: { _id: 'b', kind: 'point', location: point([121.4737, 31.2504]) } });
    await shops.add({ data: { _id: 'c', kind: 'point', location: point([121.55, 31.2304]) } });
    await shops.add({ data: { _id: 'route', kind: 'line', location: ring([[121.46, 31.24], [121.46, 31.2]]) } });
    await shops.add({ data: { _id: 'zone', kind: 'polygon', location: box(121.5, 31.22, 121.52, 31.24) } });
    await shops.add({ data: { _id: 'pair', kind: 'multi', location: Geo.MultiPoint([point([121.6, 31.23]), point([121.4737, 31.2354])]) } });
    await shops.add({ data: { _id: 'none', kind: 'point' } });
    await shops.add({ data: { _id: 'text', kind: 'point', location: 'People Square' } });
    h.local.insertMany('plain', [{ _id: 'p', location: { type: 'Point', coordinates: CENTER } }]);
  });
  afterAll(() => h.close());

  test('Geo: points, lines and polygons are stored as GeoJSON and read back as the SDK\'s Geo objects', async () => {
    const stored = Object.fromEntries(h.local.dump('shops').map((d) => [d._id, d.location]));
    assert.deepEqual(stored.a, { type: 'Point', coordinates: [121.48, 31.2304] });
    assert.deepEqual(stored.route, { type: 'LineString', coordinates: [[121.46, 31.24], [121.46, 31.2]] });
    assert.equal((stored.zone as { type: string }).type, 'Polygon');
    assert.equal((stored.pair as { type: string }).type, 'MultiPoint');
    const multiLine = Geo.MultiLineString([ring([[0, 0], [1, 1]]), ring([[2, 2], [3, 3]])]);
    const multiPolygon = Geo.MultiPolygon([box(0, 0, 1, 1), box(2, 2, 3, 3)]);
    await h.db.collection('areas').add({ data: { _id: 'shapes', lines: multiLine, polygons: multiPolygon } });
    const { data: shop } = await h.db.collection('shops').doc('a').get();
    assert.equal(shop.location.constructor, point([0, 0]).constructor);
    assert.deepEqual([shop.location.longitude, shop.location.latitude], [121.48, 31.2304]);
    const { data: shapes } = await h.db.collection('areas').doc('shapes').get();
    assert.deepEqual(shapes.lines.toJSON(), multiLine.toJSON());
    assert.deepEqual(shapes.polygons.toJSON(), multiPolygon.toJSON());
    await h.db.collection('areas').doc('shapes').remove();
  });

  test('geoNear: nearest first, distances in metres on MongoDB\'s sphere, min and max bounds', async () => {
    const { db, _ } = h;
    const near = (options: Record<string, unknown>) => db.collection('shops').where({ location: _.geoNear({ geometry: point(CENTER), ...options }) });
    assert.deepEqual(await ids(near({})), ['pair', 'a', 'route', 'b', 'zone', 'c']);
    // a is 599.6 m away and b 2226.4 m: bounds a hair either side of the exact distances.
    const dA = metres(CENTER, [121.48, 31.2304]);
    const dB = metres(CENTER, [121.4737, 31.2504]);
    assert.deepEqual(await ids(near({ maxDistance: dA + 0.01 })), ['pair', 'a']);
    assert.deepEqual(await ids(near({ maxDistance: dA - 0.01 })), ['pair']);
    assert.deepEqual(await ids(near({ minDistance: dB - 0.01, maxDistance: 3000 })), ['b', 'zone']);
    assert.deepEqual(await ids(near({ minDistance: dB + 0.01, maxDistance: 3000 })), ['zone']);
    assert.deepEqual(await ids(near({}).skip(1).limit(2)), ['a', 'route']);
    assert.deepEqual(await ids(db.collection('shops').where({ kind: 'point', location: _.geoNear({ geometry: point(CENTER) }) })), ['a', 'b', 'c']);
    assert.deepEqual(await ids(near({}).orderBy('_id', 'desc').limit(2)), ['zone', 'route']);
  });

  test('geoWithin: a polygon, a multipolygon or a centerSphere contains the whole geometry', async () => {
    const { db, _ } = h;
    const within = (options: Record<string, unknown>) => ids(db.collection('shops').where({ location: _.geoWithin(options) }).orderBy('_id', 'asc'));
    // pair has one point inside and one outside: not within. route leaves the box to the south.
    assert.deepEqual(await within({ geometry: box(121.45, 31.22, 121.49, 31.26) }), ['a', 'b']);
    assert.deepEqual(await within({ geometry: Geo.MultiPolygon([box(121.45, 31.22, 121.49, 31.26), box(121.49, 31.21, 121.53, 31.25)]) }), ['a', 'b', 'zone']);
    // centerSphere's radius is in radians: metres / 6378.1 km, as the WeChat docs say.
    assert.deepEqual(await within({ centerSphere: [point(CENTER), 1000 / R] }), ['a']);
    assert.deepEqual(await within({ centerSphere: [CENTER, 2300 / R] }), ['a', 'b']);
  });

  test('geoWithin: polygon edges are great-circle arcs, not straight lines on the map', async () => {
    const { db, _ } = h;
    const areas = db.collection('areas');
    await areas.add({ data: { _id: 'low', kind: 'x', location: point([45, 62]) } });
    await areas.add({ data: { _id: 'mid', kind: 'x', location: point([45, 69]) } });
    await areas.add({ data: { _id: 'high', kind: 'x', location: point([45, 72]) } });
    // Between 60°N and 70°N on a map, but the arc from (0°, 60°N) to (90°E, 60°N) peaks near
    // 67.8°N and the one along 70°N near 75.6°N: MongoDB's polygon holds mid and high, not low.
    const res = await areas.where({ location: _.geoWithin({ geometry: box(0, 60, 90, 70) }) }).orderBy('_id', 'asc').get();
    assert.deepEqual(res.data.map((d: Record<string, unknown>) => d._id), ['high', 'mid']);
    await areas.where({ kind: 'x' }).remove();
  });

  test('geoIntersects: points, lines and polygons meeting the given geometry', async () => {
    const { db, _ } = h;
    const meets = (geometry: unknown) => ids(db.collection('shops').where({ location: _.geoIntersects({ geometry }) }).orderBy('_id', 'asc'));
    assert.deepEqual(await meets(box(121.455, 31.235, 121.465, 31.245)), ['route']);
    assert.deepEqual(await meets(point([121.51, 31.23])), ['zone']);
    assert.deepEqual(await meets(ring([[121.45, 31.21], [121.53, 31.25]])), ['route', 'zone']);
    assert.deepEqual(await meets(point([121.48, 31.2304])), ['a']);
    assert.deepEqual(await meets(Geo.MultiPoint([point([121.6, 31.23]), point([0, 0])])), ['pair']);
  });

  test('aggregate geoNear: distanceField, multiplier, includeLocs, query, bounds and key', async () => {
    const { db } = h;
    const res = await db
      .collection('shops')
      .aggregate()
      .geoNear({ distanceField: 'distance', spherical: true, near: point(CENTER), maxDistance: 3000, query: { kind: 'point' }, key: 'location', distanceMultiplier: 0.001, includeLocs: 'hit' })
      .project({ _id: 1, distance: 1, hit: 1 })
      .end();
    assert.deepEqual(res.list.map((d: Record<string, unknown>) => d._id), ['a', 'b']);
    assert.ok(Math.abs(res.list[0].distance - metres(CENTER, [121.48, 31.2304]) / 1000) < 1e-6);
    assert.ok(Math.abs(res.list[1].distance - metres(CENTER, [121.4737, 31.2504]) / 1000) < 1e-6);
    assert.deepEqual(res.list[0].hit, { type: 'Point', coordinates: [121.48, 31.2304] });
    const all = await db.collection('shops').aggregate().geoNear({ distanceField: 'd.metres', near: point(CENTER), minDistance: 1000 }).limit(3).end();
    assert.deepEqual(all.list.map((d: Record<string, unknown>) => d._id), ['route', 'b', 'zone']);
    assert.ok(all.list.every((d: { d: { metres: number } }) => d.d.metres >= 1000));
    await assert.rejects(db.collection('shops').aggregate().match({}).geoNear({ distanceField: 'd', near: point(CENTER) }).end(), sdkError(-1, '$geoNear is only valid as the first stage in a pipeline.'));
  });

  test('geo: queries need a 2dsphere index on the field, as the real service does', async () => {
    const { db, _ } = h;
    const plain = db.collection('plain');
    await assert.rejects(plain.where({ location: _.geoNear({ geometry: point(CENTER) }) }).get(), sdkError(-502001, 'unable to find index for $geoNear query'));
    await assert.rejects(plain.where({ location: _.geoWithin({ geometry: box(121, 31, 122, 32) }) }).get(), sdkError(-502001, 'unable to find index for $geoWithin query'));
    await assert.rejects(plain.where({ location: _.geoIntersects({ geometry: point(CENTER) }) }).get(), sdkError(-502001, 'unable to find index for $geoIntersects query'));
    await assert.rejects(plain.aggregate().geoNear({ distanceField: 'd', near: point(CENTER) }).end(), sdkError(-1, '$geoNear requires a 2d or 2dsphere index, but none were found'));
    await assert.rejects(
      db.collection('shops').aggregate().geoNear({ distanceField: 'd', near: point(CENTER), key: 'elsewhere' }).end(),
      sdkError(-1, 'unable to find index for $geoNear query'),
    );
    // MongoDB refuses $near/$nearSphere where results are not a nearest-first list.
    await assert.rejects(db.collection('shops').where({ location: _.geoNear({ geometry: point(CENTER) }) }).count(), sdkError(-502001, '$geoNear, $near, and $nearSphere are not allowed in this context'));
    await assert.rejects(db.collection('shops').aggregate().match({ location: _.geoNear({ geometry: point(CENTER) }) }).end(), sdkError(-1, 'not allowed in this context'));
  });
});
