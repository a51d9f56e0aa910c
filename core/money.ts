/**
 * Money is integer fen (分) everywhere. This is the one place that turns fen into text
 * and the one place that rounds a percentage, so every screen and every breakdown agrees.
 */

export function assertFen(amountFen: number): void {
  if (!Number.isSafeInteger(amountFen)) throw new RangeError(`not an integer fen amount: ${amountFen}`);
}

/** 1234 → "¥12.34"; -5 → "-¥0.05". */
export function formatFen(amountFen: number): string {
  assertFen(amountFen);
  const sign = amountFen < 0 ? '-' : '';
  const abs = Math.abs(amountFen);
  const yuan = Math.floor(abs / 100);
  const fen = abs % 100;
  return `${sign}¥${yuan}.${fen.toString().padStart(2, '0')}`;
}

/**
 * amountFen × percent / 100, rounded half up to the fen, in integer arithmetic
 * (no float can turn 0.5 fen into 0.49999).
 */
export function percentOfFen(amountFen: number, percent: number): number {
  assertFen(amountFen);
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`percent must be a non-negative integer: ${percent}`);
  const scaled = amountFen * percent;
  const sign = scaled < 0 ? -1 : 1;
  return sign * Math.floor((Math.abs(scaled) + 50) / 100);
}

/** Whole yuan in an amount, rounded down: the base for growth and points (1 per ¥1 paid). */
export function wholeYuan(amountFen: number): number {
  assertFen(amountFen);
  return amountFen <= 0 ? 0 : Math.floor(amountFen / 100);
}
