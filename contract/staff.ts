import { z } from 'zod';
import type { Tier } from './vocabulary';
import { fen, id } from './common';
import { defineContract } from './define';

const code = z.string().trim().min(4).max(512);
/** What the member's 会员码 shows: the QR's content, or the digits a clerk types. */
const memberCode = z.string().trim().min(6).max(512);
/** The till's receipt number (小票号): letters, digits and dashes as printed. */
export const receiptNoSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,32}$/, '小票号为 4–32 位字母、数字或 -');

export const staffRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('me') }).strict(),
  z.object({ action: z.literal('lookup'), code }).strict(),
  z.object({ action: z.literal('redeem'), code }).strict(),
  /** Who a scanned member code belongs to (masked), and the gift coupons they may take here now. */
  z.object({ action: z.literal('member'), memberCode }).strict(),
  /** Credits an in-store purchase (小票) to the member: growth and points by the online rules, once per (store, receipt). */
  z.object({ action: z.literal('creditInStore'), memberCode, receiptNo: receiptNoSchema, amountFen: fen.min(1) }).strict(),
  /** Reverses the credit of a receipt of this store (the purchase was refunded at the till), once. */
  z.object({ action: z.literal('refundInStore'), receiptNo: receiptNoSchema }).strict(),
  /** Hands over a gift coupon's product (赠品券) at the counter: the coupon is used once. */
  z.object({ action: z.literal('redeemGift'), memberCode, couponId: id }).strict(),
  /** The store's pickups, receipt credits and gifts handed over today (Shanghai date). */
  z.object({ action: z.literal('today') }).strict(),
]);

export interface HandoverLine {
  skuId: string;
  name: string;
  unit: string;
  qty: number;
}

export interface HandoverView {
  orderId: string;
  storeId: string;
  storeName: string;
  status: string;
  /** What to hand over: the lines less what partial refunds took back. */
  lines: HandoverLine[];
  /** Units refunded before pickup: not to be handed over. */
  refundedLines: HandoverLine[];
  payableFen: number;
  pickedUpAt: string | null;
  pickedUpBy: string | null;
  /** The member's name masked for the counter (张*明), null when the member gave none. */
  memberName: string | null;
  /** The last 4 digits of the member's bound phone, null when none. */
  phoneTail: string | null;
}

/** A gift coupon the member may take at this counter now. */
export interface CounterGift {
  couponId: string;
  name: string;
  skuId: string;
  productName: string;
  validTo: string;
}

export interface MemberAtCounter {
  memberName: string | null;
  phoneTail: string | null;
  tier: Tier;
  gifts: CounterGift[];
}

export interface InStoreCredit {
  receiptNo: string;
  amountFen: number;
  memberName: string | null;
  growthEarned: number;
  pointsEarned: number;
  /** The member's balances and tier after the credit. */
  growth: number;
  points: number;
  tier: Tier;
  creditedAt: string;
}

export interface InStoreRefund {
  receiptNo: string;
  growthReversed: number;
  pointsReversed: number;
  growth: number;
  points: number;
  tier: Tier;
  refundedAt: string;
}

export interface GiftHandover {
  couponId: string;
  skuId: string;
  productName: string;
  at: string;
}

export interface StoreDay {
  /** Shanghai date, YYYY-MM-DD. */
  date: string;
  pickups: Array<{ orderId: string; at: string; by: string | null; lines: HandoverLine[] }>;
  credits: Array<{ receiptNo: string; amountFen: number; memberName: string | null; growthEarned: number; pointsEarned: number; at: string; refundedAt: string | null }>;
  gifts: Array<GiftHandover & { memberName: string | null }>;
}

export interface StaffResponses {
  me: { openid: string; storeId: string; storeName: string; role: 'clerk' | 'manager' | 'admin' } | null;
  lookup: HandoverView;
  redeem: { orderId: string; lines: HandoverLine[]; pickedUpAt: string };
  member: MemberAtCounter;
  creditInStore: InStoreCredit;
  refundInStore: InStoreRefund;
  redeemGift: GiftHandover;
  today: StoreDay;
}

export const staffContract = defineContract<StaffResponses>()('staff', staffRequest);
