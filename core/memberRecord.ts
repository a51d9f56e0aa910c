import type { Subscriptions } from './notice';
import type { Tier } from './tier';

/**
 * The stored shapes of a member and their paid card, apart from the rules on them (member.ts,
 * membership.ts, growth.ts, tierExpiry.ts all read these; none of them reads another for its types).
 */
export type PaidPlan = 'lite' | 'premium';

/** A member as stored (collection `members`, `_id` = OPENID). Instants are Dates (UTC). */
export interface Member {
  _id: string;
  openid: string;
  growth: number;
  points: number;
  tier: Tier;
  /** End of the current tier period; null for 普卡, which never expires. */
  tierExpiresAt: Date | null;
  /** 心享 card: its plan, end and yearly terms (null = never bought). */
  paid: PaidCard | null;
  segment: string | null;
  birthday: string | null;
  groups: string[];
  /** Paid orders so far: 0 means a new customer (新客) for price lists and coupons. */
  paidOrderCount: number;
  /** Tiers reached whose upgrade gift packs are still to be issued (cleared once issued). */
  upgradePacksDue?: Tier[];
  /** Reward slots (`<key>|<templateId>`) whose coupon a refund took back, once per revocation: the next grant uses a new key. */
  revokedRewards?: string[];
  /** 邀请码, made the first time the member opens 我的邀请 (member.invites). */
  inviteCode?: string;
  /** The member whose share or code brought this one in, bound once, before the first paid order. */
  invitedBy?: string;
  invitedAt?: Date;
  /** When the first order was paid: an invitee counts for the inviter's X from then. */
  firstPaidAt?: Date;
  /** The order whose payment made this invitee's invitation pay out, until its rewards are issued. */
  referralDue?: string;
  /** The last share card opened: an order within 24 hours of it is the sharer's. */
  lastShare?: { shareId: string; sharer: string; at: Date };
  /** Subscribe messages the member accepted and has not yet been sent, per kind. */
  subscriptions?: Subscriptions;
  /** The name the member gave (WeChat's nickname fill-in): shown masked at the counter. */
  nickName?: string;
  /** The avatar the member chose, a cloud-storage file id (shown through a temporary URL). */
  avatarFileId?: string;
  /** The bound phone number (getPhoneNumber, resolved on the server); only its tail is ever answered. */
  phone?: string;
  phoneTail?: string;
  createdAt: Date;
}

/** A card is a list of yearly terms; each remembers its fee and what the membership saved during it (开卡保本). */
export interface PaidTerm {
  termId: string;
  plan: PaidPlan;
  startsAt: Date;
  endsAt: Date;
  /** What the member paid for this term (0 for a trial). */
  feeFen: number;
  /** Discounts the membership caused and pack coupons used, during this term. */
  savedFen: number;
  settledAt: Date | null;
  trial?: boolean;
}

export interface PaidCard {
  plan: PaidPlan;
  expiresAt: Date;
  terms: PaidTerm[];
}
