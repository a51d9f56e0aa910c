import { reverseForRefund } from '@core/growth';
import type { Member } from '@core/member';
import { addSavings } from '@core/membership';
import type { Tier } from '@core/tier';
import { refundDoneNotice, tierChangedNotice, type Subscriptions } from '@core/notice';
import { notifyQuietly } from './notices';
import { combineChanges, withExpirySettled } from '@core/tierExpiry';
import { loadTierBenefits, packKey, tiersReached, type TierBenefitConfig } from './benefits';
import { COLLECTIONS, docOf, rowsOf } from '../platform/collections';
import { couponIdFor } from './couponIssue';
import { DomainError } from '../platform/errors';
import type { Database } from '../platform/handler';
import { applyMemberChange, memberInTx } from '../data/ledger';
import { rewardKey, type LiveSessionRecord } from '../data/liveData';
import { afterCommit } from './orderRelease';
import { isRefundable, type OrderRecord } from '../data/orders';
import { requestRefund } from '../platform/payment';
import { releaseHolds } from './reservations';
import { revokeReferralInTx } from './referral';
import { currentKey, packSlots, REVOKE_REASONS, revokeUnusedInTx, slotId, type RewardSlot } from './rewards';
import { withTransaction, type Transaction } from '../platform/transaction';

/** What a refund may have to take back, loaded before its transaction. */
interface Causes {
  tierBenefits: Map<Tier, TierBenefitConfig>;
  /** The live session's share rewards, when this order is the member's last paid order from it. */
  shareRewards: RewardSlot[];
}

async function loadCauses(db: Database, order: OrderRecord): Promise<Causes> {
  const _ = db.command;
  const tierBenefits = await loadTierBenefits(db);
  let shareRewards: RewardSlot[] = [];
  if (order.liveSessionId) {
    const others = rowsOf<{ _id: string }>(
      await db.collection(COLLECTIONS.orders).where({ openid: order.openid, liveSessionId: order.liveSessionId, status: _.in(['paid', 'picked_up']), _id: _.neq(order._id) }).limit(1).get(),
    );
    const [session] = others.length ? [] : rowsOf<LiveSessionRecord>(await db.collection(COLLECTIONS.liveSessions).where({ _id: order.liveSessionId }).limit(1).get());
    shareRewards = (session?.rewards ?? []).filter((r) => r.trigger === 'share').map((r) => ({ templateId: r.templateId, baseKey: rewardKey(session!.sessionId, r) }));
  }
  return { tierBenefits, shareRewards };
}

/**
 * Coupons this purchase caused that the refund takes back, if unused: the upgrade packs of tiers
 * the refund takes away, and the live share reward when no other paid order from the session is left.
 * Answers the member fields to write: the revoked slots, and tiers no longer due a pack.
 */
async function revokeCausedInTx(tx: Transaction, member: Member, fromTier: Tier, toTier: Tier, causes: Causes, now: Date): Promise<{ revoked: string[]; extra: Record<string, unknown> }> {
  const lost = tiersReached(toTier, fromTier);
  const targets: Array<{ slot: RewardSlot; reason: string }> = [
    ...lost.flatMap((tier) => packSlots(causes.tierBenefits.get(tier)?.upgradePack ?? [], packKey(tier)).map((slot) => ({ slot, reason: REVOKE_REASONS.tier }))),
    ...causes.shareRewards.map((slot) => ({ slot, reason: REVOKE_REASONS.liveShare })),
  ];
  const revoked: string[] = [];
  const slots: string[] = [];
  for (const { slot, reason } of targets) {
    const couponId = couponIdFor(slot.templateId, member.openid, currentKey(slot, member.revokedRewards));
    if (await revokeUnusedInTx(tx, couponId, reason, now)) {
      revoked.push(couponId);
      slots.push(slotId(slot));
    }
  }
  const extra: Record<string, unknown> = {};
  if (slots.length) extra.revokedRewards = [...(member.revokedRewards ?? []), ...slots];
  // A tier taken away before its pack was issued is no longer due one.
  if (lost.length && member.upgradePacksDue?.some((t) => lost.includes(t))) extra.upgradePacksDue = member.upgradePacksDue.filter((t) => !lost.includes(t));
  return { revoked, extra };
}

/**
 * Refunds a paid order (before pickup) or a picked-up one within 7 days. The order's status change,
 * the member's reversals (growth, earned points, spent points, tier) and the coupons it caused commit
 * together, once, with `releasePending` when its goods go back on the shelf. From then on the refund
 * stands: the stock and the money follow here when they can, and orderTimeout finishes what could
 * not (the pending mark, the refund state). Asking again answers the order as it is.
 */
export async function refundOrder(db: Database, order: OrderRecord, reason: string, now: Date): Promise<void> {
  if (order.status === 'refunded') return;
  const causes = await loadCauses(db, order);
  let tierMove = null as { from: Tier; to: Tier } | null;
  let accepts = {} as Subscriptions;
  const before = await withTransaction(db, async (tx: Transaction): Promise<OrderRecord | null> => {
    const current = docOf<OrderRecord>(await tx.collection(COLLECTIONS.orders).doc(order._id).get());
    if (current.status === 'refunded') return null;
    if (!isRefundable(current, now)) {
      throw new DomainError('ORDER_STATE', current.status === 'picked_up' ? '已超过提货后 7 天的退款期限' : '该订单当前不能退款');
    }
    const stored = await memberInTx(tx, current.openid);
    const { member, change: expiry } = withExpirySettled(stored, now);
    const reversal = reverseForRefund(member, { orderId: current.orderId, growthEarned: current.growthEarned, pointsEarned: current.pointsEarned, pointsSpent: current.pointsUsed, now });
    const change = combineChanges(expiry, reversal);
    accepts = stored.subscriptions ?? {};
    if (change.set.tier && change.set.tier !== stored.tier) tierMove = { from: stored.tier, to: change.set.tier };
    const caused = await revokeCausedInTx(tx, { ...member, upgradePacksDue: stored.upgradePacksDue, revokedRewards: stored.revokedRewards }, member.tier, change.set.tier ?? member.tier, causes, now);
    // The invitation this order paid (the invitee's first paid order): both rewards, if unused.
    const referral = current.referral ? await revokeReferralInTx(tx, current.openid, current.referral, now) : [];
    const revoked = [...caused.revoked, ...referral];
    const extra = { ...caused.extra, ...(current.referral && stored.referralDue === current._id ? { referralDue: null } : {}) };
    await tx.collection(COLLECTIONS.orders).doc(order._id).update({
      data: {
        status: 'refunded',
        refundedAt: now,
        refundReason: reason,
        // A ¥0 order owes no money back.
        refundState: current.payableFen > 0 ? 'requested' : 'none',
        // Goods not yet handed over go back on the shelf.
        releasePending: current.status === 'paid',
        revokedCoupons: revoked,
      },
    });
    // A refunded purchase no longer counts as what the paid card saved (开卡保本).
    const card = member.paid && current.paidAt && current.membershipSavingsFen ? addSavings(member.paid, current.paidAt, -current.membershipSavingsFen) : null;
    await applyMemberChange(tx, current.openid, change, { ...extra, ...(card ? { paid: card } : {}) });
    return current;
  });
  if (!before) return;
  const refunded: OrderRecord = { ...before, status: 'refunded', refundReason: reason, releasePending: before.status === 'paid' };
  await finishRefund(db, refunded, now);
  await notifyQuietly(db, before.openid, refundDoneNotice({ orderId: before.orderId, refundFen: before.payableFen, at: now, ref: before.orderId }), now, accepts.refundDone ?? 0);
  if (tierMove) await notifyQuietly(db, before.openid, tierChangedNotice({ ...tierMove, at: now, ref: `refund:${before.orderId}` }), now, accepts.tierChanged ?? 0);
}

/** What follows a recorded refund: stock back (if it was not picked up), then the money. Repeatable. */
export async function finishRefund(db: Database, order: OrderRecord, now: Date): Promise<void> {
  if (order.releasePending) {
    await afterCommit(`stock of refunded order ${order.orderId}`, async () => {
      await releaseHolds(db, order, now);
      await db.collection(COLLECTIONS.orders).doc(order._id).update({ data: { releasePending: false } });
    });
  }
  if (order.payableFen > 0 && order.refundState !== 'accepted') await afterCommit(`money of refunded order ${order.orderId}`, async () => void (await retryRefund(db, order)));
}

/**
 * Asks cloud payment for the money back and records whether it accepted. The refund number is
 * derived from the order, so asking again (orderTimeout retries `requested` and `failed` ones) never
 * refunds twice.
 */
export async function retryRefund(db: Database, order: Pick<OrderRecord, '_id' | 'outTradeNo' | 'payableFen' | 'refundReason'>): Promise<boolean> {
  const accepted = await requestRefund({ outTradeNo: order.outTradeNo, totalFen: order.payableFen, refundFen: order.payableFen, reason: order.refundReason || '用户申请退款' });
  await db.collection(COLLECTIONS.orders).doc(order._id).update({ data: { refundState: accepted ? 'accepted' : 'failed' } });
  return accepted;
}
