/**
 * Sharing and invitations (邀请有礼): who may become whose invitee, which share an order belongs to,
 * and the default rewards. The X of RFM+X is counted from what these rules record.
 */
import type { Member } from './memberRecord';

/** An order placed this long after opening a share card is the sharer's. */
export const SHARE_ATTRIBUTION_MS = 24 * 3_600_000;

/** Invite codes: 6 characters of an alphabet without look-alikes (no 0/O, 1/I/L), easy to read out. */
export const INVITE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 6;

/** The invite code spelled by `randomIndexes` (one integer per character, any size). */
export function inviteCodeFrom(randomIndexes: readonly number[]): string {
  return randomIndexes
    .slice(0, INVITE_CODE_LENGTH)
    .map((n) => INVITE_CODE_ALPHABET[Math.abs(n) % INVITE_CODE_ALPHABET.length])
    .join('');
}

export type BindRefusal = 'own' | 'hasOrdered' | 'alreadyBound';

export const BIND_REFUSALS: Record<BindRefusal, string> = {
  own: '不能使用自己的邀请码',
  hasOrdered: '已下过单的会员不能再绑定邀请人',
  alreadyBound: '已绑定过邀请人',
};

/** Why `member` cannot become `inviter`'s invitee, or null when it can: once, before the first paid order, never oneself. */
export function bindRefusal(member: Pick<Member, 'openid' | 'paidOrderCount' | 'invitedBy'>, inviter: string): BindRefusal | null {
  if (member.openid === inviter) return 'own';
  if (member.invitedBy) return 'alreadyBound';
  if ((member.paidOrderCount ?? 0) > 0) return 'hasOrdered';
  return null;
}

/** The share an order placed now belongs to: the last one the member opened, if within 24 hours and not their own. */
export function shareAttribution(member: Pick<Member, 'openid' | 'lastShare'>, now: Date): { shareId: string; sharer: string } | null {
  const last = member.lastShare;
  if (!last || last.sharer === member.openid) return null;
  const age = now.getTime() - new Date(last.at).getTime();
  return age >= 0 && age <= SHARE_ATTRIBUTION_MS ? { shareId: last.shareId, sharer: last.sharer } : null;
}

export type ShareKind = 'product' | 'live' | 'shop' | 'invite';

/** The page a share card opens, carrying the share (and its target). */
export function sharePath(kind: ShareKind, targetId: string | null, shareId: string): string {
  switch (kind) {
    case 'product':
      return `/pages/product/index?skuId=${encodeURIComponent(targetId ?? '')}&shareId=${shareId}`;
    case 'live':
      return `/packages/live/pages/room/index?sessionId=${encodeURIComponent(targetId ?? '')}&shareId=${shareId}`;
    case 'shop':
    case 'invite':
      return `/pages/index/index?shareId=${shareId}`;
  }
}

/** A member as another member may see them in 我的邀请: never the OPENID, only a masked tail. */
export function maskedMemberName(openid: string): string {
  return `会员 ***${openid.slice(-4)}`;
}

/** The rewards when no operator has set them: ¥10 no-threshold for the inviter, 满59减10 for the invitee. */
export const DEFAULT_REFERRAL_TEMPLATES = {
  inviter: { templateId: 'sys-referral-inviter', name: '邀请有礼 ¥10 无门槛券', kind: 'cash' as const, valueFen: 1000, validity: { days: 30 } },
  invitee: { templateId: 'sys-referral-invitee', name: '新人礼 满59减10', kind: 'threshold' as const, valueFen: 1000, thresholdFen: 5900, validity: { days: 30 } },
};

/** The keys of the two rewards an invitee's first paid order pays: once each, whatever happens after. */
export function referralKeys(invitee: string): { inviter: string; invitee: string } {
  return { inviter: `referral:inviter:${invitee}`, invitee: `referral:invitee:${invitee}` };
}
