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
