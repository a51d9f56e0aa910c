import { createHmac, timingSafeEqual } from 'node:crypto';
import { SHORT_CODE_LENGTH, voucherCode, voucherPayload, type VoucherClaims } from '@core/voucher';
import { DomainError } from './errors';

/**
 * The voucher secret is set per function in the console (VOUCHER_SECRET); without it no voucher can
 * be issued or checked, which is better than a guessable default.
 */
function secret(): string {
  const value = process.env.VOUCHER_SECRET;
  if (!value || value.length < 16) throw new DomainError('INTERNAL', '取货凭证未配置，请联系门店');
  return value;
}

function sign(claims: VoucherClaims): string {
  return createHmac('sha256', secret()).update(voucherPayload(claims)).digest('base64url').slice(0, 32);
}

export function issueVoucherCode(claims: VoucherClaims): string {
  return voucherCode(claims, sign(claims));
}

export function signatureValid(claims: VoucherClaims, signature: string): boolean {
  const expected = Buffer.from(sign(claims));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * The short code of an order: derived from the order with the secret (so every concurrent payment
 * delivery derives the same one, and nobody without the secret can), with `attempt` to step past
 * the rare collision with another order's code.
 */
export function shortCodeFor(orderId: string, attempt: number): string {
  const digest = createHmac('sha256', secret()).update(`short\n${orderId}\n${attempt}`).digest();
  return String(digest.readUInt32BE(0) % 10 ** SHORT_CODE_LENGTH).padStart(SHORT_CODE_LENGTH, '0');
}
