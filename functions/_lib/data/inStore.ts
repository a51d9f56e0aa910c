import type { Tier } from '@core/tier';

/**
 * The counter's own records. Their names live here rather than in platform/collections.ts because
 * only the member code and in-store credit use them; database/schema.json declares both.
 */
export const IN_STORE_COLLECTIONS = {
  /** One document per member (`_id` = openid): the digits of the member code's last two minutes. */
  memberCodes: 'memberCodes',
  /** One document per (store, receipt) (`_id` = `<storeId>|<RECEIPT>`): its credit and, later, its refund. */
  receipts: 'inStoreReceipts',
} as const;

/** A receipt credited at the counter, written in the same transaction as the member's change and ledger. */
export interface ReceiptRecord {
  _id: string;
  storeId: string;
  receiptNo: string;
  openid: string;
  amountFen: number;
  /** The member's name as the counter showed it then (masked), for the day's list. */
  memberName: string | null;
  growthEarned: number;
  pointsEarned: number;
  /** The member's balances and tier right after the credit: what a repeated scan answers. */
  after: { growth: number; points: number; tier: Tier };
  creditedAt: Date;
  creditedBy: { staffOpenid: string; staffName: string | null };
  /** Set once, in the transaction that reverses the credit. */
  refundedAt: Date | null;
  refund?: { growthReversed: number; pointsReversed: number; after: { growth: number; points: number; tier: Tier }; staffOpenid: string; staffName: string | null };
}

/** A gift coupon handed over at the counter: recorded on the coupon in the guarded write that uses it. */
export interface CounterUse {
  storeId: string;
  staffOpenid: string;
  staffName: string | null;
  at: Date;
  skuId: string;
  productName: string;
  memberName: string | null;
}
