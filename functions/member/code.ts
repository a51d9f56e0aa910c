import type { MemberCode } from '@contract/member';
import { codeWindow, memberCodeOf } from '@core/memberCode';
import type { CallContext } from '@lib/platform/handler';
import { memberCodeSignature, memberDigits } from '@lib/platform/memberCodeSigning';
import { IN_STORE_COLLECTIONS } from '@lib/data/inStore';

/**
 * 会员码: this minute's code, valid until the end of the next minute. One database request: the
 * member's code record is set to the digits of this minute and the one before (both derived from the
 * member and the minute with the server's secret, so asking again in the same minute changes
 * nothing), which is what the counter resolves a code with. The app asks again at `refreshAt`.
 */
export async function memberCode({ db, openid, now }: CallContext): Promise<MemberCode> {
  const window = codeWindow(now);
  const digits = memberDigits(openid, window.minute);
  const expiresAtMs = window.expiresAt.getTime();
  await db
    .collection(IN_STORE_COLLECTIONS.memberCodes)
    .doc(openid)
    .set({ data: { openid, minute: window.minute, digits: [digits, memberDigits(openid, window.minute - 1)], shownAt: now } });
  return {
    code: memberCodeOf(digits, expiresAtMs, memberCodeSignature(digits, expiresAtMs)),
    digits,
    expiresAt: window.expiresAt.toISOString(),
    refreshAt: window.refreshAt.toISOString(),
  };
}
