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
import { isRefundable, type OrderRecord, type RefundEntry } from '../data/orders';
import { requestRefund } from '../platform/payment';
import { releaseRefunded } from './reservations';
import { isRefusal, refundShare, type RefundAsk, type RefundRefusal, type RefundShare } from '@core/refund';
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

/** Ledger keys of the n-th refund: the first keeps the order's own key, as a whole refund always had. */
const refundKey = (orderId: string, n: number) => (n === 1 ? orderId : `${orderId}#${n}`);
/** Cloud payment's refund number: one per refund, so asking again never refunds twice. */
const outRefundNo = (outTradeNo: string, n: number) => (n === 1 ? `R${outTradeNo}` : `R${outTradeNo}-${n}`).slice(0, 32);

const REFUSALS: Record<RefundRefusal['refused'], [DomainError['code'], string]> = {
  unknown_sku: ['INVALID_ARGUMENT', '订单中没有该商品'],
  too_many: ['INVALID_ARGUMENT', '退款数量超过可退数量'],
  nothing_left: ['ORDER_STATE', '该订单已全部退款'],
};

/** What a refund of `lines` (all that is left when absent) would give back now, without refunding. */
export function quoteRefund(order: OrderRecord, lines: readonly RefundAsk[] | undefined, now: Date): RefundShare {
  if (order.status === 'refunded') throw new DomainError('ORDER_STATE', '该订单已全部退款');
  if (!isRefundable(order, now)) throw new DomainError('ORDER_STATE', order.status === 'picked_up' ? '已超过提货后 7 天的退款期限' : '该订单当前不能退款');
  const share = refundShare(order, lines);
  if (isRefusal(share)) throw new DomainError(...REFUSALS[share.refused]);
  return share;
}

export interface RefundAskOptions {
  lines?: readonly RefundAsk[];
  reason: string;
  requestId?: string;
}

/**
 * Refunds some units of a paid order (before pickup) or of a picked-up one within 7 days, or all
 * that is left. The refund's record, the order's refunded quantities (and its status once nothing is
 * left), the member's reversals (growth, earned points, spent points, tier) and the coupons it
 * caused commit together, once: a `requestId` seen before answers that refund again. From then on
 * the refund stands: its goods and its money follow here when they can, and orderTimeout finishes
 * what could not (`refundsPending`). Asking for the rest of a fully refunded order answers nothing.
 */
export async function refundOrder(db: Database, order: OrderRecord, ask: RefundAskOptions, now: Date): Promise<{ entry: RefundEntry | null; order: OrderRecord }> {
  if (order.status === 'refunded' && !ask.lines) return { entry: null, order };
  const causes = await loadCauses(db, order);
  let tierMove = null as { from: Tier; to: Tier } | null;
  let accepts = {} as Subscriptions;
  const done = await withTransaction(db, async (tx: Transaction): Promise<{ before: OrderRecord; after: OrderRecord; entry: RefundEntry | null; fresh: boolean }> => {
    const current = docOf<OrderRecord>(await tx.collection(COLLECTIONS.orders).doc(order._id).get());
    const seen = ask.requestId ? current.refunds?.find((r) => r.requestId === ask.requestId) : undefined;
    if (seen) return { before: current, after: current, entry: seen, fresh: false };
    if (current.status === 'refunded' && !ask.lines) return { before: current, after: current, entry: null, fresh: false };
    const share = quoteRefund(current, ask.lines, now);
    const n = (current.refunds?.length ?? 0) + 1;
    const stored = await memberInTx(tx, current.openid);
    const { member, change: expiry } = withExpirySettled(stored, now);
    const reversal = reverseForRefund(member, { orderId: current.orderId, refundKey: refundKey(current.orderId, n), growthEarned: share.growthReversed, pointsEarned: share.pointsReversed, pointsSpent: share.pointsReturned, now });
    const change = combineChanges(expiry, reversal);
    accepts = stored.subscriptions ?? {};
    if (change.set.tier && change.set.tier !== stored.tier) tierMove = { from: stored.tier, to: change.set.tier };
    // The live share reward and the invitation's rewards go only with the last of the order.
    const caused = await revokeCausedInTx(tx, { ...member, upgradePacksDue: stored.upgradePacksDue, revokedRewards: stored.revokedRewards }, member.tier, change.set.tier ?? member.tier, share.whole ? causes : { ...causes, shareRewards: [] }, now);
    const referral = share.whole && current.referral ? await revokeReferralInTx(tx, current.openid, current.referral, now) : [];
    const revoked = [...caused.revoked, ...referral];
    const extra = { ...caused.extra, ...(share.whole && current.referral && stored.referralDue === current._id ? { referralDue: null } : {}) };
    const entry: RefundEntry = {
      n,
      refundId: `${current.orderId}-R${n}`,
      requestId: ask.requestId ?? null,
      lines: share.lines,
      refundFen: share.refundFen,
      pointsReturned: share.pointsReturned,
      growthReversed: share.growthReversed,
      pointsReversed: share.pointsReversed,
      savingsFen: share.savingsFen,
      at: now,
      reason: ask.reason,
      // Goods not yet handed over go back on the shelf.
      release: current.status === 'paid',
      released: false,
      refundState: share.refundFen > 0 ? 'requested' : 'none',
    };
    const refundedFen = (current.refundedFen ?? 0) + share.refundFen;
    const written: Partial<OrderRecord> = {
        refunds: [...(current.refunds ?? []), entry],
        refundedQty: share.refundedQty,
        refundedFen,
        refundsPending: entry.release || entry.refundState === 'requested',
        lastRefundAt: now,
        // The order's own money state sums up its refunds' (what payment reconciliation reads).
        refundState: entry.refundState === 'requested' ? 'requested' : (current.refundState ?? 'none'),
        ...(revoked.length ? { revokedCoupons: [...(current.revokedCoupons ?? []), ...revoked] } : {}),
        ...(share.whole ? { status: 'refunded' as const, refundedAt: now, refundReason: ask.reason } : {}),
    };
    await tx.collection(COLLECTIONS.orders).doc(order._id).update({ data: written });
    // A refunded purchase no longer counts as what the paid card saved (开卡保本).
    const card = member.paid && current.paidAt && share.savingsFen ? addSavings(member.paid, current.paidAt, -share.savingsFen) : null;
    await applyMemberChange(tx, current.openid, change, { ...extra, ...(card ? { paid: card } : {}) });
    return { before: current, after: { ...current, ...written }, entry, fresh: true };
  });
  const { before, after, entry, fresh } = done;
  if (after.refundsPending) await finishRefunds(db, after, now);
  if (entry && fresh) {
    await notifyQuietly(db, before.openid, refundDoneNotice({ orderId: before.orderId, refundFen: entry.refundFen, at: now, ref: entry.refundId }), now, accepts.refundDone ?? 0);
    if (tierMove) await notifyQuietly(db, before.openid, tierChangedNotice({ ...tierMove, at: now, ref: `refund:${entry.refundId}` }), now, accepts.tierChanged ?? 0);
  }
  return { entry, order: after };
}

/**
 * What follows recorded refunds: each one's goods back on the shelf (if they were not handed over),
 * then its money. Repeatable: a release is marked per refund on each counter, a money refund asked
 * with the refund's own number; `refundsPending` is cleared only when nothing is left to do.
 */
export async function finishRefunds(db: Database, order: OrderRecord, now: Date): Promise<boolean> {
  const entries = order.refunds ?? [];
  let pending = false;
  const states: Record<string, RefundEntry['refundState']> = {};
  for (const [i, entry] of entries.entries()) {
    if (entry.release && !entry.released) {
      await afterCommit(`stock of refund ${entry.refundId}`, async () => {
        await releaseRefunded(db, order, entry, i, now);
        entry.released = true;
      });
      if (!entry.released) pending = true;
    }
    if (entry.refundState === 'requested' || entry.refundState === 'failed') {
      // Asked under the refund's own number: asking again after a crash answers the same refund.
      const accepted = await requestRefund({ outTradeNo: order.outTradeNo, outRefundNo: outRefundNo(order.outTradeNo, entry.n), totalFen: order.payableFen, refundFen: entry.refundFen, reason: entry.reason || '用户申请退款' });
      entry.refundState = accepted ? 'accepted' : 'failed';
      states[`refunds.${i}.refundState`] = entry.refundState;
      if (!accepted) pending = true;
    }
  }
  const owed = entries.some((r) => r.refundState !== 'none');
  // One write records the money's answers and, when nothing is left to do, clears the pending flag;
  // the flag only if no refund was added meanwhile (that one's own call finishes it).
  const done = pending ? {} : { refundsPending: false, refundState: owed ? 'accepted' : 'none' };
  if (!Object.keys(states).length && pending) return false;
  await afterCommit(`state of the refunds of ${order.orderId}`, async () => {
    await db
      .collection(COLLECTIONS.orders)
      .where({ _id: order._id, refunds: db.command.size(entries.length) })
      .update({ data: { ...states, ...done } });
    if (!pending) order.refundsPending = false;
  });
  return !pending && order.refundsPending === false;
}
