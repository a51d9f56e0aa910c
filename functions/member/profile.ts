import cloud from 'wx-server-sdk';
import type { MemberProfile } from '@contract/member';
import { memberProfile, type Member } from '@core/member';
import { normalizePhone, phoneTailOf } from '@core/memberCode';
import { aggregateList, COLLECTIONS, subPipeline } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import { tempUrls } from '@lib/platform/storage';
import { loadOrCreateMember } from '@lib/data/members';

/**
 * The member centre's profile of a member record already read: one count of the coupons usable now
 * (unused, within their validity) and, only when an avatar is set, its temporary URL from storage.
 */
export async function profileOf(member: Member, { db, openid, now }: Pick<CallContext, 'db' | 'openid' | 'now'>): Promise<MemberProfile> {
  const _ = db.command;
  const [counted, urls] = await Promise.all([
    db.collection(COLLECTIONS.coupons).where({ openid, status: 'unused', validFrom: _.lte(now), validTo: _.gt(now) }).count(),
    member.avatarFileId ? tempUrls([member.avatarFileId]) : Promise.resolve(new Map<string, string>()),
  ]);
  const couponCount = (counted as { total: number }).total;
  return memberProfile(member, now, { avatarUrl: member.avatarFileId ? (urls.get(member.avatarFileId) ?? null) : null, couponCount });
}

/**
 * member.profile in one request: the member joined with the count of their usable coupons (by the
 * member's coupons index). A first visit, with no record yet, creates it (and holds no coupon).
 */
export async function ownProfile(ctx: CallContext): Promise<MemberProfile> {
  const { db, openid, now } = ctx;
  const _ = db.command;
  const usable = subPipeline(db).match({ openid, status: 'unused', validFrom: _.lte(now), validTo: _.gt(now) }).count('n').done();
  const [row] = await aggregateList<Member & { usable: Array<{ n: number }> }>(
    db.collection(COLLECTIONS.members).aggregate().match({ _id: openid }).limit(1).lookup({ from: COLLECTIONS.coupons, pipeline: usable, as: 'usable' }),
  );
  if (!row) return memberProfile(await loadOrCreateMember(ctx), now, { avatarUrl: null, couponCount: 0 });
  const { usable: counted, ...member } = row;
  const urls = member.avatarFileId ? await tempUrls([member.avatarFileId]) : new Map<string, string>();
  return memberProfile(member, now, { avatarUrl: member.avatarFileId ? (urls.get(member.avatarFileId) ?? null) : null, couponCount: counted[0]?.n ?? 0 });
}

/** The name and avatar the member chose (WeChat's nickname fill-in and chooseAvatar, uploaded to cloud storage). */
export async function setProfile(input: { nickName?: string; avatarFileId?: string }, ctx: CallContext): Promise<MemberProfile> {
  const changes: Partial<Pick<Member, 'nickName' | 'avatarFileId'>> = {};
  if (input.nickName !== undefined) changes.nickName = input.nickName;
  if (input.avatarFileId !== undefined) changes.avatarFileId = input.avatarFileId;
  if (!Object.keys(changes).length) throw new DomainError('INVALID_ARGUMENT', '请填写昵称或选择头像');
  const member = await loadOrCreateMember(ctx);
  await ctx.db.collection(COLLECTIONS.members).doc(ctx.openid).update({ data: { ...changes, profileUpdatedAt: ctx.now } });
  return profileOf({ ...member, ...changes }, ctx);
}

const PHONE_UNRESOLVED = '未能获取手机号，请重新授权';

/**
 * Binds the member's phone number from getPhoneNumber's CloudID, resolved by WeChat on the server
 * (cloud.getOpenData), never taken from the client. The number is kept; only its tail is answered.
 */
export async function bindPhone(cloudID: string, ctx: CallContext): Promise<{ phoneTail: string }> {
  const res = (await cloud.getOpenData({ list: [cloudID] })) as unknown as { list?: Array<{ data?: unknown; errCode?: number; errMsg?: string }> };
  const item = res.list?.[0];
  if (!item || item.errCode || !item.data || typeof item.data !== 'object') {
    if (item?.errCode) console.warn(`[member.bindPhone] CloudID not resolved: ${item.errCode} ${item.errMsg ?? ''}`);
    throw new DomainError('INVALID_ARGUMENT', PHONE_UNRESOLVED);
  }
  const data = item.data as { purePhoneNumber?: unknown; phoneNumber?: unknown };
  const phone = normalizePhone(data.purePhoneNumber ?? data.phoneNumber);
  if (!phone) throw new DomainError('INVALID_ARGUMENT', '暂只支持中国大陆手机号');
  const phoneTail = phoneTailOf(phone)!;
  await loadOrCreateMember(ctx);
  await ctx.db.collection(COLLECTIONS.members).doc(ctx.openid).update({ data: { phone, phoneTail, phoneBoundAt: ctx.now } });
  return { phoneTail };
}
