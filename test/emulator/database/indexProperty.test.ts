import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import fc from 'fast-check';
import { openDatabase, type DatabaseSchema, type LocalDatabase } from '@emulator/database';
import { parseWireObject, serializeDoc, type Doc } from '@emulator/database/ejson';
import { aggregate, find } from '@emulator/database/engine';
import { FieldIndex, type Bound, type RangeType } from '@emulator/database/fieldIndex';

/**
 * Property: whatever the documents and the queries, a collection with indexes answers exactly what a
 * scan of its documents answers (mingo over every document, the emulator's semantics before indexes),
 * through any sequence of inserts, updates, removals and transactions that commit or abort; and its
 * documents stay those of a twin collection without indexes receiving the same writes.
 */

const DATES = [new Date('2025-01-01T00:00:00Z'), new Date('2025-01-02T00:00:00Z'), new Date('2025-06-01T12:00:00Z'), new Date('2026-01-01T00:00:00Z')];
const schema = {
  collections: {
    p: { indexes: [{ name: 'f', keys: { f: 1 } }, { name: 'gh', keys: { 'g.h': -1, f: 1 } }] },
    t: {},
  },
} as unknown as DatabaseSchema;
const ejson = (value: unknown) => EJSON.stringify(value, { relaxed: false });

/** Values mingo compares in odd ways too: -0, NaN, ±Infinity, '' and case, Dates, booleans, null. */
const int = fc.integer({ min: -3, max: 3 });
const str = fc.constantFrom('', 'a', 'b', 'ab', 'B', 'é', '1', 'r1', 'r3');
const date = fc.constantFrom(...DATES);
const scalar = fc.oneof(
  { weight: 3, arbitrary: int },
  { weight: 2, arbitrary: fc.constantFrom(0.5, -0, NaN, Infinity, -Infinity, NaN) },
  { weight: 3, arbitrary: str },
  { weight: 2, arbitrary: date },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.boolean() },
);
const value = fc.oneof(
  { weight: 5, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })), { maxLength: 3 }) },
  // Numbers on both sides of a range: [-3, 3] matches { $gt: 0, $lt: 1 }, one element per bound.
  { weight: 2, arbitrary: fc.array(int, { minLength: 2, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.record({ x: scalar }) },
);
const sub = fc.record({ h: value }, { requiredKeys: [] });
const g = fc.oneof(scalar, sub, fc.array(fc.oneof(sub, scalar), { maxLength: 3 }));
const body = fc.record({ f: fc.option(value, { freq: 6, nil: undefined }), g, n: scalar }, { requiredKeys: ['f'] }).map(({ f, ...rest }) => (f === undefined ? rest : { f, ...rest }));
const docs = fc.array(body, { maxLength: 20 }).map((list) => list.map((doc, i) => ({ _id: i % 4 === 0 ? i : `r${i}`, ...doc })));
/** Never a candidate of an equality or a range (objects are not indexed values), so plans stay selective. */
const FILLERS = Array.from({ length: 30 }, (_, i) => ({ _id: `z${i}`, f: { filler: i }, g: { h: { filler: i } }, n: { filler: i } }));

const bound = fc.oneof(int, fc.constantFrom(0.5, -0, Infinity, -Infinity), fc.constantFrom('', 'a', 'ab', 'b', 'r1', 'r2'), date);
/** Two bounds of one type, where array values can meet each with a different element. */
const bounds = fc.oneof(fc.tuple(int, int), fc.tuple(str, str), fc.tuple(date, date));
const condition = fc.oneof(
  scalar,
  scalar.map(($eq) => ({ $eq })),
  fc.array(scalar, { maxLength: 4 }).map(($in) => ({ $in })),
  fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), bound).map(([op, v]) => ({ [op]: v })),
  fc.tuple(fc.constantFrom('$gt', '$gte'), fc.constantFrom('$lt', '$lte'), bounds).map(([a, b, [x, y]]) => ({ [a]: x, [b]: y })),
  fc.tuple(fc.constantFrom('$gt', '$gte'), bound, fc.constantFrom('$lt', '$lte'), bound).map(([a, x, b, y]) => ({ [a]: x, [b]: y })),
  scalar.map(($ne) => ({ $ne })),
  fc.constant({ $exists: true }),
);
const clause = fc.tuple(fc.constantFrom('f', 'f', 'g.h', '_id', 'n'), condition).map(([field, c]) => ({ [field]: c }));
const criteria = fc.oneof(
  fc.array(clause, { minLength: 1, maxLength: 3 }).map((clauses) => Object.assign({}, ...clauses) as Doc),
  fc.array(clause, { minLength: 1, maxLength: 3 }).map(($and) => ({ $and })),
  fc.tuple(clause, fc.array(clause, { minLength: 1, maxLength: 2 })).map(([c, $or]) => ({ ...c, $or })),
);
const order = fc.constantFrom<Array<Record<string, 1 | -1> | undefined>>(undefined, { _id: 1 }, { _id: -1 }, { n: 1 }, { f: -1, _id: 1 });

type Op =
  | { kind: 'find'; criteria: Doc; order?: Record<string, 1 | -1>; offset: number; limit: number }
  | { kind: 'count'; criteria: Doc }
  | { kind: 'aggregate'; criteria: Doc }
  | { kind: 'update'; criteria: Doc; set: Doc; multi: boolean }
  | { kind: 'remove'; criteria: Doc }
  | { kind: 'insert'; doc: Doc }
  | { kind: 'transaction'; pick: number; set: Doc; commit: boolean };
const setData = fc.oneof(value.map((f) => ({ f })), g.map((gValue) => ({ g: gValue })), fc.record({ f: value, n: scalar }));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('find' as const), criteria, order, offset: fc.nat(3), limit: fc.integer({ min: 1, max: 8 }) }, { requiredKeys: ['kind', 'criteria', 'offset', 'limit'] }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('count' as const), criteria }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('aggregate' as const), criteria }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), criteria, set: setData, multi: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), criteria }) },
  { weight: 1, arbitrary: body.map((doc) => ({ kind: 'insert' as const, doc })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transaction' as const), pick: fc.nat(), set: setData, commit: fc.boolean() }) },
);

describe('indexed queries answer what a scan answers (fast-check)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-db-index-property-'));
  let db: LocalDatabase;
  const now = () => new Date('2025-06-01T00:00:00Z');

  beforeAll(() => {
    db = openDatabase({ dataDir, now, schema, warn: () => undefined });
  });
  afterAll(() => {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(action: string, request: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await db.handle(action, request);
    if (res.code) throw new Error(`${action} ${JSON.stringify(request)}: ${res.code} ${res.message}`);
    return res as unknown as Record<string, unknown>;
  }
  const data = (res: Record<string, unknown>) => res.data as Record<string, unknown>;
  /** The criteria as the emulator receives them from the SDK (EJSON, numbers unwrapped). */
  const wire = (query: Doc) => parseWireObject(ejson(query), 'query', now);

  async function check(operation: Op): Promise<void> {
    const scan = () => db.dump('p');
    switch (operation.kind) {
      case 'find': {
        const { order: sort, offset, limit } = operation;
        const res = await call('database.getDocument', { collectionName: 'p', queryType: 'WHERE', query: ejson(operation.criteria), order: sort ? ejson(sort) : undefined, offset, limit });
        const expected = find(wire(operation.criteria), scan(), { order: sort, offset, limit }).map(serializeDoc);
        assert.deepEqual(data(res).list, expected, `find ${ejson(operation.criteria)} order ${JSON.stringify(sort)} skip ${offset} limit ${limit}`);
        return;
      }
      case 'count': {
        const res = await call('database.calculateDocument', { collectionName: 'p', queryType: 'WHERE', query: ejson(operation.criteria) });
        assert.equal(data(res).total, find(wire(operation.criteria), scan(), { offset: 0, limit: Infinity }).length, `count ${ejson(operation.criteria)}`);
        return;
      }
      case 'aggregate': {
        const stages = [{ $match: operation.criteria }, { $sort: { _id: 1 } }, { $limit: 50 }];
        const res = await call('database.aggregateDocuments', { collectionName: 'p', stages: stages.map((stage) => ({ stageKey: Object.keys(stage)[0], stageValue: ejson(Object.values(stage)[0]) })) });
        const pipeline = [{ $match: wire(operation.criteria) }, { $sort: { _id: 1 } }, { $limit: 50 }];
        const expected = aggregate(scan(), pipeline, (name) => db.dump(name), { collection: 'p', geoFields: [] }).map(serializeDoc);
        assert.deepEqual(data(res).list, expected, `aggregate ${ejson(operation.criteria)}`);
        return;
      }
      case 'update':
      case 'remove':
      case 'insert': {
        // The same write on the indexed collection and its twin: they must choose the same documents.
        const answers = [];
        for (const collectionName of ['p', 't']) {
          if (operation.kind === 'insert') {
            answers.push(data(await call('database.insertDocument', { collectionName, data: [ejson({ _id: `i${inserted}`, ...operation.doc })] })));
          } else if (operation.kind === 'update') {
            const request = { collectionName, queryType: 'WHERE', multi: operation.multi, merge: true, query: ejson(operation.criteria), data: ejson({ $set: operation.set }) };
            answers.push(data(await call('database.modifyDocument', request)));
          } else {
            answers.push(data(await call('database.removeDocument', { collectionName, queryType: 'WHERE', multi: true, query: ejson(operation.criteria) })));
          }
        }
        if (operation.kind === 'insert') inserted += 1;
        assert.deepEqual(answers[0], answers[1]);
        return;
      }
      case 'transaction': {
        const heads = db.dump('p');
        if (heads.length < 2) return;
        const target = heads[operation.pick % heads.length]._id;
        const other = heads[(operation.pick + 1) % heads.length]._id;
        for (const collectionName of ['p', 't']) {
          const { transactionId } = await call('database.startTransaction', {});
          await call('database.modifyDocument', { collectionName, queryType: 'DOC', multi: false, merge: true, transactionId, query: ejson({ _id: target }), data: ejson({ $set: operation.set }) });
          // A plain write while the transaction is open: the store keeps older versions for its snapshot.
          await call('database.modifyDocument', { collectionName, queryType: 'DOC', multi: false, merge: true, query: ejson({ _id: other }), data: ejson({ $set: { n: 'during' } }) });
          if (collectionName === 'p') await check({ kind: 'find', criteria: { n: 'during' }, offset: 0, limit: 8 });
          await call(operation.commit ? 'database.commitTransaction' : 'database.abortTransaction', { transactionId });
        }
        return;
      }
    }
  }
  let inserted = 0;

  test('random documents, queries and writes', async () => {
    await fc.assert(
      fc.asyncProperty(docs, fc.array(op, { minLength: 1, maxLength: 12 }), async (initial, operations) => {
        db.reset();
        db.insertMany('p', [...initial, ...FILLERS]);
        db.insertMany('t', [...initial, ...FILLERS]);
        for (const operation of operations) {
          await check(operation);
          assert.deepEqual(db.dump('p').map(serializeDoc), db.dump('t').map(serializeDoc), `after ${JSON.stringify(operation)}`);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('FieldIndex: lookups equal a brute-force filter, through many changes', () => {
  test('ranges and equalities over numbers, strings and Dates after adds and removes (splices, merges, rebuilds)', () => {
    const index = new FieldIndex('v');
    const live = new Map<string, unknown>();
    let next = 0;
    const values = (i: number): unknown => [i % 997, `s${(i * 7919) % 1009}`, new Date(Date.UTC(2025, 0, 1) + (i % 499) * 60_000), null, true][i % 5];
    const brute = (type: RangeType, lower?: Bound, upper?: Bound) => {
      const out = new Set<string>();
      for (const [key, v] of live) {
        const comparable = type === 'date' ? (v instanceof Date ? v.getTime() : undefined) : typeof v === type ? (v as number | string) : undefined;
        if (comparable === undefined) continue;
        if (lower && (lower.inclusive ? comparable < lower.value : comparable <= lower.value)) continue;
        if (upper && (upper.inclusive ? comparable > upper.value : comparable >= upper.value)) continue;
        out.add(key);
      }
      return out;
    };
    const probe = () => {
      const cases: Array<[RangeType, Bound | undefined, Bound | undefined]> = [
        ['number', { value: 100, inclusive: true }, { value: 200, inclusive: false }],
        ['number', undefined, { value: 3, inclusive: true }],
        ['string', { value: 's5', inclusive: false }, undefined],
        ['date', { value: Date.UTC(2025, 0, 1) + 100 * 60_000, inclusive: true }, { value: Date.UTC(2025, 0, 1) + 120 * 60_000, inclusive: true }],
      ];
      for (const [type, lower, upper] of cases) {
        const got = new Set<string>();
        index.keysInRange(type, lower, upper, got);
        assert.deepEqual([...got].sort(), [...brute(type, lower, upper)].sort());
        assert.ok(index.countRange(type, lower, upper) >= got.size);
        const ordered = [...index.keysInOrder(type, lower, upper, false)];
        assert.deepEqual(new Set(ordered), got);
      }
      const eq = new Set<string>();
      index.keysEqual([5, 's5', null, true], eq);
      assert.deepEqual([...eq].sort(), [...live].filter(([, v]) => v === 5 || v === 's5' || v === null || v === true).map(([key]) => key).sort());
    };
    const add = (count: number) => {
      for (let k = 0; k < count; k++, next++) {
        const key = `k${next}`;
        live.set(key, values(next));
        index.add(key, { v: values(next) });
      }
    };
    const remove = (every: number) => {
      for (const [key, v] of [...live].filter((_, i) => i % every === 0)) {
        live.delete(key);
        index.remove(key, { v });
      }
    };
    add(5000); // a bulk load: rebuilt at the first range lookup
    probe();
    add(3); // a few new values: spliced in
    probe();
    add(40); // more: merged in one pass
    probe();
    remove(3);
    probe();
    remove(2);
    add(2000);
    probe();
  });
});
