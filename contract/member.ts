import { z } from 'zod';
import { id, isoDate } from './common';
import { defineContract } from './define';
import { NOTICE_KEYS, type NoticeKey, type PaidPlan, type Tier } from './vocabulary';

/** The member centre's header: tier, growth, points and the paid card. */
export interface MemberProfile {
  openid: string;
  tier: Tier;
  /** 果粒值 (growth). */
  growth: number;
  /** null at the top tier. */
  nextTier: Tier | null;
  /** Growth still needed for nextTier; 0 at the top. */
  growthToNext: number;
  /** ISO 8601 instant the current tier lapses; null for 普卡, which never does. */
  tierExpiresAt: string | null;
  /** Growth to earn before tierExpiresAt to keep the tier after the expiry deduction. */
  keepTierGrowth: number;
  points: number;
  /** The paid card while a term is running, with the instant its last term ends. */
  paid: { plan: PaidPlan; expiresAt: string } | null;
  segment: string | null;
  /** YYYY-MM-DD once set. */
  birthday: string | null;
  /** The openGIds of WeChat groups the member has opened the shop from. */
  groups: string[];
  /** The member's 邀请码 (made on first need; null until then). */
  inviteCode: string | null;
  /** Subscribe messages the member may still be sent, per kind (each accept allows one). */
  subscriptions: Record<NoticeKey, number>;
  /** The name the member gave (WeChat's nickname fill-in), null until then. */
  nickName: string | null;
  /** A temporary URL of the member's avatar (cloud storage), null until one is chosen. */
  avatarUrl: string | null;
  /** The last 4 digits of the bound phone, null until bound. */
  phoneTail: string | null;
  /** Unused coupons in the wallet now. */
  couponCount: number;
}

/** The member code (会员码) for the counter: changes every minute, valid for two. */
export interface MemberCode {
  /** The QR's content (signed by the server). */
  code: string;
  /** The same code as digits a clerk can type. */
  digits: string;
  expiresAt: string;
  /** When the app should fetch the next code. */
  refreshAt: string;
}

/** A calendar date that exists (2023-02-29 does not). Whether it is in the past is the function's check. */
const calendarDate = isoDate.refine((s) => {
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}, '不是有效的日期');

export const LEDGER_PAGE_SIZE = 20;

/** Share ids are 16 letters and digits; invite codes 6 of an alphabet without look-alikes (no 0/O, 1/I/L). */
export const shareIdSchema = z.string().regex(/^[A-Za-z0-9]{16}$/, '分享链接无效');
export const inviteCodeSchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[2-9A-HJKMNP-Z]{6}$/, '邀请码为 6 位字母或数字'));

export type ShareKind = 'product' | 'live' | 'shop' | 'invite';

export const memberRequest = z.discriminatedUnion('action', [
  /** Creates the member on first call. */
  z.object({ action: z.literal('profile') }).strict(),
  /** Once; later changes only by staff. */
  z.object({ action: z.literal('setBirthday'), birthday: calendarDate }).strict(),
  /**
   * `cloudID` is the string `wx.getGroupEnterInfo` (or `wx.getShareInfo`) gave the app; the function
   * resolves the group's openGId with cloud.getOpenData. In the local cloud: `dev-cloudid:{"openGId":"…"}`.
   */
  z.object({ action: z.literal('joinGroup'), cloudID: z.string().min(1).max(2048) }).strict(),
  /**
   * A share card the member is about to send: its id goes into the card's path, so whoever opens it
   * is counted as the member's visitor (and a new customer becomes the member's invitee). `product`
   * and `live` name their target (a skuId, a sessionId); `shop` and `invite` have none.
   */
  z.object({ action: z.literal('share'), kind: z.enum(['product', 'live', 'shop', 'invite']), targetId: id.optional() }).strict(),
  /** The caller opened a share card: records the visit, binds the inviter where the rules allow. */
  z.object({ action: z.literal('openShare'), shareId: shareIdSchema }).strict(),
  /** Typed-in invite code (邀请码): binds the inviter where the rules allow. */
  z.object({ action: z.literal('bindInviter'), inviteCode: inviteCodeSchema }).strict(),
  /**
   * What wx.requestSubscribeMessage answered, by message kind: each `accept` allows one more message
   * of that kind; `reject` and `ban` change nothing.
   */
  z
    .object({
      action: z.literal('subscribe'),
      results: z.partialRecord(z.enum(NOTICE_KEYS), z.enum(['accept', 'reject', 'ban'])).refine((r) => Object.keys(r).length > 0, '没有订阅结果'),
    })
    .strict(),
  /** 会员码: a fresh code for the counter. */
  z.object({ action: z.literal('code') }).strict(),
  /** The name and avatar the member chose (nickname fill-in, chooseAvatar uploaded to cloud storage). */
  z
    .object({
      action: z.literal('setProfile'),
      nickName: z.string().trim().min(1, '请填写昵称').max(20, '昵称最多 20 个字').optional(),
      avatarFileId: z.string().regex(/^cloud:\/\/[^\s]{1,400}$/, '头像文件无效').optional(),
    })
    .strict(),
  /** The phone number from getPhoneNumber's CloudID, resolved on the server (cloud.getOpenData). */
  z.object({ action: z.literal('bindPhone'), cloudID: z.string().min(1).max(2048) }).strict(),
  /** 我的邀请: the caller's invitees, shares and what they brought. */
  z.object({ action: z.literal('invites') }).strict(),
  /** Newest first, LEDGER_PAGE_SIZE a page; pass back the `cursor` of the previous page for the next one. */
  z
    .object({
      action: z.literal('ledger'),
      kind: z.enum(['growth', 'points']),
      cursor: z.string().min(1).max(200).nullable().optional(),
    })
    .strict(),
]);

/** One line of the 成长值 / 积分 history. */
export interface LedgerLine {
  /** ISO 8601 instant. */
  at: string;
  /** The change of the balance shown: growth or points. A tier line changes no balance: 0. */
  delta: number;
  /** Growth or points after this line. */
  balance: number;
  /** Why, in Chinese, fit to show (a tier line names the change: 成长值升级：普卡→银卡). */
  reason: string;
  /** What caused it: an order id, the operator who granted, … */
  ref: string;
  /** `tier` lines appear in the growth history: a tier changes because growth did. */
  kind: 'growth' | 'points' | 'tier';
  fromTier?: Tier;
  toTier?: Tier;
  /** Points a refund could not take back because the balance was too low (recorded, not hidden). */
  shortfall?: number;
}

export interface LedgerPage {
  entries: LedgerLine[];
  /** Opaque; null when there is nothing older. */
  cursor: string | null;
}

export interface JoinGroupResult {
  /** Every group (openGId) the member belongs to, the joined one included. */
  groups: string[];
  /** False when the member was already in that group (a repeated join changes nothing). */
  joined: boolean;
}

export interface ShareCard {
  shareId: string;
  /** The page the card opens, with its share id: what onShareAppMessage returns as `path`. */
  path: string;
}

export interface OpenedShare {
  kind: ShareKind;
  targetId: string | null;
  /** The caller became the sharer's invitee by opening it. */
  bound: boolean;
}

export interface InvitesView {
  inviteCode: string;
  invitees: Array<{ name: string; joinedAt: string; firstPaidAt: string | null }>;
  /** Cards sent, distinct members who opened them, paid orders placed within 24 h of opening one, and their amount. */
  shares: { cards: number; visits: number; orders: number; gmvFen: number };
  /** Coupons the member earned by inviting (the referral reward), newest first. */
  rewards: string[];
  /** What an invitation pays now, as each coupon reads on its face (满¥59.00减¥10.00, 无门槛减¥10.00). */
  offer: { inviter: string; invitee: string };
  /** The member already has an inviter. */
  hasInviter: boolean;
  /** The member may still bind an inviter's code: no inviter yet and no paid order. */
  canBindInviter: boolean;
}

export interface MemberResponses {
  profile: MemberProfile;
  setBirthday: MemberProfile;
  joinGroup: JoinGroupResult;
  ledger: LedgerPage;
  share: ShareCard;
  openShare: OpenedShare;
  bindInviter: { bound: true };
  invites: InvitesView;
  subscribe: { subscriptions: Record<NoticeKey, number> };
  code: MemberCode;
  setProfile: MemberProfile;
  bindPhone: { phoneTail: string };
}

export const memberContract = defineContract<MemberResponses>()('member', memberRequest);
