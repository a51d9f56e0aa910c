import { creditPayment, reverseForRefund, type LedgerEntry, type MemberChange } from './growth';
import type { Member } from './memberRecord';
import type { TierRules } from './tier';

/**
 * A purchase at the till (小票), credited to the member who showed their code: growth and points by
 * the same rules as a paid order (1 growth per whole yuan, points double for paid members, an
 * immediate upgrade), and reversed by the same rules when the receipt is refunded. Only the ledger's
 * words and keys differ, so the member's history reads 到店消费 小票 … and a receipt can never be
 * credited (or reversed) twice: the keys name the store and the receipt.
 */

/** Receipt numbers are matched without regard to case: the till prints them, clerks type them. */
export function normalizeReceiptNo(receiptNo: string): string {
  return receiptNo.trim().toUpperCase();
}

/** The receipt's record id, one per (store, receipt): what makes a credit happen once. */
export function receiptId(storeId: string, receiptNo: string): string {
  return `${storeId}|${normalizeReceiptNo(receiptNo)}`;
}

/** The ledger's reference for a receipt (`receipt:<store>|<no>`): ledger keys read `growth:pay:receipt:…`. */
export const receiptRef = (storeId: string, receiptNo: string) => `receipt:${receiptId(storeId, receiptNo)}`;

function reworded(change: MemberChange, receiptNo: string, words: { growth: string; points: string }): MemberChange {
  const entries = change.entries.map((entry): LedgerEntry => {
    if (entry.kind === 'growth') return { ...entry, reason: `${words.growth} 小票 ${receiptNo}` };
    if (entry.kind === 'points') return { ...entry, reason: `${words.points} 小票 ${receiptNo}${entry.reason.includes('心享双倍') ? '（心享双倍积分）' : ''}` };
    return entry;
  });
  return { set: change.set, entries };
}

/** What a receipt credits: the online earning of a paid order of the same amount. */
export function creditReceipt(
  member: Member,
  input: { storeId: string; receiptNo: string; amountFen: number; paidMember: boolean; now: Date },
  rules?: TierRules,
): MemberChange {
  const receiptNo = normalizeReceiptNo(input.receiptNo);
  const change = creditPayment(member, { orderId: receiptRef(input.storeId, receiptNo), paidFen: input.amountFen, paidMember: input.paidMember, now: input.now }, rules);
  return reworded(change, receiptNo, { growth: '到店消费', points: '到店消费' });
}

/** What a refunded receipt takes back: what it earned (never below 0, a points shortfall recorded), and the tier at once. */
export function reverseReceipt(
  member: Member,
  input: { storeId: string; receiptNo: string; growthEarned: number; pointsEarned: number; now: Date },
  rules?: TierRules,
): MemberChange {
  const receiptNo = normalizeReceiptNo(input.receiptNo);
  const change = reverseForRefund(member, { orderId: receiptRef(input.storeId, receiptNo), growthEarned: input.growthEarned, pointsEarned: input.pointsEarned, pointsSpent: 0, now: input.now }, rules);
  return reworded(change, receiptNo, { growth: '到店消费退款扣回', points: '到店消费退款扣回积分' });
}

/** The growth and points a change moved (after − before), as the receipt records them. */
export function deltasOf(member: Pick<Member, 'growth' | 'points'>, change: MemberChange): { growth: number; points: number } {
  return { growth: (change.set.growth ?? member.growth) - member.growth, points: (change.set.points ?? member.points) - member.points };
}
