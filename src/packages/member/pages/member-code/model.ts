import type { MemberCode } from '@contract/member';

/** The digits in groups of four, as people read a card number aloud: "6201 8839 4471 0925". */
export function groupDigits(digits: string): string {
  return digits.replace(/\s+/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Never ask more often than this, even when the phone's clock makes the server's times look past. */
export const MIN_REFRESH_MS = 5_000;
/** The code changes every minute: ask at least this often. */
export const MAX_REFRESH_MS = 60_000;
/** A code is valid for two minutes (DOMAIN.md): never shown longer than that after it arrived. */
export const MAX_VALID_MS = 120_000;
/** After a failed refresh, try again this soon (the code on screen may still be valid). */
export const RETRY_MS = 5_000;

/** A code as the page holds it: the server's answer and the phone's instants it is good until. */
export interface HeldCode {
  code: string;
  digits: string;
  /** Phone time (ms) to ask for the next one. */
  refreshAtMs: number;
  /** Phone time (ms) after which the clerk's scan would be refused: the code is no longer shown. */
  expiresAtMs: number;
}

/**
 * Where the phone's clock and the server's disagree, the server's instants are read relative to
 * the moment the answer arrived: the refresh comes within [5 s, 60 s], and the code is shown for
 * between one and two minutes (the server keeps it valid for two).
 */
export function holdCode(answer: MemberCode, receivedAtMs: number): HeldCode {
  const refresh = Date.parse(answer.refreshAt);
  const expires = Date.parse(answer.expiresAt);
  const refreshIn = Number.isFinite(refresh) ? refresh - receivedAtMs : MAX_REFRESH_MS;
  const expiresIn = Number.isFinite(expires) ? expires - receivedAtMs : MAX_REFRESH_MS;
  const refreshAtMs = receivedAtMs + Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, refreshIn));
  const expiresAtMs = receivedAtMs + Math.min(MAX_VALID_MS, Math.max(MAX_REFRESH_MS, expiresIn));
  return { code: answer.code, digits: answer.digits, refreshAtMs, expiresAtMs };
}
