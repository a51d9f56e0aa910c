/**
 * The shop's words as they travel between the app and the functions. The contract declares them
 * itself (it depends on nothing but zod), so that the app, an operator's tool or an acceptance check
 * can read the wire format from contract/ alone. The pure core keeps its own copies for its rules;
 * functions/_lib/platform/contractMatchesCore.ts fails the typecheck the moment the two disagree.
 */

/** Member tiers, lowest first: 普卡, 银卡, 金卡, 钻石卡. */
export type Tier = 'normal' | 'silver' | 'gold' | 'diamond';

/** The paid card (心享会员): 轻享 (lite) or 尊享 (premium). */
export type PaidPlan = 'lite' | 'premium';

/** What buying a paid plan would be for this member: a first card, a renewal, or lite → premium. */
export type PurchaseKind = 'new' | 'renew' | 'upgrade';

/**
 * Which price a line was charged at: 零售价, 会员价, 心享价, 群专享, a segment's 专享价, a tier's
 * 会员专享, or 新人价.
 */
export type PriceSource = 'list' | 'member' | 'paid' | 'group' | 'segment' | 'tier' | 'new';

/** cash 无门槛, threshold 满减, discount 折扣, gift 赠品. */
export type CouponKind = 'cash' | 'threshold' | 'discount' | 'gift';

/** How a coupon reached the wallet. */
export type CouponSource =
  | 'claim'
  | 'points'
  | 'live'
  | 'upgrade'
  | 'birthday'
  | 'monthly'
  | 'weekly'
  | 'guarantee'
  | 'remedy'
  | 'grant'
  | 'referral'
  | 'campaign';

/** A live session before, during and after its broadcast window. */
export type LivePhase = 'upcoming' | 'live' | 'ended';

/** What earns a live reward: reserving, entering, watching N minutes, sharing, or missing it (补救). */
export type LiveTrigger = 'reserve' | 'enter' | 'watch' | 'share' | 'missed';

/**
 * The subscribe messages (订阅消息) a member can accept, one accept per message: 支付成功, 直播开播,
 * 等级即将到期, 优惠券即将过期, 退款成功, 等级变更, 活动权益到账.
 */
export const NOTICE_KEYS = ['paid', 'liveStarting', 'tierExpiring', 'couponExpiring', 'refundDone', 'tierChanged', 'campaignGift'] as const;
export type NoticeKey = (typeof NOTICE_KEYS)[number];

/** A campaign before its start, working through its audience, paused by an operator, or finished. */
export type CampaignState = 'scheduled' | 'running' | 'paused' | 'done';
