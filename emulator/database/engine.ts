import { Aggregator } from 'mingo/aggregator';
import { ProcessingMode } from 'mingo/core';
import { Query } from 'mingo/query';
import { update } from 'mingo/updater';
import { DbError, ErrorCode } from './errors';
import { cloneValue, isPlainObject, sameValue, type Doc } from './ejson';
import { checkGeoQuery, geoNearStage, nearOf, sortByDistance } from './geoQuery';
import { MINGO_OPTIONS as QUERY_OPTIONS } from './operators';

/**
 * Query, update and aggregation semantics all come from mingo (MongoDB's language in memory), with
 * the operators operators.ts replaces where mingo differs from MongoDB; this module adapts the wire
 * shapes to it and turns its exceptions into the error the real service gives when MongoDB rejects
 * a command.
 */

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
  const ordered = options.order && Object.keys(options.order).length > 0;
  if (!ordered && nearOf(criteria)) {
    // $near/$nearSphere results come nearest first unless the caller sorts them otherwise.
    const matched = filter(criteria, docs);
    return matched.slice(options.offset, options.offset + options.limit).map((doc) => project(doc, options.projection));
  }
  return guard(() => {
    const cursor = new Query(criteria, QUERY_OPTIONS).find(docs, options.projection ?? {});
    // mingo applies these in MongoDB's order (sort, skip, limit, then projection) whatever the call order.
    if (ordered) cursor.sort(options.order as Record<string, 1 | -1>);
    if (options.offset > 0) cursor.skip(options.offset);
    const found = cursor.limit(options.limit).all() as Doc[];
    // Without a projection these are the stored documents themselves, which hold no undefined.
    return options.projection && Object.keys(options.projection).length > 0 ? found.map(omitMissing) : found;
  });
}

/** The documents matching `criteria`, nearest first when it holds a $near/$nearSphere. */
export function filter(criteria: Doc, docs: Doc[]): Doc[] {
  return guard(() => {
    const query = new Query(criteria, QUERY_OPTIONS);
    const matched = docs.filter((doc) => query.test(doc));
    const nearQuery = nearOf(criteria);
    return nearQuery ? sortByDistance(matched, nearQuery) : matched;
  });
}

export function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return guard(() => omitMissing(new Query({}, QUERY_OPTIONS).find([doc], projection).all()[0] as Doc));
}

/**
 * MongoDB leaves out a field whose value is missing (a $project of an absent field, an $elemMatch
 * projection that found nothing); mingo keeps it as undefined, which EJSON would send as null.
 * Only ever applied to new documents (projections, pipeline output), never to stored ones.
 */
function omitMissing<T>(value: T): T {
  if (Array.isArray(value)) {
    value.forEach(omitMissing);
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) delete value[key];
      else omitMissing(item);
    }
  }
  return value;
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
    if (spec.data._id !== undefined && !sameValue(spec.data._id, doc._id)) {
      throw new DbError(ErrorCode.INVALID_PARAM, 'the _id of a document cannot be changed');
    }
    const { _id: _given, ...fields } = cloneValue(spec.data);
    return { _id: doc._id, ...fields };
  }
  const next = cloneValue(doc);
  if (Object.keys(spec.ops).length === 0) return next;
  guard(() => update(next, spec.ops, undefined, undefined, { cloneMode: 'deep', queryOptions: QUERY_OPTIONS }));
  if (!sameValue(next._id, doc._id)) {
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

/**
 * Stages whose output documents are new ones built from expressions over their input (which they
 * only read), so they may read the stored documents themselves.
 */
const BUILDS_NEW_DOCUMENTS = new Set(['$group', '$count', '$bucket', '$bucketAuto', '$sortByCount']);
/** Stages that never change a document in place, so references to stored values are safe through them. */
const READS_ONLY = new Set([...BUILDS_NEW_DOCUMENTS, '$sort', '$limit', '$skip']);

/** Stages that write to other collections are not something a query should do here. */
const REFUSED_STAGES = new Set(['$out', '$merge']);

/** The aggregated collection's name and its 2dsphere-indexed fields ($geoNear, geo queries in $match). */
export interface GeoScope {
  collection: string;
  geoFields: readonly string[];
}

export function aggregate(docs: Doc[], pipeline: Doc[], resolve: (name: string) => Doc[], scope: GeoScope): Doc[] {
  pipeline.forEach((stage, index) => {
    const name = Object.keys(stage)[0];
    if (REFUSED_STAGES.has(name)) {
      throw new DbError(ErrorCode.DATABASE_INVALID_OPERRATOR, `aggregation stage ${name} is not supported`);
    }
    if (name === '$geoNear' && index > 0) {
      throw new DbError(ErrorCode.DATABASE_REQUEST_FAILED, '$geoNear is only valid as the first stage in a pipeline.');
    }
    if (name === '$match' && isPlainObject(stage.$match)) checkGeoQuery(stage.$match, scope.geoFields, scope.collection, 'match');
  });
  // mingo has no $geoNear: it runs here (its output is already copies) and mingo runs the rest.
  const geoNear = pipeline.length > 0 && '$geoNear' in pipeline[0];
  // A leading $match only reads: it runs on the stored documents, and only what it keeps is copied —
  // or not even that when the next stage builds new documents of its own ($group and its kin), which
  // is what makes a dashboard's aggregation over 100,000s of orders cheap.
  const leadingMatch = !geoNear && pipeline.length > 0 && '$match' in pipeline[0] && isPlainObject(pipeline[0].$match) && !nearOf(pipeline[0].$match as Doc);
  const rest = leadingMatch ? pipeline.slice(1) : [];
  const buildsNew = rest.length > 0 && BUILDS_NEW_DOCUMENTS.has(Object.keys(rest[0])[0]) && rest.every((stage) => READS_ONLY.has(Object.keys(stage)[0]));
  let input: Doc[];
  if (geoNear) input = guard(() => geoNearStage(docs, pipeline[0].$geoNear, scope.geoFields, scope.collection, QUERY_OPTIONS));
  else if (leadingMatch) {
    const kept = filter(pipeline[0].$match as Doc, docs);
    input = buildsNew ? kept : kept.map((doc) => cloneValue(doc));
  } else input = docs.map((doc) => cloneValue(doc));
  const stages = geoNear || leadingMatch ? pipeline.slice(1) : pipeline;
  return guard(() =>
    new Aggregator(stages, {
      ...QUERY_OPTIONS,
      // Stages work on copies (made above): the inputs are the stored documents themselves.
      processingMode: ProcessingMode.CLONE_OFF,
      collectionResolver: (name: string) => resolve(name).map((doc) => cloneValue(doc)),
    }).run(input).map(omitMissing) as Doc[],
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
