import { z } from 'zod';
import type { CouponKind, CouponSource } from './vocabulary';
import { id } from './common';
import { defineContract } from './define';

export const couponRequest = z.discriminatedUnion('action', [
  /** Newest issued first, WALLET_PAGE_SIZE a page; pass back `cursor` for the next page. */
  z.object({ action: z.literal('wallet'), status: z.enum(['unused', 'locked', 'used', 'expired']).optional(), cursor: z.string().min(1).max(200).nullable().optional() }).strict(),
  z.object({ action: z.literal('centre') }).strict(),
  z.object({ action: z.literal('mall') }).strict(),
  z.object({ action: z.literal('claim'), templateId: id }).strict(),
  z.object({ action: z.literal('exchange'), templateId: id }).strict(),
]);

/**
 * What a coupon applies to, as ids (the app names them: category names, the shelf's product names):
 * no categories and no SKUs = the whole shop; `giftSkuId` = the product a gift coupon makes free.
 */
export interface CouponAppliesTo {
  categories: string[];
  skuIds: string[];
  giftSkuId: string | null;
}

export interface WalletCouponView {
  couponId: string;
  templateId: string;
  name: string;
  kind: CouponKind;
  valueFen: number | null;
  thresholdFen: number | null;
  /** What is paid, in percent (75 = 75折), for discount coupons. */
  discountRate: number | null;
  maxDiscountFen: number | null;
  status: 'unused' | 'locked' | 'used' | 'expired';
  validFrom: string;
  validTo: string;
  source: CouponSource;
  sourceName: string;
  /** "满99减15", "无门槛减¥5", "75折 最高减¥20" … */
  summary: string;
  /** Why a coupon shown as `expired` (已失效) was taken back before its end, e.g. its order was refunded; null when it simply ran out. */
  invalidReason: string | null;
  /** What it applies to (optional in the type; the wallet sends it). */
  appliesTo?: CouponAppliesTo;
}

/** A template offered in the claim centre or the points mall, with what the caller may still take. */
export interface OfferView {
  templateId: string;
  name: string;
  kind: CouponKind;
  summary: string;
  pointsCost: number | null;
  /** Coupons left (null = unlimited). */
  remaining: number | null;
  claimedByMe: number;
  perMemberLimit: number | null;
  /** Why the caller cannot take it now (null = can). */
  blockedReason: string | null;
  validityText: string;
  /** What it applies to (optional in the type; the claim centre and the points mall send it). */
  appliesTo?: CouponAppliesTo;
}

/** Coupons a wallet page carries (a member who holds more sees 加载更多). */
export const WALLET_PAGE_SIZE = 100;

/** The wallet's tabs, counted on the server: 未使用 (unused and those held by an unpaid order), 已使用, 已失效. */
export interface WalletCounts {
  unused: number;
  used: number;
  expired: number;
}

export interface CouponResponses {
  /** `counts` comes with the first page (no cursor) only; null on the pages after it. */
  wallet: { coupons: WalletCouponView[]; cursor: string | null; counts: WalletCounts | null };
  centre: { offers: OfferView[] };
  mall: { offers: OfferView[]; points: number };
  claim: WalletCouponView;
  exchange: WalletCouponView & { pointsLeft: number };
}

export const couponContract = defineContract<CouponResponses>()('coupon', couponRequest);
