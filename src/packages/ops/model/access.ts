import { useCallback, useEffect, useRef, useState } from 'react';
import type { StaffResponses } from '@contract/staff';
import { callCloud, toCloudCallError, type CloudCallError } from '@/services/cloud';

export type StaffMe = NonNullable<StaffResponses['me']>;

/**
 * Who is at the console, as the server decides it: an admin (the admin API answers), a store
 * manager (the admin API refuses, staff.me says 店长: they keep their own store's shelf), anyone
 * else refused with the server's own words (仅管理员可以执行此操作), or a failure to retry.
 */
export type OpsAccess =
  | { kind: 'checking' }
  | { kind: 'admin' }
  | { kind: 'manager'; me: StaffMe }
  | { kind: 'denied'; error: CloudCallError }
  | { kind: 'failed'; error: CloudCallError };

export async function checkAccess(): Promise<OpsAccess> {
  // An admin-only read (one small document): store managers may list products and stores, not this.
  const [probe, me] = await Promise.allSettled([callCloud('admin', { action: 'list', entity: 'referralRule' }), callCloud('staff', { action: 'me' })]);
  if (probe.status === 'fulfilled') return { kind: 'admin' };
  const error = toCloudCallError(probe.reason);
  if (error.code !== 'FORBIDDEN') return { kind: 'failed', error };
  if (me.status === 'fulfilled' && me.value?.role === 'manager') return { kind: 'manager', me: me.value };
  return { kind: 'denied', error };
}

export function useOpsAccess(): { access: OpsAccess; recheck: () => void } {
  const [access, setAccess] = useState<OpsAccess>({ kind: 'checking' });
  const mounted = useRef(true);
  const recheck = useCallback(() => {
    setAccess({ kind: 'checking' });
    void checkAccess().then((a) => {
      if (mounted.current) setAccess(a);
    });
  }, []);
  useEffect(() => {
    mounted.current = true;
    recheck();
    return () => {
      mounted.current = false;
    };
  }, [recheck]);
  return { access, recheck };
}
