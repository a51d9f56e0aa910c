import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { sdkError, startHarness, type Harness } from './harness';

/**
 * $jsonSchema as MongoDB implements it (draft 4 plus bsonType, its keyword list and omissions),
 * sent the way the SDK sends it: `where(_.jsonSchema(schema))`.
 */
describe('$jsonSchema through wx-server-sdk', () => {
  let h: Harness;
  const ids = async (schema: Record<string, unknown>) =>
    (await h.db.collection('items').where(h._.jsonSchema(schema)).orderBy('_id', 'asc').get()).data.map((d: Record<string, unknown>) => d._id);

  beforeAll(async () => {
    h = await startHarness({ schema: { collections: { items: {} } } });
    h.local.insertMany('items', [
      { _id: 'p1', name: 'Milk', priceFen: 1299, tags: ['cold', 'fresh'], spec: { origin: 'NZ' }, madeAt: new Date('2025-05-01T00:00:00Z') },
      { _id: 'p2', name: 'Mango', priceFen: 25.5, tags: ['fresh', 'fresh'], spec: 'n/a' },
      { _id: 'p3', name: 7, priceFen: 100, extra: true },
    ]);
  });
  afterAll(() => h.close());

  test('jsonSchema: bsonType tells int from double and a date from a document', async () => {
    assert.deepEqual(await ids({ required: ['priceFen'], properties: { priceFen: { bsonType: 'int' } } }), ['p1', 'p3']);
    assert.deepEqual(await ids({ properties: { priceFen: { bsonType: 'double' } } }), ['p2']);
    assert.deepEqual(await ids({ properties: { priceFen: { bsonType: 'number' } } }), ['p1', 'p2', 'p3']);
    assert.deepEqual(await ids({ required: ['madeAt'], properties: { madeAt: { bsonType: 'date' } } }), ['p1']);
    // A date is not a JSON "object": MongoDB's type keyword knows BSON types too.
    assert.deepEqual(await ids({ properties: { madeAt: { type: 'object' } } }), ['p2', 'p3']);
    assert.deepEqual(await ids({ properties: { name: { bsonType: ['string', 'int'] } } }), ['p1', 'p2', 'p3']);
    assert.deepEqual(await ids({ bsonType: 'object', properties: { name: { type: 'string' } } }), ['p1', 'p2']);
  });

  test('jsonSchema: draft 4 keywords as MongoDB applies them', async () => {
    assert.deepEqual(await ids({ properties: { name: { type: 'string', minLength: 5 } } }), ['p2']);
    // Draft 4's boolean exclusiveMaximum.
    assert.deepEqual(await ids({ properties: { priceFen: { minimum: 100, maximum: 1299, exclusiveMaximum: true } } }), ['p3']);
    assert.deepEqual(await ids({ properties: { tags: { uniqueItems: true, items: { enum: ['cold', 'fresh'] } } } }), ['p1', 'p3']);
    assert.deepEqual(await ids({ properties: { _id: {}, name: {}, priceFen: {}, tags: {}, spec: {}, madeAt: {} }, additionalProperties: false }), ['p1', 'p2']);
    assert.deepEqual(await ids({ anyOf: [{ required: ['extra'] }, { properties: { priceFen: { multipleOf: 0.5, maximum: 30 } } }] }), ['p2', 'p3']);
    assert.deepEqual(await ids({ not: { required: ['spec'] } }), ['p3']);
    assert.deepEqual(await ids({ dependencies: { spec: ['tags'], extra: { properties: { name: { bsonType: 'int' } } } } }), ['p1', 'p2', 'p3']);
    assert.deepEqual(await ids({ properties: { name: { pattern: '^M' } } }), ['p1', 'p2', 'p3']);
    assert.deepEqual(await ids({ properties: { name: { type: 'string', pattern: '^Mi' } } }), ['p1']);
  });

  test('jsonSchema: object keywords apply to embedded documents only', async () => {
    // p2's spec is a string and p1's madeAt a date: neither is a document, so neither is checked.
    assert.deepEqual(await ids({ properties: { spec: { required: ['origin'], minProperties: 1 } } }), ['p1', 'p2', 'p3']);
    assert.deepEqual(await ids({ properties: { madeAt: { required: ['x'] } } }), ['p1', 'p2', 'p3']);
    assert.deepEqual(await ids({ properties: { spec: { properties: { origin: { enum: ['CN'] } } } } }), ['p2', 'p3']);
  });

  test('jsonSchema: refuses the keywords MongoDB omits, with its messages', async () => {
    for (const keyword of ['$ref', 'format', 'default', 'definitions', 'id', '$schema']) {
      const schema = { properties: { name: { [keyword]: keyword === 'definitions' ? {} : 'x' } } };
      await assert.rejects(ids(schema), sdkError(-502001, `$jsonSchema keyword '${keyword}' is not currently supported`));
    }
    await assert.rejects(ids({ properties: { priceFen: { type: 'integer' } } }), sdkError(-502001, "$jsonSchema type 'integer' is not currently supported"));
    await assert.rejects(ids({ examples: [] }), sdkError(-502001, 'Unknown $jsonSchema keyword: examples'));
    await assert.rejects(ids({ bsonType: 'float' }), sdkError(-502001, 'Unknown type name alias: float'));
    await assert.rejects(ids({ type: 'object', bsonType: 'object' }), sdkError(-502001, "Cannot specify both $jsonSchema keywords 'type' and 'bsonType'"));
    await assert.rejects(
      ids({ properties: { priceFen: { exclusiveMinimum: true } } }),
      sdkError(-502001, "$jsonSchema keyword 'minimum' must be a present if exclusiveMinimum is present"),
    );
  });

  test('jsonSchema: works in count and in an aggregation match', async () => {
    const schema = { properties: { priceFen: { bsonType: 'int' } } };
    assert.equal((await h.db.collection('items').where(h._.jsonSchema(schema)).count()).total, 2);
    const res = await h.db.collection('items').aggregate().match(h._.jsonSchema(schema)).end();
    assert.deepEqual(res.list.map((d: Record<string, unknown>) => d._id), ['p1', 'p3']);
  });
});
