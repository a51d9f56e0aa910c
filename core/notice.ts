import { businessDay, businessMinute } from './businessTime';
import { formatFen } from './money';
import { TIER_NAMES, tierRank, type Tier } from './tier';

/**
 * Subscribe messages (订阅消息). WeChat delivers one only to a user who accepted a one-time
 * subscription for its template, one message per accept; the shop keeps the count per kind of
 * message (`subscriptions` on the member) and sends only while one remains. Everything here is
 * what a message says and where it opens; sending is the functions' business.
 */
export const NOTICE_KEYS = ['paid', 'liveStarting', 'tierExpiring', 'couponExpiring', 'refundDone', 'tierChanged', 'campaignGift'] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

/** Accepts left per kind of message. */
export type Subscriptions = Partial<Record<NoticeKey, number>>;

export type SubscribeAnswer = 'accept' | 'reject' | 'ban';

export const isNoticeKey = (value: unknown): value is NoticeKey => typeof value === 'string' && (NOTICE_KEYS as readonly string[]).includes(value);

/** The counts after an answer of wx.requestSubscribeMessage: each accept allows one more message. */
export function addAccepts(current: Subscriptions, answers: Partial<Record<NoticeKey, SubscribeAnswer>>): Subscriptions {
  const next: Subscriptions = { ...current };
  for (const key of NOTICE_KEYS) if (answers[key] === 'accept') next[key] = (next[key] ?? 0) + 1;
  return next;
}

/** Every kind with its count, 0 where none was ever accepted: what the member centre shows. */
export function subscriptionCounts(current: Subscriptions | undefined): Record<NoticeKey, number> {
  return Object.fromEntries(NOTICE_KEYS.map((key) => [key, Math.max(0, current?.[key] ?? 0)])) as Record<NoticeKey, number>;
}

/** A template keyword's type, as WeChat names them (the keyword is the type plus a number: thing1). */
export type NoticeFieldType = 'thing' | 'character_string' | 'amount' | 'time' | 'date';

/**
 * The keywords of each message's template, in order. An operator picks templates with these
 * keywords in the WeChat console (公共模板库) and sets their ids as console variables.
 */
export const NOTICE_TEMPLATES: Record<NoticeKey, Record<string, NoticeFieldType>> = {
  paid: { character_string1: 'character_string', amount2: 'amount', thing3: 'thing', character_string4: 'character_string', time5: 'time' },
  liveStarting: { thing1: 'thing', time2: 'time', thing3: 'thing' },
  tierExpiring: { thing1: 'thing', date2: 'date', thing3: 'thing' },
  couponExpiring: { thing1: 'thing', thing2: 'thing', date3: 'date', thing4: 'thing' },
  refundDone: { character_string1: 'character_string', amount2: 'amount', time3: 'time', thing4: 'thing' },
  tierChanged: { thing1: 'thing', thing2: 'thing', time3: 'time', thing4: 'thing' },
  campaignGift: { thing1: 'thing', thing2: 'thing', time3: 'time', thing4: 'thing' },
};

/** The console variable that holds each message's template id (per function that sends it). */
export const NOTICE_TEMPLATE_VARIABLES: Record<NoticeKey, string> = {
  paid: 'TPL_PAID',
  liveStarting: 'TPL_LIVE_STARTING',
  tierExpiring: 'TPL_TIER_EXPIRING',
  couponExpiring: 'TPL_COUPON_EXPIRING',
  refundDone: 'TPL_REFUND_DONE',
  tierChanged: 'TPL_TIER_CHANGED',
  campaignGift: 'TPL_CAMPAIGN_GIFT',
};

/** WeChat refuses a thing longer than 20 characters: longer text ends in an ellipsis instead. */
export function thing(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`;
}

/** A character_string is 32 printable ASCII characters at most. */
function characters(text: string): string {
  return text.replace(/[^\x21-\x7e]/g, '').slice(0, 32);
}

export interface Notice {
  key: NoticeKey;
  /** What makes the message unique for its member: the same (member, key, ref) is sent once. */
  ref: string;
  /** The mini-program page the message opens. */
  page: string;
  data: Record<string, { value: string }>;
}

const fields = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }]));

const ORDER_PAGE = (orderId: string) => `pages/order/index?orderId=${encodeURIComponent(orderId)}`;
const MEMBER_PAGE = 'pages/member/index';
const WALLET_PAGE = 'pages/coupons/index';

export function paidNotice(order: { orderId: string; payableFen: number; storeName: string; shortCode: string; paidAt: Date }): Notice {
  return {
    key: 'paid',
    ref: order.orderId,
    page: ORDER_PAGE(order.orderId),
    data: fields({
      character_string1: characters(order.orderId),
      amount2: formatFen(order.payableFen),
      thing3: thing(order.storeName),
      character_string4: characters(order.shortCode),
      time5: businessMinute(order.paidAt),
    }),
  };
}

export function liveStartingNotice(session: { sessionId: string; title: string; startAt: Date }): Notice {
  return {
    key: 'liveStarting',
    ref: session.sessionId,
    page: `packages/live/pages/room/index?sessionId=${encodeURIComponent(session.sessionId)}`,
    data: fields({ thing1: thing(session.title), time2: businessMinute(session.startAt), thing3: thing('直播马上开始，进直播间领专享券') }),
  };
}

/**
 * 30 and 7 days before a tier lapses: what keeps it. One per (tier period, lead time): `ref` names
 * the period's end and the lead, so the same reminder never goes twice.
 */
export function tierExpiringNotice(member: { tier: Tier; tierExpiresAt: Date; keepTierGrowth: number }, leadDays: number): Notice {
  const keep = member.keepTierGrowth > 0 ? `再消费${formatFen(member.keepTierGrowth * 100)}即可保级` : '已达保级条件，到期自动续期';
  return {
    key: 'tierExpiring',
    ref: `${member.tierExpiresAt.toISOString()}:${leadDays}`,
    page: MEMBER_PAGE,
    data: fields({ thing1: thing(`${TIER_NAMES[member.tier]}会员`), date2: businessDay(member.tierExpiresAt), thing3: thing(keep) }),
  };
}

export function couponExpiringNotice(coupon: { couponId: string; name: string; summary: string; validTo: Date }): Notice {
  return {
    key: 'couponExpiring',
    ref: coupon.couponId,
    page: WALLET_PAGE,
    data: fields({ thing1: thing(coupon.name), thing2: thing(coupon.summary), date3: businessMinute(coupon.validTo), thing4: thing('优惠券3天内到期，记得使用') }),
  };
}

export function refundDoneNotice(refund: { orderId: string; refundFen: number; at: Date; ref: string }): Notice {
  return {
    key: 'refundDone',
    ref: refund.ref,
    page: ORDER_PAGE(refund.orderId),
    data: fields({ character_string1: characters(refund.orderId), amount2: formatFen(refund.refundFen), time3: businessMinute(refund.at), thing4: thing('退款将原路退回，请留意到账') }),
  };
}

export function tierChangedNotice(change: { from: Tier; to: Tier; at: Date; ref: string }): Notice {
  const up = tierRank(change.to) > tierRank(change.from);
  return {
    key: 'tierChanged',
    ref: change.ref,
    page: MEMBER_PAGE,
    data: fields({
      thing1: thing(TIER_NAMES[change.from]),
      thing2: thing(TIER_NAMES[change.to]),
      time3: businessMinute(change.at),
      thing4: thing(up ? '恭喜升级，新权益已到账' : '多多消费即可重回原等级'),
    }),
  };
}

export function campaignGiftNotice(gift: { runId: string; name: string; benefits: string; at: Date }): Notice {
  return {
    key: 'campaignGift',
    ref: gift.runId,
    page: WALLET_PAGE,
    data: fields({ thing1: thing(gift.name), thing2: thing(gift.benefits), time3: businessMinute(gift.at), thing4: thing('权益已放入账户，快去看看') }),
  };
}
