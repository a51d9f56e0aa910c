import { COLLECTIONS, docOf } from '../platform/collections';
import type { Transaction } from '../platform/transaction';

/**
 * Where a coupon a member was given comes from, as an idempotency key, and how rewards follow the
 * purchase that caused them. Each reward slot (a key and a template) issues once; a refund that takes
 * the cause away revokes the slot's unused coupon and records the slot on the member
 * (`revokedRewards`), so the next time the cause happens (a tier reached again) the slot issues
 * under a new key (`<key>:r1`, `<key>:r2` …) instead of answering the revoked coupon.
 */
export interface RewardSlot {
  templateId: string;
  /** The source key of this occurrence (`tier:gold`, `tier:gold#2` for a template listed twice). */
  baseKey: string;
}

export const slotId = (slot: RewardSlot) => `${slot.baseKey}|${slot.templateId}`;

/**
 * The slots of a list of templates under one key: a pack that lists a template twice gives two
 * coupons, so the second occurrence gets a key of its own (the first keeps the plain key, which is
 * what coupons issued before this rule already carry).
 */
export function packSlots(templateIds: readonly string[], baseKey: string): RewardSlot[] {
  const seen = new Map<string, number>();
  return templateIds.map((templateId) => {
    const n = (seen.get(templateId) ?? 0) + 1;
    seen.set(templateId, n);
    return { templateId, baseKey: n === 1 ? baseKey : `${baseKey}#${n}` };
  });
}

/** The key the slot issues under now, after the revocations recorded on the member. */
export function currentKey(slot: RewardSlot, revoked: readonly string[] | undefined): string {
  const id = slotId(slot);
  const round = (revoked ?? []).filter((r) => r === id).length;
  return round === 0 ? slot.baseKey : `${slot.baseKey}:r${round}`;
}

/** Why a coupon was taken back, as the wallet shows it. */
export const REVOKE_REASONS = {
  tier: '订单退款后等级回退，升级礼包已收回',
  liveShare: '直播间订单已退款，分享券已收回',
  referral: '邀请的首单已退款，邀请奖励已收回',
} as const;

/**
 * Revokes a coupon inside a transaction if it is still unused (a used one stays used; a locked one
 * belongs to an unpaid order and is left to it). Answers whether it was revoked.
 */
export async function revokeUnusedInTx(tx: Transaction, couponId: string, reason: string, now: Date): Promise<boolean> {
  let coupon: { status: string };
  try {
    coupon = docOf<{ status: string }>(await tx.collection(COLLECTIONS.coupons).doc(couponId).get());
  } catch {
    return false;
  }
  if (coupon.status !== 'unused') return false;
  await tx.collection(COLLECTIONS.coupons).doc(couponId).update({ data: { status: 'revoked', revokedAt: now, revokedReason: reason } });
  return true;
}
