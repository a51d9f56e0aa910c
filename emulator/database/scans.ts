/**
 * Queries that read a whole collection because no declared index serves them. In production such a
 * query scans the collection too (and is slow, or times out, once it is large); here it is counted,
 * for GET /__dev/stats, and warned about once per collection and query shape.
 */

/** A collection this small is read whole without a count or a warning. */
export const SCAN_REPORT_MIN_DOCUMENTS = 1000;

export interface UnindexedScans {
  total: number;
  byCollection: Record<string, number>;
  /** Every unindexed scan since the database opened, whatever the resets: what the tests hold at 0. */
  sinceStart: number;
}

export interface ScanMonitor {
  /** A query (or aggregation) of `shape` read every one of the collection's `size` (> SCAN_REPORT_MIN_DOCUMENTS) documents without an index. */
  record(collection: string, size: number, shape: string): void;
  snapshot(): UnindexedScans;
  reset(): void;
}

export function createScanMonitor(warn: (message: string) => void): ScanMonitor {
  let scans = { total: 0, byCollection: {} as Record<string, number> };
  let sinceStart = 0;
  // Warned once per database, whatever the resets: the point is to notice the query, not to count it.
  const warned = new Set<string>();
  return {
    record(collection, size, shape) {
      scans.total += 1;
      sinceStart += 1;
      scans.byCollection[collection] = (scans.byCollection[collection] ?? 0) + 1;
      const key = `${collection}\u0000${shape}`;
      if (warned.has(key)) return;
      warned.add(key);
      const shown = shape.length > 300 ? `${shape.slice(0, 300)}…` : shape;
      warn(`[database] unindexed query on ${collection} read all ${size} documents: ${shown}; an index in the schema whose first key the query narrows would serve it`);
    },
    snapshot() {
      return { total: scans.total, byCollection: { ...scans.byCollection }, sinceStart };
    },
    reset() {
      scans = { total: 0, byCollection: {} };
    },
  };
}
