import { DbError, ErrorCode } from './errors';
import { isDocId, isPlainObject, keyOf, newDocId, parseWire, parseWireObject, sameValue, serializeDoc, type Doc } from './ejson';
import { applyUpdate, parseUpdateSpec, upsertSeed, type UpdateSpec } from './engine';
import {
  boolOf,
  criteriaOf,
  ensureUnlocked,
  existingCollection,
  idOf,
  matching,
  requireSingleDocument,
  transactionOf,
  type ActionResult,
  type Body,
  type Context,
} from './request';
import { docKey, type Write } from './store';
import type { Transaction } from './transactions';

/** database.insertDocument → { insertedIds } */
export function insertDocuments(ctx: Context, body: Body): ActionResult {
  const collection = existingCollection(ctx, body);
  const tx = transactionOf(ctx, body);
  if (!Array.isArray(body.data) || body.data.length === 0) {
    throw new DbError(ErrorCode.INVALID_PARAM, 'data must be a non-empty array of EJSON strings');
  }
  const docs = body.data.map((text, i) => withId(parseWire(text, `data[${i}]`, ctx.now)));
  const insertedIds = docs.map((doc) => doc._id);
  if (tx) {
    for (const doc of docs) {
      const key = docKey(doc);
      if (ctx.txs.read(tx, collection, key)) throw duplicateId(collection, doc._id);
      ctx.txs.write(tx, collection, key, doc);
    }
    return { data: { insertedIds } };
  }
  const writes: Write[] = [];
  const seen = new Set<string>();
  for (const doc of docs) {
    const key = docKey(doc);
    ensureUnlocked(ctx, collection, key);
    if (seen.has(key) || ctx.store.current(collection, key)) throw duplicateId(collection, doc._id);
    seen.add(key);
    writes.push({ collection, key, doc });
  }
  ctx.store.commit(writes);
  return { data: { insertedIds } };
}

/** database.modifyDocument → { updated, upsert_id? }; database.modifyAndReturnDoc → { updated, doc } */
export function modifyDocuments(ctx: Context, body: Body, returnDoc: boolean): ActionResult {
  const collection = existingCollection(ctx, body);
  const tx = transactionOf(ctx, body);
  const criteria = criteriaOf(ctx, body);
  const spec = parseUpdateSpec(parseWireObject(body.data, 'data', ctx.now), boolOf(body, 'merge', true));
  // modifyAndReturnDoc is find-one-and-update: one document, never an upsert.
  const multi = returnDoc ? false : boolOf(body, 'multi', body.queryType !== 'DOC');
  const upsert = returnDoc ? false : boolOf(body, 'upsert', false);
  const result = tx
    ? modifyInTransaction(ctx, body, tx, collection, criteria, spec, upsert)
    : modifyCommitted(ctx, collection, criteria, spec, multi, upsert);
  if (!returnDoc) {
    const data: Doc = { updated: result.updated };
    if (result.upsertId !== undefined) data.upsert_id = result.upsertId;
    return { data };
  }
  return { data: { updated: result.updated, doc: result.doc ? serializeDoc(result.doc) : null } };
}

interface ModifyResult {
  updated: number;
  upsertId?: unknown;
  doc?: Doc;
}

function modifyCommitted(ctx: Context, collection: string, criteria: Doc, spec: UpdateSpec, multi: boolean, upsert: boolean): ModifyResult {
  const matched = matching(ctx, collection, criteria, multi ? Infinity : 1);
  for (const doc of matched) ensureUnlocked(ctx, collection, docKey(doc));
  const writes: Write[] = [];
  let updated = 0;
  let last: Doc | undefined;
  for (const doc of matched) {
    last = applyUpdate(doc, spec);
    const isChange = changed(doc, last);
    // Unchanged documents are not rewritten, but a set still counts (see countsAsUpdated).
    if (isChange) writes.push({ collection, key: docKey(doc), doc: last });
    if (countsAsUpdated(spec, isChange)) updated++;
  }
  if (matched.length > 0 || !upsert) {
    ctx.store.commit(writes);
    return { updated, doc: last };
  }
  const id = isDocId(criteria._id) ? criteria._id : newDocId();
  const key = keyOf(id);
  ensureUnlocked(ctx, collection, key);
  // The _id exists but failed the other conditions: MongoDB reports the upsert as a duplicate.
  if (ctx.store.current(collection, key)) throw duplicateId(collection, id);
  const created = applyUpdate(upsertSeed(criteria, id), spec);
  ctx.store.commit([{ collection, key, doc: created }]);
  return { updated: 0, upsertId: id, doc: created };
}

function modifyInTransaction(
  ctx: Context,
  body: Body,
  tx: Transaction,
  collection: string,
  criteria: Doc,
  spec: UpdateSpec,
  upsert: boolean,
): ModifyResult {
  requireSingleDocument(body);
  const id = idOf(criteria);
  const key = keyOf(id);
  const current = ctx.txs.read(tx, collection, key);
  if (!current) {
    if (!upsert) return { updated: 0 };
    const created = applyUpdate({ _id: id }, spec);
    ctx.txs.write(tx, collection, key, created);
    return { updated: 0, upsertId: id, doc: created };
  }
  const next = applyUpdate(current, spec);
  const isChange = changed(current, next);
  ctx.txs.write(tx, collection, key, isChange ? next : undefined);
  return { updated: countsAsUpdated(spec, isChange) ? 1 : 0, doc: next };
}

/** database.removeDocument → { deleted } */
export function removeDocuments(ctx: Context, body: Body): ActionResult {
  const collection = existingCollection(ctx, body);
  const tx = transactionOf(ctx, body);
  const criteria = criteriaOf(ctx, body);
  if (tx) {
    requireSingleDocument(body);
    const key = keyOf(idOf(criteria));
    if (!ctx.txs.read(tx, collection, key)) return { data: { deleted: 0 } };
    ctx.txs.write(tx, collection, key, null);
    return { data: { deleted: 1 } };
  }
  const multi = boolOf(body, 'multi', body.queryType !== 'DOC');
  const matched = matching(ctx, collection, criteria, multi ? Infinity : 1);
  for (const doc of matched) ensureUnlocked(ctx, collection, docKey(doc));
  ctx.store.commit(matched.map((doc) => ({ collection, key: docKey(doc), doc: null })));
  return { data: { deleted: matched.length } };
}

/** A document to insert, with a generated 32-hex _id when it has none. */
export function withId(value: unknown): Doc {
  if (!isPlainObject(value)) throw new DbError(ErrorCode.INVALID_PARAM, 'each document must be an object');
  if (value._id === undefined) return { _id: newDocId(), ...value };
  if (!isDocId(value._id)) throw new DbError(ErrorCode.INVALID_PARAM, '_id must be a string or a number');
  return value;
}

/**
 * Operator updates count only documents they changed (MongoDB's nModified: an update writing the
 * values already stored answers 0). A whole-document replacement (doc.set) counts every document it
 * replaced, changed or not: the real service answers stats.updated 1 for a set of identical content.
 */
function countsAsUpdated(spec: UpdateSpec, isChange: boolean): boolean {
  return isChange || spec.kind === 'replace';
}

/** Whether an update changed the document as stored (its canonical EJSON), without writing both out. */
function changed(before: Doc, after: Doc): boolean {
  return !sameValue(before, after);
}

function duplicateId(collection: string, id: unknown): DbError {
  return new DbError(
    ErrorCode.DATABASE_DUPLICATE_WRITE,
    `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
}
