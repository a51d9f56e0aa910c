import type { Database } from './handler';
import { isTransactionConflict } from './collections';
import { DomainError } from './errors';

/**
 * What a transaction offers: single-document operations only, as the service allows (no where()).
 * wx-server-sdk types it as any; this is the part our code uses, so a misuse fails to compile.
 */
export interface Transaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<unknown>;
      update(options: { data: object }): Promise<unknown>;
      set(options: { data: object }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
    add(options: { data: object }): Promise<unknown>;
  };
}

/**
 * Runs `work` in a database transaction, again when another writer of the same document won
 * (the SDK retries only conflicts reported at commit; a conflict on a document operation surfaces
 * as an error, and running the whole callback again is what makes it safe). After the last try the
 * caller gets CONFLICT, a "retry later" it can show.
 */
export async function withTransaction<T>(db: Database, work: (tx: Transaction) => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await db.runTransaction(async (tx: Transaction) => work(tx), 1)) as T;
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const cause = (err as { cause?: unknown })?.cause;
      if (cause instanceof DomainError) throw cause;
      if (!isTransactionConflict(err) || attempt >= attempts) {
        if (isTransactionConflict(err)) throw new DomainError('CONFLICT');
        throw err;
      }
      await new Promise((ok) => setTimeout(ok, 5 + Math.floor(Math.random() * 20 * attempt)));
    }
  }
}
