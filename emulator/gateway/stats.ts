/**
 * Database requests counted by action and by collection, for GET /__dev/stats and the benchmarks
 * (which adds the database's own count of unindexed scans, `unindexedScans`, next to these).
 */
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

/** TCP connections the local cloud accepted: shows whether callers (and the functions' SDK) reuse them. */
export interface ConnectionStats {
  /** Open now. */
  open: number;
  /** Most open at once since the last reset. */
  peak: number;
  /** Accepted since the last reset. */
  accepted: number;
  /** Connections that carried wx-server-sdk requests from inside functions (POST /admin) since the last reset. */
  sdk: number;
}

interface Closable {
  once(event: 'close', listener: () => void): unknown;
}

export function createConnectionStats() {
  let open = 0;
  let peak = 0;
  let accepted = 0;
  let sdk = 0;
  let sdkSockets = new WeakSet<Closable>();
  return {
    track(socket: Closable) {
      open += 1;
      accepted += 1;
      peak = Math.max(peak, open);
      socket.once('close', () => {
        open -= 1;
      });
    },
    /** A request to /admin arrived on `socket`. */
    sdkRequest(socket: Closable) {
      if (sdkSockets.has(socket)) return;
      sdkSockets.add(socket);
      sdk += 1;
    },
    snapshot(): ConnectionStats {
      return { open, peak, accepted, sdk };
    },
    reset() {
      peak = open;
      accepted = 0;
      sdk = 0;
      sdkSockets = new WeakSet();
    },
  };
}

/** Cloud storage requests by kind (the SDK's storage.* actions, the object PUTs and GETs, the preview's dev routes). */
export interface StorageStats {
  total: number;
  byAction: Record<string, number>;
}

export function createStorageStats() {
  let stats: StorageStats = { total: 0, byAction: {} };
  return {
    count(action: string) {
      stats.total += 1;
      stats.byAction[action] = (stats.byAction[action] ?? 0) + 1;
    },
    snapshot(): StorageStats {
      return { total: stats.total, byAction: { ...stats.byAction } };
    },
    reset() {
      stats = { total: 0, byAction: {} };
    },
  };
}

/** Most database requests one capture keeps (some 40 MB of bodies at 400 bytes each). */
export const MAX_CAPTURED_REQUESTS = 100_000;

/**
 * The raw bodies of database requests to /admin, kept while armed (`POST /__dev/capture`): a
 * benchmark replays them straight against /admin to learn what the database endpoint serves
 * without the function host in front of it (bench/claimStorm.ts).
 */
export function createRequestCapture() {
  let left = 0;
  let captured: string[] = [];
  return {
    /** Keep the next `max` requests (0 stops), dropping what was kept. */
    arm(max: number) {
      left = Math.min(max, MAX_CAPTURED_REQUESTS);
      captured = [];
    },
    get armed(): boolean {
      return left > 0;
    },
    record(body: string) {
      if (left <= 0) return;
      left -= 1;
      captured.push(body);
    },
    /** What was kept, oldest first; stops capturing and forgets it. */
    take(): string[] {
      const out = captured;
      left = 0;
      captured = [];
      return out;
    },
  };
}
