import { COLLECTIONS, rowsOf } from '../platform/collections';
import { DomainError } from '../platform/errors';
import type { CallContext } from '../platform/handler';

export interface StaffRecord {
  _id: string;
  openid: string;
  storeId: string;
  role: 'clerk' | 'manager' | 'admin';
  active: boolean;
  name?: string;
}

/** The caller's staff record when active; roles live on the server, never in the request. */
export async function activeStaff({ db, openid }: Pick<CallContext, 'db' | 'openid'>): Promise<StaffRecord | null> {
  const [staff] = rowsOf<StaffRecord>(await db.collection(COLLECTIONS.staff).where({ _id: openid }).limit(1).get());
  return staff && staff.active ? staff : null;
}

/** ADMIN_OPENIDS (set in the console) bootstraps an empty environment before any staff exists. */
export function bootstrapAdmins(): string[] {
  return (process.env.ADMIN_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function requireAdmin(ctx: Pick<CallContext, 'db' | 'openid'>): Promise<void> {
  if (bootstrapAdmins().includes(ctx.openid)) return;
  const staff = await activeStaff(ctx);
  if (staff?.role !== 'admin') throw new DomainError('FORBIDDEN', '仅管理员可以执行此操作');
}

/**
 * An admin, or the manager of this store (店长): what a store's own console may do (its shelf). Answers
 * the caller's role for the audit.
 */
export async function requireStoreManager(ctx: Pick<CallContext, 'db' | 'openid'>, storeId: string): Promise<'admin' | 'manager'> {
  if (bootstrapAdmins().includes(ctx.openid)) return 'admin';
  const staff = await activeStaff(ctx);
  if (staff?.role === 'admin') return 'admin';
  if (staff?.role === 'manager' && staff.storeId === storeId) return 'manager';
  throw new DomainError('FORBIDDEN', staff?.role === 'manager' ? '只能管理本店的库存' : '仅管理员可以执行此操作');
}

/** Reading the shop's lists (products, stores) for the console: admins and store managers. */
export async function requireConsole(ctx: Pick<CallContext, 'db' | 'openid'>): Promise<void> {
  if (bootstrapAdmins().includes(ctx.openid)) return;
  const staff = await activeStaff(ctx);
  if (staff?.role !== 'admin' && staff?.role !== 'manager') throw new DomainError('FORBIDDEN', '仅管理员可以执行此操作');
}
