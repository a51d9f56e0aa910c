import { createHash } from 'node:crypto';

/**
 * An id derived from what names a thing (a member and their requestId, a coupon's template, member
 * and source key): the same inputs always give the same id, so a retry finds what the first attempt
 * made. A two-letter prefix tells orders (GL), card purchases (GM) and coupons (CP) apart, and the
 * whole stays a valid out_trade_no (≤ 32 letters and digits).
 */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 22).toUpperCase()}`;
}
