import assert from '@test/support/assert';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { sdkError, startHarness, type Harness } from './harness';

/**
 * Aggregation expression operators checked against MongoDB's documented behaviour. wx-server-sdk
 * reports a failed aggregation as errCode -1 with "collection.aggregate:fail <service message>".
 */
describe('aggregation operators as MongoDB defines them, through wx-server-sdk', () => {
  let h: Harness;
  const project = async (spec: Record<string, unknown>, match: Record<string, unknown> = {}) =>
    (await h.db.collection('days').aggregate().match(match).project({ _id: 1, ...spec }).sort({ _id: 1 }).end()).list as Array<Record<string, unknown>>;
  const byId = (list: Array<Record<string, unknown>>, field: string) => Object.fromEntries(list.map((d) => [d._id, d[field]]));

  beforeAll(async () => {
    h = await startHarness({ schema: { collections: { days: {} } } });
    h.local.insertMany('days', [
      { _id: 'd1', at: new Date('2025-01-01T12:00:00Z'), text: '1999/12/12', name: '果粒鲜选' },
      { _id: 'd2', at: new Date('2025-01-04T12:00:00Z'), text: 'hello', name: 'a😀b😀c' },
      { _id: 'd3', at: new Date('2025-01-05T12:00:00Z'), text: 'café', name: 'vanilla' },
      { _id: 'd4', at: new Date('2023-01-01T00:00:00Z'), text: null, name: null },
      { _id: 'd5', at: new Date('2025-12-31T23:00:00Z') },
      { _id: 'd6', at: new Date('1998-11-01T00:00:00Z') },
    ]);
  });
  afterAll(() => h.close());

  test('week: weeks start on Sunday; days before the first Sunday are week 0 (strftime %U)', async () => {
    const $ = h._.aggregate;
    const weeks = byId(await project({ week: $.week('$at') }), 'week');
    // 2025 starts on a Wednesday: Jan 1-4 are week 0, Sunday Jan 5 starts week 1; 2023 starts on a Sunday.
    assert.deepEqual(weeks, { d1: 0, d2: 0, d3: 1, d4: 1, d5: 52, d6: 44 });
    // MongoDB's documented example: 1998-11-01T00:00Z is week 44 in UTC and week 43 at -0500.
    const shifted = byId(await project({ week: $.week({ date: '$at', timezone: '-0500' }) }, { _id: 'd6' }), 'week');
    assert.deepEqual(shifted, { d6: 43 });
    // Wednesday 2025-12-31 23:00 UTC is Thursday 2026-01-01 in Shanghai: week 0 of 2026.
    const shanghai = byId(await project({ week: $.week({ date: '$at', timezone: 'Asia/Shanghai' }) }, { _id: 'd5' }), 'week');
    assert.deepEqual(shanghai, { d5: 0 });
    const missing = byId(await project({ week: $.week('$nothing') }, { _id: 'd1' }), 'week');
    assert.deepEqual(missing, { d1: null });
  });

  test('substr, substrBytes: a negative length takes the rest of the string, a negative start gives ""', async () => {
    const $ = h._.aggregate;
    const list = await project({
      day: $.substrBytes(['$text', 8, -1]),
      tail: $.substr(['$text', 1, -1]),
      none: $.substrBytes(['$text', -1, 2]),
    });
    assert.deepEqual(byId(list, 'day'), { d1: '12', d2: '', d3: '', d4: '', d5: '', d6: '' });
    assert.deepEqual(byId(list, 'tail'), { d1: '999/12/12', d2: 'ello', d3: 'afé', d4: '', d5: '', d6: '' });
    assert.deepEqual(byId(list, 'none'), { d1: '', d2: '', d3: '', d4: '', d5: '', d6: '' });
    assert.deepEqual(await project({ head: $.substrBytes(['$name', 0, 3]) }, { _id: 'd1' }), [{ _id: 'd1', head: '果' }]);
    // Byte offsets may not split a UTF-8 character (é is two bytes at offset 3).
    await assert.rejects(project({ x: $.substrBytes(['$text', 4, -1]) }, { _id: 'd3' }), sdkError(-1, 'starting index is a UTF-8 continuation byte'));
    await assert.rejects(project({ x: $.substrBytes(['$text', 0, 4]) }, { _id: 'd3' }), sdkError(-1, 'ending index is in the middle of a UTF-8 character'));
  });

  test('indexOfCP: counts code points, takes start and end, answers null for a missing string', async () => {
    const $ = h._.aggregate;
    const list = await project({
      fresh: $.indexOfCP(['$name', '鲜']),
      afterEmoji: $.indexOfCP(['$name', 'b']),
      fromStart: $.indexOfCP(['$name', 'l', 3]),
      bounded: $.indexOfCP(['$name', 'll', 0, 2]),
    });
    assert.deepEqual(byId(list, 'fresh'), { d1: 2, d2: -1, d3: -1, d4: null, d5: null, d6: null });
    assert.deepEqual(byId(list, 'afterEmoji').d2, 2);
    assert.deepEqual(byId(list, 'fromStart').d3, 4);
    assert.deepEqual(byId(list, 'bounded').d3, -1);
    // MongoDB's documented examples.
    const docs = await project({ a: $.indexOfCP(['cafétéria', 'é']), b: $.indexOfCP(['foo.bar.fi', '.', 5]), c: $.indexOfCP(['vanilla', 'll', 12]) }, { _id: 'd1' });
    assert.deepEqual(docs, [{ _id: 'd1', a: 3, b: 7, c: -1 }]);
  });

  test('indexOfCP: refuses what MongoDB refuses, with its messages', async () => {
    const $ = h._.aggregate;
    const only = { _id: 'd1' };
    await assert.rejects(project({ x: $.indexOfCP(['$name', 5]) }, only), sdkError(-1, '$indexOfCP requires a string as the second argument, found: int'));
    await assert.rejects(project({ x: $.indexOfCP([5, 'a']) }, only), sdkError(-1, '$indexOfCP requires a string as the first argument, found: int'));
    await assert.rejects(project({ x: $.indexOfCP(['$name', 'a', -1]) }, only), sdkError(-1, '$indexOfCP requires a nonnegative starting index, found: -1'));
    await assert.rejects(project({ x: $.indexOfCP(['$name', 'a', 1.5]) }, only), sdkError(-1, 'requires an integral starting index'));
    await assert.rejects(project({ x: $.indexOfCP(['$name']) }, only), sdkError(-1, 'takes at least 2 arguments, and at most 4'));
  });
});
