/** Database requests counted by action and by collection, for GET /__dev/stats and the benchmarks. */
export interface DatabaseStats {
  total: number;
  byAction: Record<string, number>;
  byCollection: Record<string, number>;
}

export function createDatabaseStats() {
  let stats: DatabaseStats = { total: 0, byAction: {}, byCollection: {} };
  return {
    count(action: string, collection: unknown) {
      stats.total += 1;
      stats.byAction[action] = (stats.byAction[action] ?? 0) + 1;
      if (typeof collection === 'string' && collection) stats.byCollection[collection] = (stats.byCollection[collection] ?? 0) + 1;
    },
    snapshot(): DatabaseStats {
      return { total: stats.total, byAction: { ...stats.byAction }, byCollection: { ...stats.byCollection } };
    },
    reset() {
      stats = { total: 0, byAction: {}, byCollection: {} };
    },
  };
}
