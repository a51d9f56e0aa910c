import type { Database } from '../platform/handler';
import { DomainError } from '../platform/errors';
import { addLedgerEntry, existsInTx, memberInTx } from '../data/ledger';
import { COLLECTIONS } from '../platform/collections';
import { withTransaction, type Transaction } from '../platform/transaction';

/** Locks the points an order spends: taken from the balance now, given back if the order is cancelled. */
export async function lockPoints(db: Database, openid: string, orderId: string, points: number, now: Date): Promise<void> {
  if (points <= 0) return;
  await withTransaction(db, async (tx: Transaction) => {
    const member = await memberInTx(tx, openid);
    if (member.points < points) throw new DomainError('NOT_ELIGIBLE', '积分余额不足，请刷新后重试');
    const balance = member.points - points;
    await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { points: balance } });
    await addLedgerEntry(tx, { key: `points:lock:${orderId}`, openid, kind: 'points', delta: -points, balance, reason: '下单积分抵扣', ref: orderId, at: now });
  });
}

/**
 * Gives an order's locked points back, once (its ledger key). `onlyIfLocked`: for an order that died
 * while reserving, only when the lock's own ledger entry shows the points were taken.
 */
export async function releasePoints(db: Database, openid: string, orderId: string, points: number, now: Date, options: { onlyIfLocked?: boolean } = {}): Promise<void> {
  if (points <= 0) return;
  await withTransaction(db, async (tx: Transaction) => {
    if (await existsInTx(tx, COLLECTIONS.ledger, `points:release:${orderId}`)) return;
    if (options.onlyIfLocked && !(await existsInTx(tx, COLLECTIONS.ledger, `points:lock:${orderId}`))) return;
    const member = await memberInTx(tx, openid);
    const balance = member.points + points;
    await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { points: balance } });
    await addLedgerEntry(tx, { key: `points:release:${orderId}`, openid, kind: 'points', delta: points, balance, reason: '订单取消，积分退回', ref: orderId, at: now });
  });
}
