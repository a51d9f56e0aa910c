import { test } from '@jest/globals';
import assert from '@test/support/assert';
import { addBusinessMonths, businessDate, businessWeekday } from '@core/businessTime';

test('businessDate: the Shanghai calendar date, not the UTC one', () => {
  assert.equal(businessDate(new Date('2026-11-26T15:59:59Z')), '2026-11-26');
  assert.equal(businessDate(new Date('2026-11-26T16:00:00Z')), '2026-11-27');
});

test('businessWeekday: Friday in Shanghai starts at Thursday 16:00 UTC', () => {
  assert.equal(businessWeekday(new Date('2026-11-26T15:59:59Z')), 4);
  assert.equal(businessWeekday(new Date('2026-11-26T16:00:00Z')), 5);
  assert.equal(businessWeekday(new Date('2026-11-29T04:00:00Z')), 7);
});

test('addBusinessMonths: calendar months in Shanghai, clamped to the month end', () => {
  assert.equal(addBusinessMonths(new Date('2026-05-18T02:00:00Z'), 6).toISOString(), '2026-11-18T02:00:00.000Z');
  // 31 Aug 10:00 Shanghai + 6 months = 28 Feb 10:00 Shanghai
  assert.equal(addBusinessMonths(new Date('2026-08-31T02:00:00Z'), 6).toISOString(), '2027-02-28T02:00:00.000Z');
});
