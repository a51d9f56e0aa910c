import { endOfBusinessDay } from '@core/businessTime';
import { creditPayment } from '@core/growth';
import { isPaidActive } from '@core/member';
import { addSavings } from '@core/membership';
import { combineChanges, withExpirySettled } from '@core/tierExpiry';
import { VOUCHER_VALID_DAYS } from '@core/voucher';
import { paidNotice, tierChangedNotice, type Subscriptions } from '@core/notice';
import type { Tier } from '@core/tier';
import { notifyQuietly } from './notices';
import { grantDueUpgradePacks, tiersReached } from './benefits';
import { COLLECTIONS, docOf, isDuplicateKey, rowsOf } from '../platform/collections';
import { useCouponInTx } from './couponUse';
import type { Database } from '../platform/handler';
import { applyMemberChange, memberInTx } from '../data/ledger';
import type { OrderRecord } from '../data/orders';
import { withTransaction, type Transaction } from '../platform/transaction';
import { grantDueReferral, referralOwedInTx, type ReferralOwed } from './referral';
import { issueVoucherCode, shortCodeFor } from '../platform/voucher';

export type SettleOutcome = 'paid' | 'already processed' | 'cancelled';

/** Claims a short code for the order; the same order always ends with the same code. */
async function claimShortCode(db: Database, orderId: string, expiresAt: Date): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const shortCode = shortCodeFor(orderId, attempt);
    try {
      await db.collection(COLLECTIONS.voucherCodes).add({ data: { _id: shortCode, orderId, expiresAt } });
      return shortCode;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const [taken] = rowsOf<{ orderId: string }>(await db.collection(COLLECTIONS.voucherCodes).where({ _id: shortCode }).limit(1).get());
      if (taken?.orderId === orderId) return shortCode;
    }
  }
  throw new Error(`no free short code for ${orderId}`);
}

/**
 * Marks an unpaid order paid, exactly once: the status change, the voucher, the member's growth,
 * points and tier, the coupon's use and the paid card's savings commit in one transaction guarded
 * on the order still waiting for payment. Used by the payment callback and, for an order whose
 * payable is ¥0, by `create` itself (nothing to pay, so nothing earned but the order).
 */
export async function settlePaidOrder(db: Database, order: Pick<OrderRecord, '_id'>, transactionId: string | null, at: Date): Promise<SettleOutcome> {
  const { outcome } = await settlePayment(db, order._id, transactionId, at);
  return outcome === 'unknown' || outcome === 'amount mismatch' ? 'already processed' : outcome;
}

/**
 * The payment callback's settlement, from the order's id alone: the order is read once, inside the
 * transaction that marks it paid (no read before it), and what the callback must refuse (an unknown
 * order, an amount that is not the order's) is refused from that read, writing nothing.
 */
export async function settlePayment(
  db: Database,
  orderId: string,
  transactionId: string | null,
  at: Date,
  expectFen?: number,
): Promise<{ outcome: SettleOutcome | 'unknown' | 'amount mismatch'; order: OrderRecord | null }> {
  const voucherExpiresAt = endOfBusinessDay(at, VOUCHER_VALID_DAYS);
  const shortCode = await claimShortCode(db, orderId, voucherExpiresAt);

  let referral: ReferralOwed | null = null;
  let tierMove = null as { from: Tier; to: Tier } | null;
  let accepts = {} as Subscriptions;
  let packsDue = false;
  let order: OrderRecord | null = null;
  const outcome = await withTransaction(db, async (tx: Transaction): Promise<SettleOutcome | 'unknown' | 'amount mismatch'> => {
    let current: OrderRecord;
    try {
      current = docOf<OrderRecord>(await tx.collection(COLLECTIONS.orders).doc(orderId).get());
    } catch {
      return 'unknown';
    }
    order = current;
    if (expectFen !== undefined && expectFen !== current.payableFen) return 'amount mismatch';
    // Cancelled before the money came (the timeout or the member): the money goes back.
    if (current.status === 'cancelled') return 'cancelled';
    if (current.status !== 'pending_payment') {
      // A repeated callback finishes an invitation's rewards a crash may have left (see grantDueReferral).
      referral = (current as OrderRecord & { referral?: ReferralOwed }).referral ?? null;
      return 'already processed';
    }
    const code = issueVoucherCode({ orderId: current.orderId, storeId: current.storeId, expiresAtMs: voucherExpiresAt.getTime() });
    const stored = await memberInTx(tx, current.openid);
    // The first paid order of an invitee pays the invitation (once: only this transaction sees it first).
    const first = (stored.paidOrderCount ?? 0) === 0;
    referral = first && stored.invitedBy ? await referralOwedInTx(tx, stored.invitedBy) : null;
    const { member, change: expiry } = withExpirySettled(stored, at);
    const credit = creditPayment(member, { orderId: current.orderId, paidFen: current.payableFen, paidMember: isPaidActive(member, at), now: at });
    const change = combineChanges(expiry, credit);
    await tx.collection(COLLECTIONS.orders).doc(orderId).update({
      data: {
        status: 'paid',
        paidAt: at,
        transactionId,
        growthEarned: (change.set.growth ?? member.growth) - member.growth,
        pointsEarned: (change.set.points ?? member.points) - member.points,
        voucher: { code, shortCode, expiresAt: voucherExpiresAt },
        ...(referral ? { referral } : {}),
      },
    });
    const reached = tiersReached(member.tier, change.set.tier ?? member.tier);
    packsDue = reached.length > 0 || (stored.upgradePacksDue ?? []).length > 0;
    accepts = stored.subscriptions ?? {};
    if (change.set.tier && change.set.tier !== stored.tier) tierMove = { from: stored.tier, to: change.set.tier };
    const card = member.paid ? addSavings(member.paid, at, current.membershipSavingsFen ?? 0) : null;
    await applyMemberChange(tx, current.openid, change, {
      paidOrderCount: (member.paidOrderCount ?? 0) + 1,
      ...(reached.length ? { upgradePacksDue: [...new Set([...(stored.upgradePacksDue ?? []), ...reached])] } : {}),
      ...(card && card !== member.paid ? { paid: card } : {}),
      ...(first ? { firstPaidAt: at } : {}),
      ...(referral ? { referralDue: orderId } : {}),
    });
    if (current.couponId) await useCouponInTx(tx, current.couponId, current.orderId, at);
    return 'paid';
  });
  const settled = order as OrderRecord | null;
  if (!settled || outcome === 'unknown' || outcome === 'amount mismatch') return { outcome, order: settled };
  // Upgrade gift packs due from this payment or an earlier, interrupted one (a repeat delivery looks
  // again; a first one only when its transaction saw packs due).
  if (outcome === 'already processed' || (outcome === 'paid' && packsDue)) await grantDueUpgradePacks(db, settled.openid, at);
  if (referral) await grantDueReferral(db, { _id: orderId, openid: settled.openid, referral }, at);
  if (outcome === 'paid') {
    await notifyQuietly(db, settled.openid, paidNotice({ orderId: settled.orderId, payableFen: settled.payableFen, storeName: settled.storeName, shortCode, paidAt: at }), at, accepts.paid ?? 0);
    if (tierMove) await notifyQuietly(db, settled.openid, tierChangedNotice({ ...tierMove, at, ref: `pay:${settled.orderId}` }), at, accepts.tierChanged ?? 0);
  }
  return { outcome, order: settled };
}
