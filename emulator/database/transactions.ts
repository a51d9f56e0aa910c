import { randomBytes } from 'node:crypto';
import { DbError, ErrorCode } from './errors';
import type { Doc } from './ejson';
import type { Store, Write } from './store';

export interface Transaction {
  readonly id: string;
  /** Store.seq at start: the transaction reads versions committed up to here, plus its own writes. */
  readonly snapshotSeq: number;
  readonly startedAtMs: number;
  /** Buffered writes by lock key; applied together at commit. */
  readonly writes: Map<string, Write>;
  /** Every document this transaction has locked (a matched update that changed nothing still locks). */
  readonly locks: Set<string>;
  timer?: NodeJS.Timeout;
}

/** Thrown by a plain write that found a document locked by a transaction: retry when it frees. */
export class LockWait {
  constructor(readonly lockKey: string) {}
}

/**
 * The real service's wording. TencentCloudBase/node-sdk asserts both verbatim against the service
 * (test/database/unit/transaction.test.ts: a write to a document changed outside the snapshot, and
 * a write after commit), and deployed functions log the same texts. The service gives one message
 * per code whatever the cause, so the emulator does too. wx-server-sdk shows it to a caller as
 * errCode -501001 with errMsg "<api>:fail -501001 resource system error. <message>"; commit and
 * rollback reject with the raw { code, message, requestId }.
 */
export const TRANSACTION_CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
export const TRANSACTION_NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';

const conflict = () => new DbError(ErrorCode.DATABASE_TRANSACTION_CONFLICT, TRANSACTION_CONFLICT_MESSAGE);
const notExist = () => new DbError(ErrorCode.DATABASE_TRANSACTION_FAIL, TRANSACTION_NOT_EXIST_MESSAGE);

export function lockKey(collection: string, key: string): string {
  return `${collection}\u0000${key}`;
}

/**
 * Snapshot-isolated transactions over the Store's versions. A transaction's write locks the
 * document: another transaction writing it fails at once with DATABASE_TRANSACTION_CONFLICT, and a
 * plain write waits (see LockWait). Writing a document someone committed after this transaction
 * started is a conflict too (first committer wins). Elapsed time is real time, not the dev clock:
 * the 30 s limit protects the service, not the business logic.
 */
export class Transactions {
  private readonly open = new Map<string, Transaction>();
  private readonly lockOwners = new Map<string, string>();
  private readonly waiters = new Map<string, Array<() => void>>();

  constructor(
    private readonly store: Store,
    private readonly timeoutMs: number,
  ) {
    store.oldestSnapshot = () => {
      let oldest: number | undefined;
      for (const tx of this.open.values()) if (oldest === undefined || tx.snapshotSeq < oldest) oldest = tx.snapshotSeq;
      return oldest;
    };
  }

  start(): Transaction {
    const tx: Transaction = {
      id: randomBytes(16).toString('hex'),
      snapshotSeq: this.store.seq,
      startedAtMs: Date.now(),
      writes: new Map(),
      locks: new Set(),
    };
    // An abandoned transaction (function crashed, never committed) must not hold its locks forever.
    tx.timer = setTimeout(() => this.end(tx), this.timeoutMs);
    tx.timer.unref();
    this.open.set(tx.id, tx);
    return tx;
  }

  /** The open transaction with this id, or DATABASE_TRANSACTION_FAIL. */
  use(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    // Unknown, committed, aborted or past its time limit: the service cannot tell them apart either.
    if (!tx) throw notExist();
    if (Date.now() - tx.startedAtMs > this.timeoutMs) {
      this.end(tx);
      throw notExist();
    }
    return tx;
  }

  read(tx: Transaction, collection: string, key: string): Doc | null {
    const own = tx.writes.get(lockKey(collection, key));
    if (own) return own.doc;
    return this.store.readAt(collection, key, tx.snapshotSeq);
  }

  /** Lock the document for `tx` and, unless `doc` is undefined (matched but unchanged), buffer the write. */
  write(tx: Transaction, collection: string, key: string, doc: Doc | null | undefined): void {
    const lock = lockKey(collection, key);
    const owner = this.lockOwners.get(lock);
    // Locked by another transaction, or changed after this one started (first committer wins).
    if (owner !== undefined && owner !== tx.id) throw conflict();
    const head = this.store.head(collection, key);
    if (head && head.seq > tx.snapshotSeq) throw conflict();
    if (doc !== undefined) {
      const write: Write = { collection, key, doc };
      // Checked now against committed data so the failing call is the one reported; again at commit.
      this.store.checkUnique([...tx.writes.values()].filter((w) => lockKey(w.collection, w.key) !== lock).concat(write));
      tx.writes.set(lock, write);
    }
    tx.locks.add(lock);
    this.lockOwners.set(lock, tx.id);
  }

  /** Apply every buffered write atomically; on any failure the transaction is aborted. */
  commit(tx: Transaction): void {
    try {
      for (const write of tx.writes.values()) {
        const head = this.store.head(write.collection, write.key);
        if (head && head.seq > tx.snapshotSeq) throw conflict();
      }
      this.store.commit([...tx.writes.values()]);
    } finally {
      this.end(tx);
    }
  }

  abort(tx: Transaction): void {
    this.end(tx);
  }

  /** Id of the transaction holding the document's write lock, if any. */
  lockedBy(collection: string, key: string): string | undefined {
    return this.lockOwners.get(lockKey(collection, key));
  }

  /** Resolves once the lock is free (immediately if it already is). */
  waitForUnlock(lock: string): Promise<void> {
    if (!this.lockOwners.has(lock)) return Promise.resolve();
    return new Promise((resolve) => {
      const list = this.waiters.get(lock) ?? [];
      list.push(resolve);
      this.waiters.set(lock, list);
    });
  }

  abortAll(): void {
    for (const tx of [...this.open.values()]) this.end(tx);
  }

  private end(tx: Transaction): void {
    if (this.open.get(tx.id) !== tx) return;
    clearTimeout(tx.timer);
    this.open.delete(tx.id);
    for (const lock of tx.locks) {
      this.lockOwners.delete(lock);
      const waiting = this.waiters.get(lock);
      this.waiters.delete(lock);
      for (const wake of waiting ?? []) wake();
    }
    this.store.prune();
  }
}
