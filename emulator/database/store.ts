import { EJSON } from 'bson';
import { DbError, ErrorCode } from './errors';
import {
  canonicalText,
  describeKey,
  isDocId,
  keyOf,
  parseStoredDoc,
  serializeDoc,
  valueAtPath,
  type Doc,
} from './ejson';
import { FieldIndex } from './fieldIndex';
import { MAX_DOCUMENT_BYTES } from './limits';
import type { RowWrite, Storage } from './storage';

/**
 * One committed version of a document. `older` links to the version it replaced, kept only while
 * a transaction that started before this version might still read it (MVCC instead of copying
 * the database per transaction). `doc: null` is a deletion that such a transaction must not see.
 */
export interface Version {
  readonly doc: Doc | null;
  readonly seq: number;
  /** The document's place in natural order: kept by its later versions, new when the key is new to the map. */
  readonly pos: number;
  older?: Version;
}

/** A document change; `doc: null` deletes. */
export interface Write {
  readonly collection: string;
  readonly key: string;
  readonly doc: Doc | null;
}

export interface UniqueIndexSpec {
  readonly name: string;
  readonly fields: readonly string[];
}

interface UniqueIndex extends UniqueIndexSpec {
  /** canonical key tuple -> document key */
  readonly owners: Map<string, string>;
}

interface CollectionState {
  readonly docs: Map<string, Version>;
  readonly indexes: UniqueIndex[];
  /** Lookups by field (declared indexes' first keys and _id), over the head versions. */
  readonly lookups: Map<string, FieldIndex>;
  /** Head versions that hold a document (deletion markers kept for transactions do not count). */
  size: number;
  /** The last `pos` given. */
  lastPos: number;
}

/**
 * The committed state of every collection, in memory for querying and in SQLite for durability.
 * Every method is synchronous: a request's read-check-write happens in one turn of the event loop,
 * which is what makes guarded updates like `where({stock: gt(0)}).update(inc(-1))` atomic.
 */
export class Store {
  /** Number of the last commit; a transaction reads the versions with seq <= its snapshot. */
  seq = 0;
  /** Snapshot of the oldest open transaction; set by the transaction manager. */
  oldestSnapshot: () => number | undefined = () => undefined;
  private readonly collections = new Map<string, CollectionState>();
  /** Chains (collection, key) that still hold older versions or a deletion marker. */
  private readonly historied = new Map<string, { collection: string; key: string }>();

  /**
   * `lookupFields`: by collection, the fields to keep a lookup on (the first key of each declared
   * index other than 2dsphere); every collection also gets one on _id.
   */
  constructor(
    private readonly storage: Storage,
    private readonly uniqueIndexes: ReadonlyMap<string, readonly UniqueIndexSpec[]>,
    private readonly lookupFields: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {
    for (const name of storage.collections()) this.addState(name);
    for (const row of storage.documents()) {
      const state = this.collections.get(row.collection) ?? this.addState(row.collection);
      const doc = parseStoredDoc(row.body);
      state.docs.set(row.id, { doc, seq: 0, pos: ++state.lastPos });
      state.size += 1;
      for (const lookup of state.lookups.values()) lookup.add(row.id, doc);
      for (const index of state.indexes) {
        const tuple = indexTuple(index, doc);
        const owner = index.owners.get(tuple);
        if (owner !== undefined) {
          throw new Error(
            `stored data violates unique index ${row.collection}.${index.name}: ` +
              `documents ${describeKey(owner)} and ${describeKey(row.id)} share ${tuple}`,
          );
        }
        index.owners.set(tuple, row.id);
      }
    }
  }

  has(name: string): boolean {
    return this.collections.has(name);
  }

  names(): string[] {
    return [...this.collections.keys()];
  }

  create(name: string): void {
    this.storage.addCollection(name);
    this.addState(name);
  }

  /** Throws the real service's "collection missing" error (-502005 in the SDK). */
  require(name: string): void {
    if (!this.collections.has(name)) {
      throw new DbError(ErrorCode.DATABASE_COLLECTION_NOT_EXIST, `collection ${name} does not exist`);
    }
  }

  /** Latest committed documents, in natural (insertion) order. Callers must not mutate them. */
  heads(name: string): Doc[] {
    return [...this.scan(name)];
  }

  /** The latest committed documents one by one, in natural order; no write may happen meanwhile. */
  *scan(name: string): Generator<Doc> {
    for (const version of this.collections.get(name)?.docs.values() ?? []) {
      if (version.doc) yield version.doc;
    }
  }

  /** How many documents the collection holds. */
  size(name: string): number {
    return this.collections.get(name)?.size ?? 0;
  }

  /** The lookup on `field` (a declared index's first key, or _id), if the collection keeps one. */
  lookup(name: string, field: string): FieldIndex | undefined {
    return this.collections.get(name)?.lookups.get(field);
  }

  /** The latest committed documents with these keys, in natural order. */
  documents(name: string, keys: ReadonlySet<string>): Doc[] {
    const state = this.collections.get(name);
    if (!state || keys.size === 0) return [];
    const out: Doc[] = [];
    if (keys.size * 8 > state.size) {
      // Most of the collection: one pass in natural order beats sorting the candidates.
      for (const [key, version] of state.docs) if (version.doc && keys.has(key)) out.push(version.doc);
      return out;
    }
    const versions: Version[] = [];
    for (const key of keys) {
      const version = state.docs.get(key);
      if (version?.doc) versions.push(version);
    }
    versions.sort((a, b) => a.pos - b.pos);
    for (const version of versions) out.push(version.doc!);
    return out;
  }

  head(name: string, key: string): Version | undefined {
    return this.collections.get(name)?.docs.get(key);
  }

  current(name: string, key: string): Doc | null {
    return this.head(name, key)?.doc ?? null;
  }

  /** The document as a transaction with snapshot `seq` sees it. */
  readAt(name: string, key: string, seq: number): Doc | null {
    let version = this.head(name, key);
    while (version && version.seq > seq) version = version.older;
    return version?.doc ?? null;
  }

  /**
   * Reject writes that would give two documents the same unique key. Documents written in the
   * same batch are checked against their new values, so swapping two keys in one commit is fine.
   */
  checkUnique(writes: readonly Write[]): void {
    const byCollection = new Map<string, Write[]>();
    for (const write of writes) {
      const list = byCollection.get(write.collection) ?? [];
      list.push(write);
      byCollection.set(write.collection, list);
    }
    for (const [name, list] of byCollection) {
      const state = this.collections.get(name);
      if (!state || state.indexes.length === 0) continue;
      const changing = new Set(list.map((write) => write.key));
      for (const index of state.indexes) {
        const claimed = new Map<string, string>();
        for (const write of list) {
          if (!write.doc) continue;
          const tuple = indexTuple(index, write.doc);
          const owner = claimed.get(tuple) ?? index.owners.get(tuple);
          if (owner !== undefined && owner !== write.key && (claimed.has(tuple) || !changing.has(owner))) {
            throw new DbError(
              ErrorCode.DATABASE_DUPLICATE_WRITE,
              `E11000 duplicate key error collection: ${name} index: ${index.name} dup key: ${describeTuple(index, write.doc)}`,
            );
          }
          claimed.set(tuple, write.key);
        }
      }
    }
  }

  /** Check, persist in one SQLite transaction, then publish in memory under a new seq. */
  commit(writes: readonly Write[]): void {
    if (writes.length === 0) return;
    this.checkUnique(writes);
    const rows: RowWrite[] = writes.map((write) => {
      const body = write.doc ? serializeDoc(write.doc) : null;
      if (body !== null && Buffer.byteLength(body) > MAX_DOCUMENT_BYTES) {
        throw new DbError(ErrorCode.DATABASE_REQUEST_FAILED, `document ${describeKey(write.key)} exceeds 16 MB`);
      }
      return { collection: write.collection, id: write.key, body };
    });
    this.storage.write(rows);
    const seq = ++this.seq;
    const keepHistory = this.oldestSnapshot() !== undefined;
    // Remove the old index entries first so a batch may hand a key from one document to another.
    for (const write of writes) {
      const state = this.collections.get(write.collection)!;
      const previous = state.docs.get(write.key)?.doc;
      if (!previous) continue;
      for (const index of state.indexes) {
        const tuple = indexTuple(index, previous);
        if (index.owners.get(tuple) === write.key) index.owners.delete(tuple);
      }
    }
    for (const write of writes) {
      const state = this.collections.get(write.collection)!;
      const previous = state.docs.get(write.key);
      if (write.doc) {
        for (const index of state.indexes) index.owners.set(indexTuple(index, write.doc), write.key);
      }
      for (const lookup of state.lookups.values()) {
        if (previous?.doc) lookup.remove(write.key, previous.doc);
        if (write.doc) lookup.add(write.key, write.doc);
      }
      state.size += (write.doc ? 1 : 0) - (previous?.doc ? 1 : 0);
      if (!keepHistory && !write.doc) {
        state.docs.delete(write.key);
        continue;
      }
      const pos = previous?.pos ?? ++state.lastPos;
      state.docs.set(write.key, { doc: write.doc, seq, pos, older: keepHistory ? previous : undefined });
      if (keepHistory) this.historied.set(`${write.collection}\u0000${write.key}`, write);
    }
  }

  /** Drop versions no open transaction can read any more; called when a transaction ends. */
  prune(): void {
    const oldest = this.oldestSnapshot();
    for (const [chainKey, { collection, key }] of this.historied) {
      const docs = this.collections.get(collection)?.docs;
      const head = docs?.get(key);
      if (!docs || !head) {
        this.historied.delete(chainKey);
        continue;
      }
      if (oldest === undefined) {
        head.older = undefined;
        if (!head.doc) docs.delete(key);
        this.historied.delete(chainKey);
        continue;
      }
      let visible: Version = head;
      while (visible.seq > oldest && visible.older) visible = visible.older;
      visible.older = undefined;
      if (!head.older && head.doc) this.historied.delete(chainKey);
    }
  }

  /** Empty everything; collections not listed in `keep` are dropped. */
  reset(keep: readonly string[]): void {
    this.storage.clear([...keep]);
    this.collections.clear();
    this.historied.clear();
    for (const name of keep) this.addState(name);
  }

  private addState(name: string): CollectionState {
    const existing = this.collections.get(name);
    if (existing) return existing;
    const indexes = (this.uniqueIndexes.get(name) ?? []).map((spec) => ({ ...spec, owners: new Map<string, string>() }));
    const fields = new Set(['_id', ...(this.lookupFields.get(name) ?? [])]);
    const lookups = new Map([...fields].map((field) => [field, new FieldIndex(field)]));
    const state: CollectionState = { docs: new Map(), indexes, lookups, size: 0, lastPos: 0 };
    this.collections.set(name, state);
    return state;
  }
}

/** Index key of a document; a missing field counts as null, so only one document may lack it. */
function indexTuple(index: UniqueIndexSpec, doc: Doc): string {
  return canonicalText(index.fields.map((field) => valueAtPath(doc, field)));
}

/** `{ openid: "o1" }`, for error messages (a missing field shows as null). */
function describeTuple(index: UniqueIndexSpec, doc: Doc): string {
  const parts = index.fields.map((field) => `${field}: ${EJSON.stringify(valueAtPath(doc, field))}`);
  return `{ ${parts.join(', ')} }`;
}

/** The map key of a stored document (its `_id` must already be validated). */
export function docKey(doc: Doc): string {
  const id = doc._id;
  if (!isDocId(id)) throw new DbError(ErrorCode.INVALID_PARAM, '_id must be a string or a number');
  return keyOf(id);
}
