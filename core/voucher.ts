/**
 * Pickup vouchers (取货凭证). The QR content is `GLV1.<orderId>.<storeId>.<expiresAtMs>.<signature>`;
 * the signature (an HMAC computed by the function with a secret from its environment) binds order,
 * store and expiry, so a forged or edited code fails. The short code is 8 random digits for typing.
 */
export const VOUCHER_PREFIX = 'GLV1';
export const SHORT_CODE_LENGTH = 8;
/** A paid pickup order's voucher is valid until the end of the 7th day (Shanghai) after payment. */
export const VOUCHER_VALID_DAYS = 7;

export interface VoucherClaims {
  orderId: string;
  storeId: string;
  expiresAtMs: number;
}

export function voucherPayload(claims: VoucherClaims): string {
  return `${VOUCHER_PREFIX}.${claims.orderId}.${claims.storeId}.${claims.expiresAtMs}`;
}

export function voucherCode(claims: VoucherClaims, signature: string): string {
  return `${voucherPayload(claims)}.${signature}`;
}

export type ParsedCode = { kind: 'qr'; claims: VoucherClaims; signature: string } | { kind: 'short'; shortCode: string } | { kind: 'invalid' };

/** Tells a scanned QR from a typed short code; anything else is invalid. Ids never contain dots. */
export function parseVoucherCode(raw: string): ParsedCode {
  const code = raw.trim();
  if (new RegExp(`^\\d{${SHORT_CODE_LENGTH}}$`).test(code)) return { kind: 'short', shortCode: code };
  const parts = code.split('.');
  if (parts.length !== 5 || parts[0] !== VOUCHER_PREFIX) return { kind: 'invalid' };
  const [, orderId, storeId, expires, signature] = parts;
  const expiresAtMs = Number(expires);
  if (!orderId || !storeId || !Number.isSafeInteger(expiresAtMs) || !/^[A-Za-z0-9_-]{16,}$/.test(signature)) return { kind: 'invalid' };
  return { kind: 'qr', claims: { orderId, storeId, expiresAtMs }, signature };
}
