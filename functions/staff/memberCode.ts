import { digitsExpiry, parseMemberCode, type MemberCodeRecord } from '@core/memberCode';
import { rowsOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import { memberCodeSignatureValid } from '@lib/platform/memberCodeSigning';
import { IN_STORE_COLLECTIONS } from '@lib/data/inStore';
import { giveBackAttempt, takeAttempt } from './attempts';

const INVALID = '会员码无效，请让会员刷新会员码后重试';
const EXPIRED = '会员码已过期，请让会员刷新会员码';

/**
 * The member behind a scanned or typed member code (会员码). A scanned QR's signature proves the
 * server issued its digits and expiry, so it is checked before anything is read and never rationed.
 * Typed digits take a place in the clerk's ration first (the same windows as voucher short codes,
 * see attempts.ts) and give it back when they turn out to be a member's live code. Either way the
 * digits are looked up among the members' last two minutes of codes (one indexed read).
 */
export async function resolveMemberCode(ctx: Pick<CallContext, 'db' | 'now' | 'openid'>, raw: string): Promise<string> {
  const { db, now, openid } = ctx;
  const parsed = parseMemberCode(raw);
  if (parsed.kind === 'invalid') throw new DomainError('VOUCHER_INVALID', INVALID);
  let place: string | null = null;
  if (parsed.kind === 'qr') {
    if (!memberCodeSignatureValid(parsed.digits, parsed.expiresAtMs, parsed.signature)) throw new DomainError('VOUCHER_INVALID', INVALID);
    if (now.getTime() >= parsed.expiresAtMs) throw new DomainError('VOUCHER_EXPIRED', EXPIRED);
  } else {
    place = await takeAttempt(db, openid, now, '会员码');
  }
  // Two members with the same live digits (about one chance in 10^9 a minute) cannot be told apart: neither is credited.
  const found = rowsOf<MemberCodeRecord & { _id: string }>(await db.collection(IN_STORE_COLLECTIONS.memberCodes).where({ digits: parsed.digits }).limit(2).get());
  const expiry = found.length === 1 ? digitsExpiry(found[0], parsed.digits) : null;
  if (!expiry) throw new DomainError('VOUCHER_INVALID', INVALID);
  if (now.getTime() >= expiry.getTime()) throw new DomainError('VOUCHER_EXPIRED', EXPIRED);
  // A live code of a member, typed right: its place goes back (an expired one stays counted, as a guess would).
  if (place) await giveBackAttempt(db, openid, place);
  return found[0].openid;
}
