import { endOfBusinessDay } from './businessTime';
import type { Buyer } from './catalog';
import type { CouponKind, CouponTerms } from './coupon';
import { audienceIncludes, type PriceList } from './priceList';

/** Where an issued coupon came from; each source issues with its own idempotency key. */
/** A coupon that is a benefit of something the member paid for: what it saves counts toward that (开卡保本). */
export type CouponPerk = 'paidCard';

export type CouponSource = 'claim' | 'points' | 'live' | 'upgrade' | 'birthday' | 'monthly' | 'weekly' | 'guarantee' | 'remedy' | 'grant' | 'referral' | 'campaign';

export const SOURCE_NAMES: Record<CouponSource, string> = {
  claim: '领券中心',
  points: '积分兑换',
  live: '直播专享',
  upgrade: '升级礼包',
  birthday: '生日礼',
  monthly: '心享月度券包',
  weekly: '心享每周礼',
  guarantee: '开卡保本返还',
  remedy: '错过补救',
  grant: '运营发放',
  referral: '邀请有礼',
  campaign: '会员专享活动',
};

/** A coupon template as operators configure it (admin.upsert couponTemplate). */
export interface CouponTemplate extends CouponTerms {
  templateId: string;
  name: string;
  kind: CouponKind;
  /** Fixed dates (Shanghai dates or instants), or N days after issue. */
  validity: { from: string; to: string } | { days: number };
  audience?: PriceList['audience'];
  /** Total coupons that may ever be issued (unlimited when absent). */
  totalStock?: number;
  /** Coupons one member may hold from this template in total (unlimited when absent). */
  perMemberLimit?: number;
  /** Price in points in the points mall; absent = not in the mall. */
  pointsCost?: number;
  /** Shown in the claim centre for members to take. */
  claimable?: boolean;
  active?: boolean;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** When a coupon issued now may be used: fixed dates are whole Shanghai days; "N days" ends at the end of the Nth day. */
export function validityFor(template: Pick<CouponTemplate, 'validity'>, issuedAt: Date): { validFrom: Date; validTo: Date } {
  const v = template.validity;
  if ('days' in v) return { validFrom: issuedAt, validTo: new Date(endOfBusinessDay(issuedAt, Math.max(0, v.days - 1)).getTime() + 1) };
  const from = DATE_ONLY.test(v.from) ? new Date(`${v.from}T00:00:00+08:00`) : new Date(v.from);
  const to = DATE_ONLY.test(v.to) ? new Date(endOfBusinessDay(new Date(`${v.to}T00:00:00+08:00`)).getTime() + 1) : new Date(v.to);
  return { validFrom: from, validTo: to };
}

/** Whether the template's audience includes this member (no audience: everyone). */
export function audienceAllows(template: Pick<CouponTemplate, 'audience'>, buyer: Buyer): boolean {
  return !template.audience || audienceIncludes(template.audience, buyer);
}

/** A fixed-date template past its end can no longer be issued. */
export function issuableAt(template: CouponTemplate, now: Date): boolean {
  if (template.active === false) return false;
  return validityFor(template, now).validTo.getTime() > now.getTime();
}


/** Why a member cannot take a template now, or null when they can (the claim centre and the mall show it). */
export type OfferBlock = 'ended' | 'audience' | 'soldOut' | 'taken';

export const OFFER_BLOCK_TEXT: Record<OfferBlock, string> = { ended: '已结束', audience: '仅限指定会员领取', soldOut: '已抢光', taken: '已领取' };

/**
 * Whether the member may take the template now. What a page offers is checked again when the member
 * takes it, with the stock and the limit enforced by the issuance itself (never by this reading).
 */
export function offerBlock(template: CouponTemplate & { issued?: number }, buyer: Buyer, claimedByMember: number, now: Date): OfferBlock | null {
  if (!issuableAt(template, now)) return 'ended';
  if (!audienceAllows(template, buyer)) return 'audience';
  if (template.totalStock !== undefined && (template.issued ?? 0) >= template.totalStock) return 'soldOut';
  if (template.perMemberLimit !== undefined && claimedByMember >= template.perMemberLimit) return 'taken';
  return null;
}
