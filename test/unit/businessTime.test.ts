import { test } from '@jest/globals';
import assert from '@test/support/assert';
import { addBusinessMonths, businessDate, businessIsoWeek, businessWeekday } from '@core/businessTime';

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

test('businessIsoWeek: the ISO week in Shanghai, its year that of its Thursday', () => {
  assert.equal(businessIsoWeek(new Date('2026-12-01T04:00:00Z')), '2026-W49');
  // Monday 29 Dec 2025 starts 2026-W01 at 00:00 Shanghai (Sunday 16:00 UTC).
  assert.equal(businessIsoWeek(new Date('2025-12-28T15:59:59Z')), '2025-W52');
  assert.equal(businessIsoWeek(new Date('2025-12-28T16:00:00Z')), '2026-W01');
  // 2026 has 53 weeks: 1 Jan 2027 (a Friday) still belongs to it.
  assert.equal(businessIsoWeek(new Date('2027-01-01T00:00:00Z')), '2026-W53');
  assert.equal(businessIsoWeek(new Date('2021-01-03T00:00:00Z')), '2020-W53');
  assert.equal(businessIsoWeek(new Date('2024-12-30T00:00:00Z')), '2025-W01');
});
