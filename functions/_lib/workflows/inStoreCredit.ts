import { creditReceipt, deltasOf, normalizeReceiptNo, receiptId, reverseReceipt } from '@core/inStore';
import { isPaidActive, type Member } from '@core/member';
import { maskName } from '@core/memberCode';
import { tierChangedNotice, type Subscriptions } from '@core/notice';
import { combineChanges, withExpirySettled } from '@core/tierExpiry';
import type { Tier } from '@core/tier';
import { grantDueUpgradePacks, loadTierBenefits, packKey, tiersReached, type TierBenefitConfig } from './benefits';
import { couponIdFor } from './couponIssue';
import { notifyQuietly } from './notices';
import { currentKey, packSlots, revokeUnusedInTx, slotId } from './rewards';
import { docOf, isDuplicateKey } from '../platform/collections';
import { DomainError } from '../platform/errors';
import type { Database } from '../platform/handler';
import { withTransaction, type Transaction } from '../platform/transaction';
import { applyMemberChange, memberInTx } from '../data/ledger';
import { IN_STORE_COLLECTIONS, type ReceiptRecord } from '../data/inStore';

/** Why an upgrade pack went back when a till refund took its tier away, as the wallet shows it. */
export const IN_STORE_REVOKE_REASON = '到店消费退款后等级回退，升级礼包已收回';

export interface Clerk {
  openid: string;
  storeId: string;
  name?: string;
}

async function receiptInTx(tx: Transaction, id: string): Promise<ReceiptRecord | null> {
  try {
    return docOf<ReceiptRecord>(await tx.collection(IN_STORE_COLLECTIONS.receipts).doc(id).get());
  } catch {
    return null;
  }
}

/**
 * A transaction that inserts a document another caller may insert at the same time: the loser sees
 * a conflict (run again by withTransaction) or, depending on timing, a duplicate key; either way the
 * next run reads the winner's document.
 */
async function once<T>(db: Database, work: (tx: Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await withTransaction(db, work);
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= 3) throw err;
    }
  }
}

const clerkOf = (clerk: Clerk) => ({ staffOpenid: clerk.openid, staffName: clerk.name ?? null });

/**
 * Credits a till receipt (小票) to a member, once per (store, receipt): the receipt's record, the
 * member's growth, points and tier, and the ledger lines commit in one transaction keyed by the
 * receipt, so however many clerks scan it at once only one credit is made and the others read it.
 * Answers the receipt and whether this call made it. Upgrade packs due and the tier-change message
 * follow the commit, as after an online payment.
 */
export async function creditReceiptOnce(db: Database, input: { clerk: Clerk; openid: string; receiptNo: string; amountFen: number; now: Date }): Promise<{ receipt: ReceiptRecord; fresh: boolean }> {
  const { clerk, openid, amountFen, now } = input;
  const receiptNo = normalizeReceiptNo(input.receiptNo);
  const id = receiptId(clerk.storeId, receiptNo);
  let tierMove = null as { from: Tier; to: Tier } | null;
  let accepts = {} as Subscriptions;
  let packsDue = false as boolean;
  const outcome = await once(db, async (tx) => {
    const existing = await receiptInTx(tx, id);
    if (existing) return { receipt: existing, fresh: false };
    const stored = await memberInTx(tx, openid);
    const { member, change: expiry } = withExpirySettled(stored, now);
    const credit = creditReceipt(member, { storeId: clerk.storeId, receiptNo, amountFen, paidMember: isPaidActive(member, now), now });
    const change = combineChanges(expiry, credit);
    const earned = deltasOf(member, credit);
    const tier = change.set.tier ?? member.tier;
    const reached = tiersReached(member.tier, tier);
    const receipt: ReceiptRecord = {
      _id: id,
      storeId: clerk.storeId,
      receiptNo,
      openid,
      amountFen,
      memberName: maskName(stored.nickName),
      growthEarned: earned.growth,
      pointsEarned: earned.points,
      after: { growth: change.set.growth ?? member.growth, points: change.set.points ?? member.points, tier },
      creditedAt: now,
      creditedBy: clerkOf(clerk),
      refundedAt: null,
    };
    accepts = stored.subscriptions ?? {};
    tierMove = tier !== stored.tier ? { from: stored.tier, to: tier } : null;
    packsDue = reached.length > 0;
    await tx.collection(IN_STORE_COLLECTIONS.receipts).add({ data: receipt });
    await applyMemberChange(tx, openid, change, reached.length ? { upgradePacksDue: [...new Set([...(stored.upgradePacksDue ?? []), ...reached])] } : {});
    return { receipt, fresh: true };
  });
  if (!outcome.fresh) return outcome;
  // Upgrade gift packs of the tiers this receipt reached (a crash here leaves them due on the member for the next grant).
  if (packsDue) await grantDueUpgradePacks(db, openid, now);
  if (tierMove) await notifyQuietly(db, openid, tierChangedNotice({ ...tierMove, at: now, ref: `pay:receipt:${id}` }), now, accepts.tierChanged ?? 0);
  return outcome;
}

/**
 * Upgrade packs of the tiers a till refund takes away, if still unused, revoked in the refund's
 * transaction (as an online refund does); answers the member fields to write.
 */
async function revokeLostPacksInTx(tx: Transaction, stored: Member, from: Tier, to: Tier, benefits: Map<Tier, TierBenefitConfig>, now: Date): Promise<Record<string, unknown>> {
  const lost = tiersReached(to, from);
  if (!lost.length) return {};
  const slots: string[] = [];
  for (const tier of lost) {
    for (const slot of packSlots(benefits.get(tier)?.upgradePack ?? [], packKey(tier))) {
      if (await revokeUnusedInTx(tx, couponIdFor(slot.templateId, stored.openid, currentKey(slot, stored.revokedRewards)), IN_STORE_REVOKE_REASON, now)) slots.push(slotId(slot));
    }
  }
  const extra: Record<string, unknown> = {};
  if (slots.length) extra.revokedRewards = [...(stored.revokedRewards ?? []), ...slots];
  if (stored.upgradePacksDue?.some((t) => lost.includes(t))) extra.upgradePacksDue = stored.upgradePacksDue.filter((t) => !lost.includes(t));
  return extra;
}

/**
 * Reverses a receipt's credit, once: the receipt's refund and the member's reversal (growth and
 * points it earned, never below 0, the tier re-evaluated at once, packs of a lost tier taken back if
 * unused) commit together, guarded by the receipt not being refunded yet. A repeat answers the
 * recorded refund. Only the store that credited it can find it.
 */
export async function refundReceiptOnce(db: Database, input: { clerk: Clerk; receiptNo: string; now: Date }): Promise<{ receipt: ReceiptRecord; fresh: boolean }> {
  const { clerk, now } = input;
  const id = receiptId(clerk.storeId, input.receiptNo);
  const benefits = await loadTierBenefits(db);
  let tierMove = null as { from: Tier; to: Tier } | null;
  let accepts = {} as Subscriptions;
  const outcome = await withTransaction(db, async (tx) => {
    const receipt = await receiptInTx(tx, id);
    if (!receipt) throw new DomainError('NOT_FOUND', `本店没有小票 ${normalizeReceiptNo(input.receiptNo)} 的积分记录`);
    if (receipt.refundedAt) return { receipt, fresh: false };
    const stored = await memberInTx(tx, receipt.openid);
    const { member, change: expiry } = withExpirySettled(stored, now);
    const reversal = reverseReceipt(member, { storeId: receipt.storeId, receiptNo: receipt.receiptNo, growthEarned: receipt.growthEarned, pointsEarned: receipt.pointsEarned, now });
    const change = combineChanges(expiry, reversal);
    const moved = deltasOf(member, reversal);
    const tier = change.set.tier ?? member.tier;
    const extra = await revokeLostPacksInTx(tx, stored, member.tier, tier, benefits, now);
    const refund = { growthReversed: -moved.growth, pointsReversed: -moved.points, after: { growth: change.set.growth ?? member.growth, points: change.set.points ?? member.points, tier }, ...clerkOf(clerk) };
    accepts = stored.subscriptions ?? {};
    tierMove = tier !== stored.tier ? { from: stored.tier, to: tier } : null;
    await tx.collection(IN_STORE_COLLECTIONS.receipts).doc(id).update({ data: { refundedAt: now, refund } });
    await applyMemberChange(tx, receipt.openid, change, extra);
    return { receipt: { ...receipt, refundedAt: now, refund }, fresh: true };
  });
  if (outcome.fresh && tierMove) await notifyQuietly(db, outcome.receipt.openid, tierChangedNotice({ ...tierMove, at: now, ref: `refund:receipt:${id}` }), now, accepts.tierChanged ?? 0);
  return outcome;
}
