import { Aggregator, ProcessingMode, Query, update } from 'mingo';
import { DbError, ErrorCode } from './errors';
import { canonicalText, cloneValue, isPlainObject, type Doc } from './ejson';

/**
 * Query, update and aggregation semantics all come from mingo (MongoDB's language in memory);
 * this module only adapts the wire shapes to it and turns its exceptions into the error the real
 * service gives when MongoDB rejects a command.
 */

/** Real CloudBase runs no user JavaScript ($where, $function, $accumulator); neither does the emulator. */
const QUERY_OPTIONS = { scriptEnabled: false } as const;

export interface FindOptions {
  order?: Record<string, 1 | -1>;
  offset: number;
  limit: number;
  projection?: Doc;
}

/** How a modifyDocument `data` applies: MongoDB update operators, or a whole replacement (doc.set). */
export type UpdateSpec = { kind: 'operators'; ops: Doc } | { kind: 'replace'; data: Doc };

export function compileQuery(criteria: Doc): Query {
  return guard(() => new Query(criteria, QUERY_OPTIONS));
}

export function find(criteria: Doc, docs: Doc[], options: FindOptions): Doc[] {
  return guard(() => {
    const cursor = new Query(criteria, QUERY_OPTIONS).find(docs, options.projection ?? {});
    // mingo applies these in MongoDB's order (sort, skip, limit, then projection) whatever the call order.
    if (options.order && Object.keys(options.order).length > 0) cursor.sort(options.order);
    if (options.offset > 0) cursor.skip(options.offset);
    return cursor.limit(options.limit).all() as Doc[];
  });
}

export function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return guard(() => new Query({}, QUERY_OPTIONS).find([doc], projection).all()[0] as Doc);
}

export function matches(query: Query, doc: Doc): boolean {
  return guard(() => query.test(doc));
}

/**
 * Operators when every top-level key is one; plain data means `$set` of those fields when merging
 * (doc.update with raw objects) and a whole replacement otherwise (doc.set).
 */
export function parseUpdateSpec(data: Doc, merge: boolean): UpdateSpec {
  const keys = Object.keys(data);
  const operatorCount = keys.filter((key) => key.startsWith('$')).length;
  if (operatorCount > 0 && operatorCount < keys.length) {
    throw new DbError(ErrorCode.INVALID_PARAM, 'data mixes update operators and plain fields');
  }
  if (operatorCount > 0) return { kind: 'operators', ops: data };
  if (merge) return { kind: 'operators', ops: keys.length > 0 ? { $set: data } : {} };
  return { kind: 'replace', data };
}

/** The updated copy of `doc`; the stored version is never mutated (open transactions may read it). */
export function applyUpdate(doc: Doc, spec: UpdateSpec): Doc {
  if (spec.kind === 'replace') {
    if (spec.data._id !== undefined && canonicalText(spec.data._id) !== canonicalText(doc._id)) {
      throw new DbError(ErrorCode.INVALID_PARAM, 'the _id of a document cannot be changed');
    }
    const { _id: _given, ...fields } = cloneValue(spec.data);
    return { _id: doc._id, ...fields };
  }
  const next = cloneValue(doc);
  if (Object.keys(spec.ops).length === 0) return next;
  guard(() => update(next, spec.ops, undefined, undefined, { cloneMode: 'deep', queryOptions: QUERY_OPTIONS }));
  if (canonicalText(next._id) !== canonicalText(doc._id)) {
    throw new DbError(ErrorCode.DATABASE_REQUEST_FAILED, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return next;
}

/** Seed document for an upsert: the query's plain equality fields, as MongoDB does. */
export function upsertSeed(criteria: Doc, id: unknown): Doc {
  const seed: Doc = {};
  for (const [key, value] of Object.entries(criteria)) {
    if (key.startsWith('$') || key.includes('.')) continue;
    if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$'))) continue;
    if (value instanceof RegExp) continue;
    seed[key] = cloneValue(value);
  }
  seed._id = id;
  return seed;
}

/** Stages that write to other collections are not something a query should do here. */
const REFUSED_STAGES = new Set(['$out', '$merge']);

export function aggregate(docs: Doc[], pipeline: Doc[], resolve: (name: string) => Doc[]): Doc[] {
  for (const stage of pipeline) {
    const name = Object.keys(stage)[0];
    if (REFUSED_STAGES.has(name)) {
      throw new DbError(ErrorCode.DATABASE_INVALID_OPERRATOR, `aggregation stage ${name} is not supported`);
    }
  }
  return guard(() =>
    new Aggregator(pipeline, {
      ...QUERY_OPTIONS,
      // Stages work on copies: the inputs are the stored documents themselves.
      processingMode: ProcessingMode.CLONE_INPUT,
      collectionResolver: (name: string) => resolve(name).map((doc) => cloneValue(doc)),
    }).run(docs) as Doc[],
  );
}

function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError(ErrorCode.DATABASE_REQUEST_FAILED, (e as Error).message ?? String(e));
  }
}
