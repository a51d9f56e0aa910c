import { test } from '@jest/globals';
import assert from '@test/support/assert';
import fc from 'fast-check';
import { formatFen, percentOfFen, wholeYuan } from '@core/money';

test('formatFen: yuan with two decimals and the ¥ sign', () => {
  assert.equal(formatFen(0), '¥0.00');
  assert.equal(formatFen(5), '¥0.05');
  assert.equal(formatFen(1234), '¥12.34');
  assert.equal(formatFen(19900), '¥199.00');
  assert.equal(formatFen(-250), '-¥2.50');
});

test('formatFen: refuses what is not integer fen', () => {
  assert.throws(() => formatFen(12.5), RangeError);
  assert.throws(() => formatFen(Number.NaN), RangeError);
});

test('percentOfFen: rounds half up to the fen', () => {
  assert.equal(percentOfFen(1990, 95), 1891); // 1890.5 → 1891
  assert.equal(percentOfFen(1000, 85), 850);
  assert.equal(percentOfFen(1, 50), 1); // 0.5 → 1
  assert.equal(percentOfFen(1, 49), 0);
});

test('percentOfFen: never above the amount and never negative for a discount rate', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 100 }), (amountFen, percent) => {
      const result = percentOfFen(amountFen, percent);
      return Number.isInteger(result) && result >= 0 && result <= amountFen;
    }),
  );
});

test('wholeYuan: floor of paid yuan, zero for nothing paid', () => {
  assert.equal(wholeYuan(0), 0);
  assert.equal(wholeYuan(99), 0);
  assert.equal(wholeYuan(100), 1);
  assert.equal(wholeYuan(12_345), 123);
  assert.equal(wholeYuan(-100), 0);
});
