/**
 * Distances on the map. Points are in the degrees the app gets from wx.getLocation (type gcj02) and
 * operators enter for a store (picked on Tencent's map, also GCJ-02): both in the same datum, so
 * the distance between them needs no conversion.
 */
export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** The Earth's mean radius (IUGG): the one radius for which the haversine is closest everywhere (within 0.5 %). */
export const EARTH_MEAN_RADIUS_M = 6_371_008.8;

const RADIANS = Math.PI / 180;

/** The great-circle distance in whole metres (haversine): what 「距您 1.2km」 shows. */
export function distanceMetres(from: LatLng, to: LatLng): number {
  const dLat = (to.lat - from.lat) * RADIANS;
  const dLng = (to.lng - from.lng) * RADIANS;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(from.lat * RADIANS) * Math.cos(to.lat * RADIANS) * Math.sin(dLng / 2) ** 2;
  // min(1, …): rounding can push h a hair above 1 for antipodal points, and asin would answer NaN.
  return Math.round(2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}
