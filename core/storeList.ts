import { distanceMetres, type LatLng } from './geo';

/** A store as the store picker orders it. */
export interface ListedStore {
  storeId: string;
  /** The operators' order (the flagship first); stores without one after those with one. */
  sort?: number;
  location?: LatLng | null;
}

const UNSORTED = Number.MAX_SAFE_INTEGER;

/** The operators' order: `sort`, then id. */
export function byOperatorsOrder(a: ListedStore, b: ListedStore): number {
  return (a.sort ?? UNSORTED) - (b.sort ?? UNSORTED) || a.storeId.localeCompare(b.storeId);
}

/**
 * The store picker's list. Without the user's location: every store in the operators' order. With
 * it: stores that have a location nearest first, each with its distance, then those without one in
 * the operators' order (they cannot be near anything, but the user may still pick them). Equally
 * distant stores keep the operators' order. The inputs are not changed.
 */
export function nearestStores<T extends ListedStore>(stores: readonly T[], from?: LatLng): Array<T & { distanceM?: number }> {
  if (!from) return [...stores].sort(byOperatorsOrder);
  const located = stores
    .filter((s) => s.location)
    .map((s) => ({ ...s, distanceM: distanceMetres(from, s.location!) }))
    .sort((a, b) => a.distanceM - b.distanceM || byOperatorsOrder(a, b));
  const unlocated = stores.filter((s) => !s.location).sort(byOperatorsOrder);
  return [...located, ...unlocated];
}
