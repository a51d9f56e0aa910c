import type { MemberProfile } from '@contract/member';
import { businessDate } from '@core/businessTime';
import type { Member } from '@core/member';
import { COLLECTIONS, docOf, updatedOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import { loadOrCreateMember } from '@lib/data/members';
import { profileOf } from './profile';

const ALREADY_SET = '生日设置后不可修改，如需修改请联系门店';
const EARLIEST = '1900-01-01';

/**
 * Sets the member's birthday, once. The write is conditional on the stored birthday still being
 * empty, so of two concurrent calls exactly one sets it and the other is NOT_ELIGIBLE.
 * `birthday` is already a real calendar date (the contract checks); here: before today in Shanghai.
 */
export async function setBirthday(birthday: string, ctx: CallContext): Promise<MemberProfile> {
  if (birthday >= businessDate(ctx.now)) throw new DomainError('INVALID_ARGUMENT', '生日须早于今天');
  if (birthday < EARLIEST) throw new DomainError('INVALID_ARGUMENT', '请填写真实的生日');
  const member = await loadOrCreateMember(ctx);
  if (member.birthday) throw new DomainError('NOT_ELIGIBLE', ALREADY_SET);
  const members = ctx.db.collection(COLLECTIONS.members);
  const res = await members.where({ _id: ctx.openid, birthday: null }).update({ data: { birthday, birthdayMD: birthday.slice(5), birthdaySetAt: ctx.now } });
  // birthdayMD (MM-DD) is what the daily birthdayCoupons job looks members up by.
  if (updatedOf(res) !== 1) throw new DomainError('NOT_ELIGIBLE', ALREADY_SET);
  return profileOf(docOf<Member>(await members.doc(ctx.openid).get()), ctx);
}
