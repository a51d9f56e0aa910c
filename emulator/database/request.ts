import { DbError, ErrorCode } from './errors';
import { isDocId, keyOf, parseWireObject, type Doc } from './ejson';
import { compileQuery, filter, matches } from './engine';
import type { RangeType } from './fieldIndex';
import { checkGeoQuery, nearOf, type QueryPlace } from './geoQuery';
import { choosePlan, shapeOf, termsOf, usesGeoIndex, type FieldTerms, type Plan } from './planner';
import { SCAN_REPORT_MIN_DOCUMENTS, type ScanMonitor } from './scans';
import type { Store } from './store';
import { LockWait, lockKey, type Transaction, type Transactions } from './transactions';

/** What every action handler works with. */
export interface Context {
  readonly store: Store;
  readonly txs: Transactions;
  readonly now: () => Date;
  /** Fields with a 2dsphere index, by collection (from the schema): geo queries need one. */
  readonly geoIndexes: ReadonlyMap<string, readonly string[]>;
  /** Where queries that read a whole large collection without an index are reported. */
  readonly scans: ScanMonitor;
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
 * $near/$nearSphere). Only the candidates an index gives are tested when a condition has one (see
 * planner.ts): a query on one _id looks at that document only, the common case of the oversell guard
 * `where({_id, stock: gt(0)})`.
 */
export function matching(ctx: Context, collection: string, criteria: Doc, max: number, place: QueryPlace = 'write'): Doc[] {
  checkGeo(ctx, collection, criteria, place);
  const selection = select(ctx, collection, criteria);
  if (nearOf(criteria)) return filter(criteria, [...selection.docs]).slice(0, max);
  const query = compileQuery(criteria);
  const out: Doc[] = [];
  let readAll = true;
  for (const doc of selection.docs) {
    if (out.length >= max) {
      readAll = false;
      break;
    }
    if (matches(query, doc)) out.push(doc);
  }
  if (readAll && !selection.indexed) reportScan(ctx, collection, () => JSON.stringify(shapeOf(criteria)));
  return out;
}

/** Every committed document a query can match, in natural order: those its best index gives, or all. */
export function candidates(ctx: Context, collection: string, criteria: Doc, describe = () => JSON.stringify(shapeOf(criteria))): Doc[] {
  const selection = select(ctx, collection, criteria);
  if (!selection.indexed) reportScan(ctx, collection, describe);
  return [...selection.docs];
}

/**
 * The first `count` committed documents matching `criteria` in _id order (ascending for 1), walking
 * the _id lookup and stopping there, as MongoDB serves a sort on _id with its index: a page of a
 * keyset pagination (`where({ _id: gt(last) }).orderBy('_id', 'asc').limit(n)`) reads about n
 * documents, not the collection. When an equality on _id or another field's index narrows the query
 * enough, its candidates (all of them) are returned instead; the caller sorts either way.
 */
export function firstInIdOrder(ctx: Context, collection: string, criteria: Doc, direction: 1 | -1, count: number): Doc[] {
  const terms = termsOf(criteria);
  const idTerms = terms.get('_id');
  const ids = ctx.store.lookup(collection, '_id');
  // With matches spread evenly, the walk reads about count × size / estimate documents, the
  // candidates of an index `estimate`: the walk wins past sqrt(count × size).
  const threshold = Math.sqrt(count * ctx.store.size(collection));
  const others = new Map(terms);
  if (idTerms) others.set('_id', { ...idTerms, lower: new Map(), upper: new Map() });
  const plan = choosePlan(others, (field) => ctx.store.lookup(collection, field), threshold);
  if (!ids || (plan && plan.estimate <= threshold)) return candidates(ctx, collection, criteria);
  const boundTypes = new Set<RangeType>([...(idTerms?.lower.keys() ?? []), ...(idTerms?.upper.keys() ?? [])]);
  // An _id is a number or a string, and a range only matches values of its bound's type.
  const types: RangeType[] = boundTypes.size === 0 ? ['number', 'string'] : boundTypes.size === 1 && !boundTypes.has('date') ? [...boundTypes] : [];
  if (direction === -1) types.reverse();
  const query = compileQuery(criteria);
  const out: Doc[] = [];
  for (const type of types) {
    for (const key of ids.keysInOrder(type, idTerms?.lower.get(type), idTerms?.upper.get(type), direction === -1)) {
      const doc = ctx.store.current(collection, key);
      if (doc && matches(query, doc)) out.push(doc);
      if (out.length >= count) return out;
    }
  }
  // Read to the end with nothing narrowing it: a scan, only in another order.
  if (!plan && boundTypes.size === 0 && !usesGeoIndex(terms, ctx.geoIndexes.get(collection) ?? [])) {
    reportScan(ctx, collection, () => JSON.stringify(shapeOf(criteria)));
  }
  return out;
}

/** The documents a query must test (a superset of its matches), in natural order, and whether an index chose them. */
interface Selection {
  docs: Iterable<Doc>;
  /** An index chose the documents, or a 2dsphere index serves the query (in production; here it reads all). */
  indexed: boolean;
}

function select(ctx: Context, collection: string, criteria: Doc): Selection {
  // The common case of reading one document by _id, without planning.
  if (isDocId(criteria._id)) {
    const doc = ctx.store.current(collection, keyOf(criteria._id));
    return { docs: doc ? [doc] : [], indexed: true };
  }
  const terms = termsOf(criteria);
  const plan = planOf(ctx, collection, terms);
  if (!plan) return { docs: ctx.store.scan(collection), indexed: usesGeoIndex(terms, ctx.geoIndexes.get(collection) ?? []) };
  // An index that leaves half the collection or more is read as a scan (cheaper than gathering the keys).
  if (plan.estimate > ctx.store.size(collection) / 2) return { docs: ctx.store.scan(collection), indexed: true };
  return { docs: ctx.store.documents(collection, plan.keys()), indexed: true };
}

function planOf(ctx: Context, collection: string, terms: ReadonlyMap<string, FieldTerms>): Plan | undefined {
  return choosePlan(terms, (field) => ctx.store.lookup(collection, field), ctx.store.size(collection) / 2);
}

/** A query read all of a large collection without an index: counted for GET /__dev/stats, and warned once per shape. */
export function reportScan(ctx: Context, collection: string, describe: () => string): void {
  const size = ctx.store.size(collection);
  if (size > SCAN_REPORT_MIN_DOCUMENTS) ctx.scans.record(collection, size, describe());
}

/** A plain write never touches a document a transaction has locked: it waits (see `handle`). */
export function ensureUnlocked(ctx: Context, collection: string, key: string): void {
  if (ctx.txs.lockedBy(collection, key) !== undefined) throw new LockWait(lockKey(collection, key));
}
