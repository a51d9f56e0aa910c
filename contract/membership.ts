import { z } from 'zod';
import type { PaidPlan, PurchaseKind } from './vocabulary';
import { requestId } from './common';
import { defineContract } from './define';
import type { WalletCouponView } from './coupon';
import type { CreatedOrder } from './order';

const plan = z.enum(['lite', 'premium']);

export const membershipRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('plans') }).strict(),
  z.object({ action: z.literal('status') }).strict(),
  z.object({ action: z.literal('purchase'), plan, requestId }).strict(),
  z.object({ action: z.literal('claimMonthlyPack') }).strict(),
  z.object({ action: z.literal('claimWeeklyGift') }).strict(),
]);

export interface PlanView {
  plan: PaidPlan;
  name: string;
  priceFen: number;
  benefits: string[];
  /** What buying it costs the caller now, or why they cannot. */
  forMe: { kind: PurchaseKind; priceFen: number; creditFen: number } | { blocked: string };
}

export interface MembershipStatus {
  card: {
    plan: PaidPlan;
    expiresAt: string;
    /** The term running now: its fee and what the membership saved so far (开卡保本). */
    term: { startsAt: string; endsAt: string; feeFen: number; savedFen: number; trial: boolean } | null;
  } | null;
  monthlyPackClaimed: boolean;
  weeklyGiftClaimed: boolean;
}

export interface MembershipResponses {
  plans: PlanView[];
  status: MembershipStatus;
  purchase: CreatedOrder;
  claimMonthlyPack: { coupons: WalletCouponView[] };
  claimWeeklyGift: { coupons: WalletCouponView[] };
}

export const membershipContract = defineContract<MembershipResponses>()('membership', membershipRequest);
