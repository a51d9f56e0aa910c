import { COLLECTIONS, isDuplicateKey, rowsOf, updatedOf } from '../_lib/collections';
import { DomainError } from '../_lib/errors';
import type { Database } from '../_lib/handler';

/** Wrong short codes a staff member may type in one window before being stopped (8 digits: guessing must not pay). */
export const MAX_FAILED_ATTEMPTS = 5;
export const ATTEMPT_WINDOW_MS = 10 * 60 * 1000;

const windowId = (openid: string, now: Date) => `${openid}:${Math.floor(now.getTime() / ATTEMPT_WINDOW_MS)}`;

export async function assertNotLockedOut(db: Database, openid: string, now: Date): Promise<void> {
  const [row] = rowsOf<{ count: number }>(await db.collection(COLLECTIONS.redeemAttempts).where({ _id: windowId(openid, now) }).limit(1).get());
  if ((row?.count ?? 0) >= MAX_FAILED_ATTEMPTS) throw new DomainError('TOO_MANY_ATTEMPTS', '取货码输错次数过多，请 10 分钟后再试或扫码核销');
}

export async function recordFailedAttempt(db: Database, openid: string, now: Date): Promise<void> {
  const _ = db.command;
  const id = windowId(openid, now);
  const bumped = await db.collection(COLLECTIONS.redeemAttempts).where({ _id: id }).update({ data: { count: _.inc(1) } });
  if (updatedOf(bumped) === 1) return;
  try {
    await db.collection(COLLECTIONS.redeemAttempts).add({ data: { _id: id, openid, count: 1, at: now } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    await db.collection(COLLECTIONS.redeemAttempts).where({ _id: id }).update({ data: { count: _.inc(1) } });
  }
}
