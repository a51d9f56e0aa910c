import type { StoreView } from '@contract/catalog';
import type { LatLng } from '@core/geo';
import { nearestStores } from '@core/storeList';
import type { StoreRecord } from '@lib/data/catalogData';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { Database } from '@lib/platform/handler';
import { fetchAll } from '@lib/platform/paging';

/** The nearest stores a list shows: a chain's whole city and more; the cloud database answers at most 1000. */
const NEAREST = 100;

export const storeView = (s: StoreRecord & { distanceM?: number }): StoreView => ({
  storeId: s.storeId,
  name: s.name,
  address: s.address,
  ...(s.hours ? { hours: s.hours } : {}),
  ...(s.phone ? { phone: s.phone } : {}),
  location: s.location ? { lat: s.location.lat, lng: s.location.lng } : null,
  ...(s.distanceM !== undefined ? { distanceM: s.distanceM } : {}),
});

/**
 * The store picker. Without a location, every store in the operators' order (one request). With one,
 * the database's geo query (`geoNear` on the 2dsphere-indexed `geo`) finds the nearest stores, and
 * beside it, at the same time, the stores without a location, which no geo query can return: two
 * requests in parallel. The core measures each distance (haversine) and puts the unlocated last.
 */
export async function storesFor(db: Database, location: LatLng | undefined): Promise<StoreView[]> {
  if (!location) return nearestStores(await fetchAll<StoreRecord>(db, COLLECTIONS.stores)).map(storeView);
  const _ = db.command;
  const [near, unlocated] = await Promise.all([
    db
      .collection(COLLECTIONS.stores)
      .where({ geo: _.geoNear({ geometry: db.Geo.Point(location.lng, location.lat) }) })
      .limit(NEAREST)
      .get(),
    // `geo: null` also matches a missing field; served by the stores' `geo` index (the 2dsphere one leaves them out).
    fetchAll<StoreRecord>(db, COLLECTIONS.stores, { geo: null }),
  ]);
  return nearestStores([...rowsOf<StoreRecord>(near), ...unlocated], location).map(storeView);
}
