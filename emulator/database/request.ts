import { DbError, ErrorCode } from './errors';
import { isDocId, keyOf, parseWireObject, type Doc } from './ejson';
import { compileQuery, filter, matches } from './engine';
import { checkGeoQuery, nearOf, type QueryPlace } from './geoQuery';
import type { Store } from './store';
import { LockWait, lockKey, type Transaction, type Transactions } from './transactions';

/** What every action handler works with. */
export interface Context {
  readonly store: Store;
  readonly txs: Transactions;
  readonly now: () => Date;
  /** Fields with a 2dsphere index, by collection (from the schema): geo queries need one. */
  readonly geoIndexes: ReadonlyMap<string, readonly string[]>;
}

/** The action-specific part of a response; `handle` adds the requestId. */
export interface ActionResult {
  data?: unknown;
  transactionId?: string;
}

export type Body = Record<string, unknown>;

export function collectionOf(body: Body): string {
  const name = body.collectionName;
  if (typeof name !== 'string' || name.length === 0) {
    throw new DbError(ErrorCode.INVALID_PARAM, 'collectionName must be a non-empty string');
  }
  return name;
}

/** The existing collection a request targets. */
export function existingCollection(ctx: Context, body: Body): string {
  const name = collectionOf(body);
  ctx.store.require(name);
  return name;
}

export function criteriaOf(ctx: Context, body: Body): Doc {
  return body.query === undefined || body.query === null ? {} : parseWireObject(body.query, 'query', ctx.now);
}

export function transactionOf(ctx: Context, body: Body): Transaction | undefined {
  const id = body.transactionId;
  return id === undefined || id === null || id === '' ? undefined : ctx.txs.use(id);
}

/**
 * Inside a transaction only single-document operations by _id are allowed (documented); the SDK
 * marks them queryType DOC. where() reads or batch writes are refused rather than run unisolated.
 */
export function requireSingleDocument(body: Body): void {
  if (body.queryType !== 'DOC' || body.multi === true) {
    throw new DbError(
      ErrorCode.DATABASE_INVALID_OPERRATOR,
      'only single-document operations (doc().get/update/set/remove and add) are allowed in a transaction',
    );
  }
}

/** The _id a DOC query names. */
export function idOf(criteria: Doc): string | number {
  const id = criteria._id;
  if (!isDocId(id)) throw new DbError(ErrorCode.INVALID_PARAM, 'a document query needs an _id that is a string or a number');
  return id;
}

export function intOf(body: Body, field: string, fallback: number): number {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new DbError(ErrorCode.INVALID_PARAM, `${field} must be a non-negative integer`);
  }
  return value;
}

export function boolOf(body: Body, field: string, fallback: boolean): boolean {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new DbError(ErrorCode.INVALID_PARAM, `${field} must be a boolean`);
  return value;
}

/** Refuses a geo query the real service would refuse (no 2dsphere index, $near where not allowed). */
export function checkGeo(ctx: Context, collection: string, criteria: Doc, place: QueryPlace): void {
  checkGeoQuery(criteria, ctx.geoIndexes.get(collection) ?? [], collection, place);
}

/**
 * Committed documents matching `criteria`, at most `max`, in natural order (nearest first for a
 * $near/$nearSphere). A query on one _id looks at that document only: the common case of the
 * oversell guard `where({_id, stock: gt(0)})`.
 */
export function matching(ctx: Context, collection: string, criteria: Doc, max: number, place: QueryPlace = 'write'): Doc[] {
  checkGeo(ctx, collection, criteria, place);
  if (nearOf(criteria)) return filter(criteria, candidates(ctx, collection, criteria)).slice(0, max);
  const query = compileQuery(criteria);
  const out: Doc[] = [];
  for (const doc of candidates(ctx, collection, criteria)) {
    if (out.length >= max) break;
    if (matches(query, doc)) out.push(doc);
  }
  return out;
}

/** The committed documents a query can match: just one when it names a literal _id. */
export function candidates(ctx: Context, collection: string, criteria: Doc): Doc[] {
  if (!isDocId(criteria._id)) return ctx.store.heads(collection);
  const doc = ctx.store.current(collection, keyOf(criteria._id));
  return doc ? [doc] : [];
}

/** A plain write never touches a document a transaction has locked: it waits (see `handle`). */
export function ensureUnlocked(ctx: Context, collection: string, key: string): void {
  if (ctx.txs.lockedBy(collection, key) !== undefined) throw new LockWait(lockKey(collection, key));
}
