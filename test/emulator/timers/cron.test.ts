import assert from '@test/support/assert';
import { describe, test } from '@jest/globals';
import { cronMatches, nextFire, parseCron } from '@emulator/timers/index.js';

/** An instant written as Shanghai wall-clock time. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('cron', () => {
  test('parseCron: rejects anything but 7 fields', () => {
    assert.throws(() => parseCron('0 0 2 * * *'), /expected 7 fields/);
    assert.throws(() => parseCron('0 0 2 * * * * *'), /expected 7 fields/);
  });

  test('parseCron: rejects out-of-range and malformed values', () => {
    assert.throws(() => parseCron('60 * * * * * *'), /second 60 outside 0-59/);
    assert.throws(() => parseCron('0 0 24 * * * *'), /hour 24/);
    assert.throws(() => parseCron('0 0 0 * * * 2100'), /year 2100/);
    assert.throws(() => parseCron('0 0 0 * * 8 *'), /weekday 8/);
    assert.throws(() => parseCron('0 0 0 L * * *'), /bad day value "L"/);
    assert.throws(() => parseCron('0 0 5-2 * * * *'), /empty hour range/);
    assert.throws(() => parseCron('0 */0 * * * * *'), /bad step/);
    assert.throws(() => parseCron('? * * * * * *'), /bad second value/);
  });

  test('cronMatches: 0 0 2 * * * * is 02:00:00 in Shanghai, not UTC', () => {
    const c = parseCron('0 0 2 * * * *');
    assert.equal(cronMatches(c, cst('2025-01-01T02:00:00')), true);
    assert.equal(cronMatches(c, new Date('2025-01-01T02:00:00Z')), false);
    assert.equal(cronMatches(c, cst('2025-01-01T02:00:01')), false);
  });

  test('nextFire: 0 0 2 * * * * goes to the next 02:00 Shanghai', () => {
    const c = parseCron('0 0 2 * * * *');
    assert.deepEqual(nextFire(c, cst('2025-01-01T01:59:59')), cst('2025-01-01T02:00:00'));
    assert.deepEqual(nextFire(c, cst('2025-01-01T02:00:00')), cst('2025-01-02T02:00:00'), 'strictly after');
    assert.deepEqual(nextFire(c, cst('2025-12-31T03:00:00')), cst('2026-01-01T02:00:00'));
  });

  test('nextFire: 0 */10 * * * * * fires every ten minutes on the minute', () => {
    const c = parseCron('0 */10 * * * * *');
    assert.deepEqual(nextFire(c, cst('2025-05-05T12:05:30')), cst('2025-05-05T12:10:00'));
    assert.deepEqual(nextFire(c, cst('2025-05-05T23:55:00')), cst('2025-05-06T00:00:00'));
    assert.equal(cronMatches(c, cst('2025-05-05T12:40:00')), true);
    assert.equal(cronMatches(c, cst('2025-05-05T12:41:00')), false);
  });

  test('parseCron: a/n counts from a (SCF: 1/10 = 1, 11, 21 ...)', () => {
    const c = parseCron('0 1/10 * * * * *');
    assert.deepEqual(c.minutes, [1, 11, 21, 31, 41, 51]);
  });

  test('cronMatches: weekday 0 is Sunday, also written SUN or 7', () => {
    // 2025-03-02 is a Sunday.
    for (const expr of ['0 0 9 * * 0 *', '0 0 9 * * SUN *', '0 0 9 * * 7 *', '0 0 9 ? * sun *']) {
      const c = parseCron(expr);
      assert.equal(cronMatches(c, cst('2025-03-02T09:00:00')), true, expr);
      assert.equal(cronMatches(c, cst('2025-03-03T09:00:00')), false, expr);
    }
    assert.deepEqual(nextFire(parseCron('0 0 9 * * 0 *'), cst('2025-03-01T00:00:00')), cst('2025-03-02T09:00:00'));
    assert.deepEqual(nextFire(parseCron('0 0 9 * * MON-FRI *'), cst('2025-03-01T00:00:00')), cst('2025-03-03T09:00:00'));
  });

  test('cronMatches: weekday uses the Shanghai date, not the UTC one', () => {
    // Sunday 07:00 in Shanghai is still Saturday in UTC.
    assert.equal(cronMatches(parseCron('0 0 7 * * 0 *'), cst('2025-03-02T07:00:00')), true);
  });

  test('nextFire: year ranges limit the search, and past years give null', () => {
    const c = parseCron('0 0 0 1 JAN * 2027-2028');
    assert.deepEqual(nextFire(c, cst('2025-06-01T00:00:00')), cst('2027-01-01T00:00:00'));
    assert.deepEqual(nextFire(c, cst('2027-01-01T00:00:00')), cst('2028-01-01T00:00:00'));
    assert.equal(nextFire(c, cst('2028-01-01T00:00:00')), null);
    assert.equal(nextFire(parseCron('0 0 0 * * * 2020'), new Date('2025-01-01T00:00:00Z')), null);
    assert.equal(cronMatches(c, cst('2026-01-01T00:00:00')), false);
  });

  test('cronMatches: day and weekday both restricted match either (vixie-cron rule)', () => {
    const c = parseCron('0 0 0 13 * FRI *');
    assert.equal(cronMatches(c, cst('2025-03-13T00:00:00')), true, 'the 13th, a Thursday');
    assert.equal(cronMatches(c, cst('2025-03-14T00:00:00')), true, 'a Friday');
    assert.equal(cronMatches(c, cst('2025-03-15T00:00:00')), false);
  });

  test('nextFire: every second moves to the next whole second; lists and months work', () => {
    assert.deepEqual(nextFire(parseCron('* * * * * * *'), new Date('2025-01-01T00:00:00.400Z')), new Date('2025-01-01T00:00:01Z'));
    const c = parseCron('30 15 8,20 1 2,MAR * *');
    assert.deepEqual(nextFire(c, cst('2025-01-15T00:00:00')), cst('2025-02-01T08:15:30'));
    assert.deepEqual(nextFire(c, cst('2025-02-01T08:15:30')), cst('2025-02-01T20:15:30'));
    assert.deepEqual(nextFire(parseCron('0 0 0 31 * * *'), cst('2025-02-01T00:00:00')), cst('2025-03-31T00:00:00'));
  });
});
