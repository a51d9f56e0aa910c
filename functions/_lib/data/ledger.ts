import type { LedgerEntry, MemberChange } from '@core/growth';
import type { Member } from '@core/member';
import { COLLECTIONS, docOf } from '../platform/collections';
import { DomainError } from '../platform/errors';
import type { Transaction } from '../platform/transaction';

/** Reads the member inside a transaction (a snapshot), or fails as NOT_FOUND. */
export async function memberInTx(tx: Transaction, openid: string): Promise<Member> {
  try {
    return docOf<Member>(await tx.collection(COLLECTIONS.members).doc(openid).get());
  } catch {
    throw new DomainError('NOT_FOUND', '会员不存在');
  }
}

/**
 * Applies a member change and writes its ledger entries in the same transaction. Each entry's _id is
 * its key (`growth:pay:<orderId>` …), so the same cause can never be written twice.
 */
export async function applyMemberChange(tx: Transaction, openid: string, change: MemberChange, extra: Record<string, unknown> = {}): Promise<void> {
  await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { ...change.set, ...extra } });
  for (const entry of change.entries) await addLedgerEntry(tx, entry);
}

export async function addLedgerEntry(tx: Transaction, entry: LedgerEntry): Promise<void> {
  await tx.collection(COLLECTIONS.ledger).add({ data: { _id: entry.key, ...entry } });
}

/** Whether a document exists, read inside the transaction (the SDK reports a missing one by throwing). */
export async function existsInTx(tx: Transaction, collection: string, id: string): Promise<boolean> {
  try {
    await tx.collection(collection).doc(id).get();
    return true;
  } catch {
    return false;
  }
}
