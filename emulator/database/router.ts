import { DbError, ErrorCode } from './errors';
import { cloneValue, isPlainObject, keyOf, parseWire, parseWireObject, serializeDoc, type Doc } from './ejson';
import { aggregate, find, project } from './engine';
import { nearOf } from './geoQuery';
import { AGGREGATE_DEFAULT_LIMIT, DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT } from './limits';
import { shapeOf } from './planner';
import {
  candidates,
  checkGeo,
  collectionOf,
  criteriaOf,
  existingCollection,
  firstInIdOrder,
  idOf,
  intOf,
  matching,
  reportScan,
  requireSingleDocument,
  transactionOf,
  type ActionResult,
  type Body,
  type Context,
} from './request';
import { insertDocuments, modifyDocuments, removeDocuments } from './writes';

/**
 * The wire protocol of wx-server-sdk's `database.*` actions. Synchronous by design: a request
 * either completes here in one turn of the event loop, or throws LockWait before changing anything.
 */
export function dispatch(ctx: Context, action: string, body: Body): ActionResult {
  switch (action) {
    case 'database.getDocument':
      return getDocuments(ctx, body);
    case 'database.calculateDocument':
      return countDocuments(ctx, body);
    case 'database.insertDocument':
      return insertDocuments(ctx, body);
    case 'database.modifyDocument':
      return modifyDocuments(ctx, body, false);
    case 'database.modifyAndReturnDoc':
      return modifyDocuments(ctx, body, true);
    case 'database.removeDocument':
      return removeDocuments(ctx, body);
    case 'database.aggregateDocuments':
      return aggregateDocuments(ctx, body);
    case 'database.addCollection':
      return addCollection(ctx, body);
    case 'database.startTransaction':
      // The SDK reads the id from the top level of the response, not from data.
      return { transactionId: ctx.txs.start().id };
    case 'database.commitTransaction':
      ctx.txs.commit(ctx.txs.use(body.transactionId));
      return { data: {} };
    case 'database.abortTransaction':
      ctx.txs.abort(ctx.txs.use(body.transactionId));
      return { data: {} };
    default:
      throw new DbError(ErrorCode.INVALID_PARAM, `unsupported action ${action}`);
  }
}

/** database.getDocument → { list: [EJSON] } */
function getDocuments(ctx: Context, body: Body): ActionResult {
  const collection = existingCollection(ctx, body);
  const tx = transactionOf(ctx, body);
  const criteria = criteriaOf(ctx, body);
  const projection = body.projection ? parseWireObject(body.projection, 'projection', ctx.now) : undefined;
  if (tx) {
    requireSingleDocument(body);
    const doc = ctx.txs.read(tx, collection, keyOf(idOf(criteria)));
    return { data: { list: doc ? [serializeDoc(project(doc, projection))] : [] } };
  }
  checkGeo(ctx, collection, criteria, 'find');
  // A limit of 0 means "none given", as in the SDK; above the maximum it is clamped, not refused.
  const limit = Math.min(intOf(body, 'limit', DEFAULT_QUERY_LIMIT) || DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT);
  const order = body.order ? orderOf(parseWireObject(body.order, 'order', ctx.now)) : undefined;
  const offset = intOf(body, 'offset', 0);
  const keys = Object.keys(order ?? {});
  const near = nearOf(criteria) !== undefined;
  // Only the documents that can reach the page are handed to find(), which sorts, skips and limits
  // them as before: the first offset + limit matches in natural order (or in _id order), else every
  // candidate. The page is the same as from the whole collection.
  let docs: Doc[];
  if (keys.length === 0 && !near) docs = matching(ctx, collection, criteria, offset + limit, 'find');
  else if (keys.length === 1 && keys[0] === '_id' && !near) docs = firstInIdOrder(ctx, collection, criteria, order!._id, offset + limit);
  else docs = candidates(ctx, collection, criteria);
  const list = find(criteria, docs, { order, offset, limit, projection });
  return { data: { list: list.map(serializeDoc) } };
}

/** database.calculateDocument → { total } */
function countDocuments(ctx: Context, body: Body): ActionResult {
  const collection = existingCollection(ctx, body);
  const tx = transactionOf(ctx, body);
  const criteria = criteriaOf(ctx, body);
  if (tx) {
    requireSingleDocument(body);
    return { data: { total: ctx.txs.read(tx, collection, keyOf(idOf(criteria))) ? 1 : 0 } };
  }
  // Counting a whole collection reads no document (MongoDB answers it from the collection's metadata).
  if (Object.keys(criteria).length === 0) return { data: { total: ctx.store.size(collection) } };
  return { data: { total: matching(ctx, collection, criteria, Infinity, 'count').length } };
}

/** database.aggregateDocuments → { list: [EJSON] } */
function aggregateDocuments(ctx: Context, body: Body): ActionResult {
  const collection = existingCollection(ctx, body);
  if (!Array.isArray(body.stages)) throw new DbError(ErrorCode.INVALID_PARAM, 'stages must be an array');
  const pipeline: Doc[] = body.stages.map((stage: unknown, i) => {
    if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || !stage.stageKey.startsWith('$')) {
      throw new DbError(ErrorCode.INVALID_PARAM, `stages[${i}] must be { stageKey: "$name", stageValue: EJSON }`);
    }
    return { [stage.stageKey]: parseWire(stage.stageValue, `stages[${i}].stageValue`, ctx.now) };
  });
  if (!pipeline.some((stage) => '$limit' in stage)) pipeline.push({ $limit: AGGREGATE_DEFAULT_LIMIT });
  const geoFields = ctx.geoIndexes.get(collection) ?? [];
  // A leading $match picks the input by index like a query (the pipeline still runs it on each document).
  const first = pipeline[0];
  const stages = () => pipeline.map((stage) => Object.keys(stage)[0]).join(', ');
  let input: Doc[];
  if (isPlainObject(first.$match)) {
    const match = first.$match;
    input = candidates(ctx, collection, match, () => `aggregate [${stages()}], $match ${JSON.stringify(shapeOf(match))}`);
  } else {
    input = ctx.store.heads(collection);
    if (!('$geoNear' in first)) reportScan(ctx, collection, () => `aggregate [${stages()}]`);
  }
  const list = aggregate(input, pipeline.map((stage) => lookupByIndex(ctx, stage)), (name) => ctx.store.heads(name), { collection, geoFields });
  return { data: { list: list.map(serializeDoc) } };
}

/**
 * A $lookup whose sub-pipeline opens with a $match of constants (`lookup({ from, pipeline: [{ $match:
 * { _id } }] })`, one request reading a template with the member's claims) is served by the joined
 * collection's indexes, as MongoDB serves it: the candidates stand in for the collection (the $match
 * still runs on them). Any other join reads the whole collection, and a large one is reported.
 */
function lookupByIndex(ctx: Context, stage: Doc): Doc {
  const lookup = stage.$lookup;
  if (!isPlainObject(lookup) || typeof lookup.from !== 'string' || !ctx.store.has(lookup.from)) return stage;
  const from = lookup.from;
  const first = Array.isArray(lookup.pipeline) ? (lookup.pipeline[0] as Doc | undefined) : undefined;
  const match = first && isPlainObject(first.$match) && !('$expr' in first.$match) ? first.$match : null;
  if (!match || lookup.localField !== undefined) {
    reportScan(ctx, from, () => `aggregate $lookup from ${from}`);
    return stage;
  }
  const docs = candidates(ctx, from, match, () => `aggregate $lookup from ${from}, $match ${JSON.stringify(shapeOf(match))}`);
  // Copies, as the collection resolver gives: later stages may reshape what the join embedded.
  return { $lookup: { ...lookup, from: docs.map((doc) => cloneValue(doc)) } };
}

/** database.addCollection → {} */
function addCollection(ctx: Context, body: Body): ActionResult {
  const name = collectionOf(body);
  if (ctx.store.has(name)) {
    throw new DbError(ErrorCode.DATABASE_COLLECTION_ALREADY_EXIST, `collection ${name} already exists`);
  }
  ctx.store.create(name);
  return { data: {} };
}

/** orderBy arrives as { field: 1 | -1 } in sort priority order. */
function orderOf(order: Doc): Record<string, 1 | -1> {
  for (const [field, direction] of Object.entries(order)) {
    if (direction !== 1 && direction !== -1) {
      throw new DbError(ErrorCode.INVALID_PARAM, `order of ${field} must be 1 or -1`);
    }
  }
  return order as Record<string, 1 | -1>;
}
