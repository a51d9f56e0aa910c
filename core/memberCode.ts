/**
 * The member code (会员码) shown at the counter. It changes every minute and each one is valid for two
 * (the minute it was shown and the next), so a code photographed or copied is soon worth nothing.
 *
 * - The QR's content is `GLM1.<digits>.<expiresAtMs>.<signature>`: the signature (an HMAC the function
 *   computes with a secret from its environment) binds digits and expiry, so a scanned code is
 *   trusted as issued by the server and never rationed. It carries no openid.
 * - The digits are 12, for a clerk to type when the scanner fails. They are derived from the member
 *   and the minute with the same secret; the server keeps, per member, the digits of the current and
 *   the previous minute, which is what a typed (or scanned) code is resolved with. Typed digits are
 *   rationed per clerk like voucher short codes: with at most a few thousand codes alive among 10^12,
 *   30 guesses a day never find one.
 */
export const MEMBER_CODE_PREFIX = 'GLM1';
export const MEMBER_CODE_DIGITS = 12;
export const CODE_MINUTE_MS = 60_000;

export interface CodeWindow {
  /** Minutes since the epoch: what the digits are derived from. */
  minute: number;
  /** The end of the next minute: a code is valid for the minute it was shown and the one after. */
  expiresAt: Date;
  /** The start of the next minute: when the app fetches the next code. */
  refreshAt: Date;
}

export function codeWindow(now: Date): CodeWindow {
  const minute = Math.floor(now.getTime() / CODE_MINUTE_MS);
  return { minute, expiresAt: new Date((minute + 2) * CODE_MINUTE_MS), refreshAt: new Date((minute + 1) * CODE_MINUTE_MS) };
}

/** 12 digits from the first 8 bytes of a digest (uniform enough: 2^64 is far above 10^12). */
export function digitsOf(digest: Uint8Array): string {
  let value = 0n;
  for (let i = 0; i < 8; i += 1) value = (value << 8n) | BigInt(digest[i] ?? 0);
  return (value % 10n ** BigInt(MEMBER_CODE_DIGITS)).toString().padStart(MEMBER_CODE_DIGITS, '0');
}

export function memberCodePayload(digits: string, expiresAtMs: number): string {
  return `${MEMBER_CODE_PREFIX}.${digits}.${expiresAtMs}`;
}

export function memberCodeOf(digits: string, expiresAtMs: number, signature: string): string {
  return `${memberCodePayload(digits, expiresAtMs)}.${signature}`;
}

export type ParsedMemberCode = { kind: 'qr'; digits: string; expiresAtMs: number; signature: string } | { kind: 'digits'; digits: string } | { kind: 'invalid' };

/** Tells a scanned QR from typed digits (spaces and dashes a clerk types between groups are dropped). */
export function parseMemberCode(raw: string): ParsedMemberCode {
  const code = raw.trim();
  const typed = code.replace(/[\s-]/g, '');
  if (new RegExp(`^\\d{${MEMBER_CODE_DIGITS}}$`).test(typed)) return { kind: 'digits', digits: typed };
  const parts = code.split('.');
  if (parts.length !== 4 || parts[0] !== MEMBER_CODE_PREFIX) return { kind: 'invalid' };
  const [, digits, expires, signature] = parts;
  const expiresAtMs = Number(expires);
  if (!new RegExp(`^\\d{${MEMBER_CODE_DIGITS}}$`).test(digits) || !Number.isSafeInteger(expiresAtMs) || !/^[A-Za-z0-9_-]{16,}$/.test(signature)) return { kind: 'invalid' };
  return { kind: 'qr', digits, expiresAtMs, signature };
}

/** What the server keeps per member: the digits of the minute last shown and of the minute before. */
export interface MemberCodeRecord {
  openid: string;
  minute: number;
  /** [this minute's, the previous minute's]. */
  digits: string[];
}

/** When `digits` stops being valid according to the member's record, or null if they are not the member's. */
export function digitsExpiry(record: Pick<MemberCodeRecord, 'minute' | 'digits'>, digits: string): Date | null {
  const index = record.digits.indexOf(digits);
  if (index < 0) return null;
  return new Date((record.minute - index + 2) * CODE_MINUTE_MS);
}

/**
 * A name as the counter may show it: the first and last characters kept, the rest starred
 * (张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜); null when the member gave none.
 */
export function maskName(name: string | null | undefined): string | null {
  const chars = [...(name ?? '').trim()];
  if (chars.length === 0) return null;
  if (chars.length === 1) return chars[0];
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A mainland mobile number as WeChat gives it (purePhoneNumber), or null if it is not one. */
export function normalizePhone(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const digits = raw.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  return /^1\d{10}$/.test(digits) ? digits : null;
}

/** The last four digits of a phone number: all the counter and the member centre ever show. */
export function phoneTailOf(phone: string | null | undefined): string | null {
  return phone && phone.length >= 4 ? phone.slice(-4) : null;
}
