import type { InvitesView } from '@contract/member';
import { formatFen } from '@core/money';
import { formatShanghaiDate } from '@/utils/date';

export const INVITE_URL = '/packages/member/pages/invite/index';
export const WALLET_URL = '/pages/coupons/index';

/** Invite codes: 6 characters of an alphabet without look-alikes (no 0/O, 1/I/L), as the server makes them. */
export const INVITE_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{6}$/;

/** What the member typed, as the server reads it: no spaces, upper case. */
export function normalizeInviteCode(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function bindConfirmText(code: string): string {
  return `邀请码 ${code}，绑定后不可更改，确认绑定？`;
}

/** The rewards in force, as the server reads them off the operators' coupons (无门槛减¥10.00, 满¥59.00减¥10.00). */
export function rewardLines(offer: InvitesView['offer']): Array<{ who: string; value: string; kind: string }> {
  return [
    { who: '你得', value: offer.inviter, kind: '邀请奖励券' },
    { who: '好友得', value: offer.invitee, kind: '新人券' },
  ];
}

export const REWARD_RULES: readonly string[] = [
  '好友需是还没下过单的新朋友：打开你分享的卡片，或填写你的邀请码，即成为你邀请的好友。',
  '好友首笔订单支付成功后，双方奖励自动发到券包，每位好友只奖励一次。',
  '奖励以实际发放到券包的为准，活动规则可能调整。',
];

export interface InviteeRow {
  name: string;
  joined: string;
  paid: boolean;
  status: string;
}

export function inviteeRows(invitees: InvitesView['invitees']): InviteeRow[] {
  return invitees.map((i) => ({
    name: i.name,
    joined: `${formatShanghaiDate(i.joinedAt)} 加入`,
    paid: i.firstPaidAt !== null,
    status: i.firstPaidAt !== null ? '已下单' : '未下单',
  }));
}

/** 分享成效: what the member's cards brought. */
export function shareFigures(shares: InvitesView['shares']): Array<{ key: string; value: string; label: string }> {
  return [
    { key: 'cards', value: String(shares.cards), label: '分享卡片' },
    { key: 'visits', value: String(shares.visits), label: '好友访问' },
    { key: 'orders', value: String(shares.orders), label: '带来订单' },
    { key: 'gmv', value: formatFen(shares.gmvFen), label: '订单金额' },
  ];
}
