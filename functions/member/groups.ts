import cloud from 'wx-server-sdk';
import type { JoinGroupResult } from '@contract/member';
import { id } from '@contract/common';
import type { Member } from '@core/member';
import { COLLECTIONS, docOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import { loadOrCreateMember } from '@lib/data/members';

const GROUP_UNRESOLVED = '群信息无效或已过期，请从群聊中重新打开小程序';

/** One element of getOpenData's `list`: the open data, or WeChat's error for that CloudID. */
interface OpenDataItem {
  cloudID?: string;
  data?: unknown;
  errCode?: number;
  errMsg?: string;
}

/**
 * The openGId behind a share ticket's CloudID, resolved by WeChat (cloud.getOpenData), never read
 * from anything the client sent. A CloudID WeChat cannot resolve (forged, expired, of another kind
 * of open data) is the caller's INVALID_ARGUMENT; a failing call itself is a system failure and
 * propagates (the handler answers INTERNAL and logs it).
 */
export async function resolveOpenGId(cloudID: string): Promise<string> {
  const res = (await cloud.getOpenData({ list: [cloudID] })) as unknown as { list?: OpenDataItem[] };
  const item = res.list?.[0];
  if (!item || item.errCode || !item.data || typeof item.data !== 'object') {
    if (item?.errCode) console.warn(`[member.joinGroup] CloudID not resolved: ${item.errCode} ${item.errMsg ?? ''}`);
    throw new DomainError('INVALID_ARGUMENT', GROUP_UNRESOLVED);
  }
  const openGId = (item.data as { openGId?: unknown }).openGId;
  if (!id.safeParse(openGId).success) throw new DomainError('INVALID_ARGUMENT', GROUP_UNRESOLVED);
  return openGId as string;
}

/**
 * Records that the member belongs to the group. `_.addToSet` makes it idempotent: a repeated or
 * concurrent join leaves one entry. Group prices apply from the next catalog or quote call.
 */
export async function joinGroup(cloudID: string, ctx: CallContext): Promise<JoinGroupResult> {
  const openGId = await resolveOpenGId(cloudID);
  const member = await loadOrCreateMember(ctx);
  const members = ctx.db.collection(COLLECTIONS.members);
  const joined = !member.groups.includes(openGId);
  if (joined) await members.doc(ctx.openid).update({ data: { groups: ctx.db.command.addToSet(openGId) } });
  const current = joined ? docOf<Member>(await members.doc(ctx.openid).get()) : member;
  return { groups: [...current.groups], joined };
}
