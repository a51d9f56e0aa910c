import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DbError, ErrorCode } from './errors';
import { canonicalText, canonicalDoc, cloneValue } from './ejson';
import { MAX_INDEXES_PER_COLLECTION, TRANSACTION_TIMEOUT_MS } from './limits';
import type { Context } from './request';
import { dispatch } from './router';
import { createScanMonitor, type UnindexedScans } from './scans';
import { Storage } from './storage';
import { docKey, Store, type UniqueIndexSpec, type Write } from './store';
import { LockWait, Transactions } from './transactions';
import { withId } from './writes';

export { ErrorCode } from './errors';
export type { UnindexedScans } from './scans';

/** How an index orders a field: ascending, descending, or a spherical geo index (GeoJSON, legacy pairs). */
export type IndexKind = 1 | -1 | '2dsphere';

/**
 * The project's schema (a JSON file such as database/schema.json): collections created at open, and
 * their indexes. Unique indexes are enforced; every index but a 2dsphere one serves queries on its
 * first key (a lookup kept in memory, see planner.ts); a "2dsphere" key is what geo queries on that
 * field need (as in production, where the console creates it as a 地理位置索引).
 */
export interface DatabaseSchema {
  collections: Record<string, { indexes?: Array<{ name: string; keys: Record<string, IndexKind>; unique?: boolean }> }>;
}

/** A schema given as an object, or as the path of its JSON file. */
export function readSchema(schema: DatabaseSchema | string): DatabaseSchema {
  if (typeof schema !== 'string') return schema;
  const parsed = JSON.parse(readFileSync(schema, 'utf8')) as DatabaseSchema;
  if (!parsed || typeof parsed !== 'object' || !parsed.collections || typeof parsed.collections !== 'object') {
    throw new Error(`${schema}: a database schema needs a "collections" object`);
  }
  return parsed;
}

/** The JSON body answered to wx-server-sdk: `data` on success, `code` + `message` on failure. */
export interface WireResponse {
  requestId: string;
  data?: unknown;
  transactionId?: string;
  code?: string;
  message?: string;
}

export interface OpenDatabaseOptions {
  dataDir: string;
  /** The dev clock: used for db.serverDate(). */
  now: () => Date;
  schema: DatabaseSchema;
  /** Real-time limit of a transaction; 30 s like the real service. Tests shorten it. */
  transactionTimeoutMs?: number;
  /** Where the one-line warning about a query that read a large collection without an index goes; console.warn by default. */
  warn?: (message: string) => void;
}

export interface LocalDatabase {
  /** Serve one wx-server-sdk request: action is e.g. 'database.getDocument'; body is the parsed JSON body. Never throws for user errors: returns { code, message }. */
  handle(action: string, body: Record<string, unknown>): Promise<WireResponse>;
  /** Wipe all data (keeps schema/indexes). */
  reset(): void;
  /** Insert plain JS docs (Date objects allowed, _id optional) — used for seeding datasets. */
  insertMany(collection: string, docs: Record<string, unknown>[]): void;
  /** Read all docs of a collection as plain JS (for tests/seed checks). */
  dump(collection: string): Record<string, unknown>[];
  isEmpty(): boolean;
  /** Ends a transaction whose caller is gone, releasing its locks (a no-op if it already ended). */
  abortTransaction(id: string): void;
  /** Queries that read every document of a collection of more than 1,000 without an index, since the last reset. */
  unindexedScans(): UnindexedScans;
  resetUnindexedScans(): void;
  close(): void;
}

export function openDatabase(opts: OpenDatabaseOptions): LocalDatabase {
  const schemaNames = Object.keys(opts.schema.collections);
  const storage = new Storage(opts.dataDir);
  let store: Store;
  try {
    store = new Store(storage, uniqueIndexesOf(opts.schema), lookupFieldsOf(opts.schema));
  } catch (e) {
    storage.close();
    throw e;
  }
  for (const name of schemaNames) if (!store.has(name)) store.create(name);
  const txs = new Transactions(store, opts.transactionTimeoutMs ?? TRANSACTION_TIMEOUT_MS);
  const scans = createScanMonitor(opts.warn ?? ((message) => console.warn(message)));
  const ctx: Context = { store, txs, now: opts.now, geoIndexes: geoIndexesOf(opts.schema), scans };
  let closed = false;

  return {
    async handle(action, body) {
      const requestId = randomUUID();
      for (;;) {
        try {
          if (closed) throw new Error('the local database is closed');
          return { requestId, ...dispatch(ctx, action, body) };
        } catch (e) {
          // A plain write hit a transaction's lock: wait for it to end, then redo the whole request
          // (nothing was written), so the write sees the transaction's outcome.
          if (e instanceof LockWait) {
            await txs.waitForUnlock(e.lockKey);
            continue;
          }
          if (e instanceof DbError) return { requestId, code: e.code, message: e.message };
          return { requestId, code: ErrorCode.SYS_ERR, message: `internal error: ${(e as Error).message ?? String(e)}` };
        }
      }
    },

    reset() {
      txs.abortAll();
      store.reset(schemaNames);
    },

    insertMany(collection, docs) {
      if (!store.has(collection)) store.create(collection);
      const writes: Write[] = [];
      const seen = new Set<string>();
      for (const raw of docs) {
        const doc = canonicalDoc(withId(raw));
        const key = docKey(doc);
        if (seen.has(key) || store.current(collection, key)) {
          throw new DbError(ErrorCode.DATABASE_DUPLICATE_WRITE, `duplicate _id ${canonicalText(doc._id)} in ${collection}`);
        }
        seen.add(key);
        writes.push({ collection, key, doc });
      }
      store.commit(writes);
    },

    dump(collection) {
      return store.heads(collection).map((doc) => cloneValue(doc));
    },

    isEmpty() {
      return store.names().every((name) => store.size(name) === 0);
    },

    abortTransaction(id) {
      try {
        txs.abort(txs.use(id));
      } catch {
        // Already committed, aborted or timed out.
      }
    },

    unindexedScans() {
      return scans.snapshot();
    },

    resetUnindexedScans() {
      scans.reset();
    },

    close() {
      if (closed) return;
      closed = true;
      txs.abortAll();
      storage.close();
    },
  };
}

const INDEX_KINDS: ReadonlySet<unknown> = new Set([1, -1, '2dsphere']);

function uniqueIndexesOf(schema: DatabaseSchema): Map<string, UniqueIndexSpec[]> {
  const out = new Map<string, UniqueIndexSpec[]>();
  for (const [name, spec] of Object.entries(schema.collections)) {
    const indexes = spec.indexes ?? [];
    if (indexes.length > MAX_INDEXES_PER_COLLECTION) {
      throw new Error(`collection ${name} declares ${indexes.length} indexes; the limit is ${MAX_INDEXES_PER_COLLECTION}`);
    }
    for (const index of indexes) {
      for (const [field, kind] of Object.entries(index.keys)) {
        if (!INDEX_KINDS.has(kind)) {
          throw new Error(`index ${name}.${index.name}: key ${field} must be 1, -1 or "2dsphere", not ${JSON.stringify(kind)}`);
        }
      }
    }
    out.set(
      name,
      indexes.filter((index) => index.unique).map((index) => ({ name: index.name, fields: Object.keys(index.keys) })),
    );
  }
  return out;
}

/** The first key of each index that is not 2dsphere: the fields queries can be served by (besides _id). */
function lookupFieldsOf(schema: DatabaseSchema): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(schema.collections)) {
    const firsts = (spec.indexes ?? []).map((index) => Object.entries(index.keys)[0]).filter((key) => key !== undefined && key[1] !== '2dsphere');
    out.set(name, [...new Set(firsts.map(([field]) => field))]);
  }
  return out;
}

/** Fields with a 2dsphere key in any of the collection's indexes. */
function geoIndexesOf(schema: DatabaseSchema): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(schema.collections)) {
    const fields = (spec.indexes ?? []).flatMap((index) => Object.keys(index.keys).filter((field) => index.keys[field] === '2dsphere'));
    out.set(name, [...new Set(fields)]);
  }
  return out;
}

export { createSeeds, EMPTY_SEED, type SeedDataset, type SeedDocument, type Seeds } from './seeds';
