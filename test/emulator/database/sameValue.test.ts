import assert from '@test/support/assert';
import { describe, test } from '@jest/globals';
import { Decimal128, Double, EJSON, Int32, Long, ObjectId } from 'bson';
import { canonicalText, sameValue, serializeDoc } from '@emulator/database/ejson';

/**
 * An update is written (and counted) only when it changed the document's canonical EJSON; sameValue
 * answers that without writing both out, so it must agree with the text on every kind of value.
 */
describe('sameValue agrees with canonical EJSON', () => {
  const date = new Date('2026-12-01T00:00:00Z');
  const values: unknown[] = [
    0, -0, 1, 1.5, NaN, Infinity, 2 ** 40, '1', '', 'a', true, false, null, undefined,
    date, new Date(date.getTime()), new Date(date.getTime() + 1), /a/i, /a/m,
    [], [1, 2], [2, 1], [undefined], [null], [1, [2, { a: 3 }]],
    {}, { a: 1 }, { a: 1.0 }, { a: -0 }, { a: undefined }, { a: null }, { a: 1, b: 2 }, { b: 2, a: 1 },
    { a: { b: [date, { c: 'x' }] } }, { a: { b: [new Date(date.getTime()), { c: 'x' }] } },
    new ObjectId('64b7f0c2a1b2c3d4e5f60718'), new ObjectId('64b7f0c2a1b2c3d4e5f60718'), Decimal128.fromString('1.5'),
  ];

  test('on every pair of a varied set of values, both ways', () => {
    for (const a of values) {
      for (const b of values) {
        assert.equal(sameValue(a, b), canonicalText(a) === canonicalText(b), `${canonicalText(a)} vs ${canonicalText(b)}`);
      }
    }
  });

  test('on documents an update changes one field of, deep inside', () => {
    const base = { _id: 'c1', qty: 2, marks: [{ k: 'issue:1', at: date }], owner: { name: 'li', tags: ['x', 'y'] } };
    const variants = [
      { ...base, qty: 3 },
      { ...base, marks: [{ k: 'issue:1', at: new Date(date.getTime() + 1) }] },
      { ...base, marks: [...base.marks, { k: 'issue:2', at: date }] },
      { ...base, owner: { name: 'li', tags: ['x'] } },
      { ...base, owner: { tags: ['x', 'y'], name: 'li' } },
      JSON.parse(JSON.stringify({ ...base, marks: [] })) as unknown,
      { ...base },
    ];
    for (const v of variants) assert.equal(sameValue(base, v), canonicalText(base) === canonicalText(v));
  });
});

describe('the stored text is bson canonical EJSON, written faster', () => {
  const bsonCanonical = (value: unknown) => EJSON.stringify({ v: value }, { relaxed: false });
  const date = new Date('2026-12-01T00:00:00Z');
  const values: unknown[] = [
    0, -0, 1, -5, 1.5, -1.5, 0.1, 1e-7, 5e-324, 1e20, 1.5e300, NaN, Infinity, -Infinity, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 53, 2 ** 53 + 2,
    '', 'a"b\\c', '\u2028\u0000é中文😀', true, false, null, undefined, date, new Date(-1), new Date(8.64e15), new Date(NaN), /a/im,
    [], [undefined, null, 1, [2, { a: 3 }]], {}, { a: undefined, b: null }, { 'a"b': 1, __proto__x: 2, 10: 'ten', z: 1 },
    { $ref: 'a', $id: 1 }, { a: { $numberInt: '1' } }, { marks: [{ k: 'issue:1', at: date }], owner: { tags: ['x'] } },
    new ObjectId('64b7f0c2a1b2c3d4e5f60718'), Decimal128.fromString('1.5'), Long.fromNumber(7), new Int32(3), new Double(2),
  ];

  test('on every value and on a document holding them all', () => {
    for (const v of values) assert.equal(canonicalText(v), bsonCanonical(v), String(v));
    const doc = Object.fromEntries(values.map((v, i) => [`f${i}`, v]));
    assert.equal(serializeDoc(doc), EJSON.stringify(doc, { relaxed: false }));
    assert.equal(serializeDoc({ list: values }), EJSON.stringify({ list: values }, { relaxed: false }));
  });
});
