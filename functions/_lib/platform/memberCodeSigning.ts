import { createHmac, timingSafeEqual } from 'node:crypto';
import { digitsOf, memberCodePayload } from '@core/memberCode';
import { DomainError } from './errors';

/**
 * The member code (会员码) is signed with the same console variable as pickup vouchers
 * (VOUCHER_SECRET, set on `member`, which shows codes, and `staff`, which checks them); each use
 * has its own label in what is signed, so a voucher's signature is never a member code's. Without
 * the secret no code can be shown or checked, which is better than a guessable default.
 */
function secret(): string {
  const value = process.env.VOUCHER_SECRET;
  if (!value || value.length < 16) throw new DomainError('INTERNAL', '会员码未配置，请联系门店');
  return value;
}

/** The member's digits for a minute: only the server can derive them, and the same minute always gives the same. */
export function memberDigits(openid: string, minute: number): string {
  return digitsOf(createHmac('sha256', secret()).update(`member-digits\n${openid}\n${minute}`).digest());
}

function sign(digits: string, expiresAtMs: number): string {
  return createHmac('sha256', secret()).update(`member-code\n${memberCodePayload(digits, expiresAtMs)}`).digest('base64url').slice(0, 32);
}

export function memberCodeSignature(digits: string, expiresAtMs: number): string {
  return sign(digits, expiresAtMs);
}

export function memberCodeSignatureValid(digits: string, expiresAtMs: number, signature: string): boolean {
  const expected = Buffer.from(sign(digits, expiresAtMs));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
