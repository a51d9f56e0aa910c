import { randomBytes } from 'node:crypto';
import { AUDIT_PAGE_SIZE, type AuditEntry } from '@contract/admin';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { CallContext, Database } from '@lib/platform/handler';
import type { Transaction } from '@lib/platform/transaction';

/** What an admin write did, for the audit log (操作日志). */
export interface AuditFact {
  action: string;
  entity: string;
  id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface AuditRecord extends Omit<AuditEntry, 'at'> {
  _id: string;
  at: Date;
}

/**
 * Ids sort as time: 15 digits of milliseconds, then randomness, so the newest-first page is one
 * ordered read and the cursor is simply the last id seen.
 */
const auditId = (at: Date) => `${String(at.getTime()).padStart(15, '0')}-${randomBytes(4).toString('hex')}`;

/** Fields the platform stamps on every write: noise in a before/after comparison. */
const STAMPS = new Set(['updatedAt', 'updatedBy', '_openid']);

function plain(doc: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!doc) return null;
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !STAMPS.has(k)));
}

function recordOf(ctx: Pick<CallContext, 'openid' | 'now'>, fact: AuditFact): AuditRecord {
  return { _id: auditId(ctx.now), at: ctx.now, by: ctx.openid, action: fact.action, entity: fact.entity, id: fact.id, before: plain(fact.before), after: plain(fact.after) };
}

/** Records the write in the same transaction as the write itself: an audited change and its record commit together. */
export async function auditInTx(tx: Transaction, ctx: Pick<CallContext, 'openid' | 'now'>, fact: AuditFact): Promise<void> {
  await tx.collection(COLLECTIONS.auditLog).add({ data: recordOf(ctx, fact) });
}

/** Records a write that is not a single transaction (stock by compare-and-set, grants through their own paths): right after it. */
export async function audit(db: Database, ctx: Pick<CallContext, 'openid' | 'now'>, fact: AuditFact): Promise<void> {
  await db.collection(COLLECTIONS.auditLog).add({ data: recordOf(ctx, fact) });
}

export async function auditPage(ctx: CallContext, cursor: string | null | undefined): Promise<{ entries: AuditEntry[]; cursor: string | null }> {
  const { db } = ctx;
  const rows = rowsOf<AuditRecord>(
    await db
      .collection(COLLECTIONS.auditLog)
      .where(cursor ? { _id: db.command.lt(cursor) } : {})
      .orderBy('_id', 'desc')
      .limit(AUDIT_PAGE_SIZE + 1)
      .get(),
  );
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    entries: page.map(({ at, by, action, entity, id, before, after }) => ({ at: new Date(at).toISOString(), by, action, entity, id, before, after })),
    cursor: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]._id : null,
  };
}
