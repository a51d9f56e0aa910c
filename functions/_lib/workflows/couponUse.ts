import type { WalletCoupon } from '@core/coupon';
import type { Member } from '@core/member';
import { aggregateList, COLLECTIONS, rowsOf, subPipeline, updatedOf } from '../platform/collections';
import { loadOrCreateMember } from '../data/members';
import type { CouponRecord } from './couponIssue';
import { DomainError } from '../platform/errors';
import type { CallContext, Database } from '../platform/handler';
import type { Transaction } from '../platform/transaction';

/** The member's coupons that could still go on an order (unused; validity is the core's check). */
export async function loadUsableCoupons(db: Database, openid: string): Promise<CouponRecord[]> {
  return rowsOf<CouponRecord>(await db.collection(COLLECTIONS.coupons).where({ openid, status: 'unused' }).orderBy('validTo', 'asc').limit(200).get());
}

/**
 * The member and their usable coupons in one request (the member joined with their unused coupons by
 * the member's coupons index): pricing needs both. A first visit, with no record yet, creates it.
 */
export async function loadMemberWithCoupons(ctx: Pick<CallContext, 'db' | 'openid' | 'now'>): Promise<{ member: Member; wallet: CouponRecord[] }> {
  const { db, openid } = ctx;
  const usable = subPipeline(db).match({ openid, status: 'unused' }).sort({ validTo: 1 }).limit(200).done();
  const [row] = await aggregateList<Member & { wallet: CouponRecord[] }>(db.collection(COLLECTIONS.members).aggregate().match({ _id: openid }).limit(1).lookup({ from: COLLECTIONS.coupons, pipeline: usable, as: 'wallet' }));
  if (!row) return { member: await loadOrCreateMember(ctx), wallet: [] };
  const { wallet, ...member } = row;
  return { member, wallet };
}

export function asWalletCoupon(c: CouponRecord): WalletCoupon {
  return { ...c.terms, couponId: c.couponId, name: c.name, status: c.status === 'revoked' ? 'expired' : c.status, validFrom: c.validFrom, validTo: c.validTo };
}

/** One coupon per order: the lock is a guarded update, so two orders racing for it cannot both win. */
export async function lockCoupon(db: Database, couponId: string, openid: string, orderId: string): Promise<void> {
  const res = await db.collection(COLLECTIONS.coupons).where({ _id: couponId, openid, status: 'unused' }).update({ data: { status: 'locked', lockedBy: orderId } });
  if (updatedOf(res) !== 1) throw new DomainError('NOT_ELIGIBLE', '优惠券已被其他订单使用，请重新选择');
}

/** Gives a cancelled order's coupon back, only if this order still holds it. */
export async function unlockCoupon(db: Database, couponId: string, orderId: string): Promise<void> {
  await db.collection(COLLECTIONS.coupons).where({ _id: couponId, status: 'locked', lockedBy: orderId }).update({ data: { status: 'unused', lockedBy: null } });
}

/** Marks the coupon used, inside the payment's transaction. */
export async function useCouponInTx(tx: Transaction, couponId: string, orderId: string, now: Date): Promise<void> {
  await tx.collection(COLLECTIONS.coupons).doc(couponId).update({ data: { status: 'used', usedBy: orderId, usedAt: now } });
}
