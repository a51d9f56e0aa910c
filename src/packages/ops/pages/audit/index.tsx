import { useCallback, useEffect, useRef, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { AuditEntry } from '@contract/admin';
import { ErrorState } from '@/components/error-state';
import { ListFooter } from '@/packages/ops/components/list-footer';
import { OpsDenied } from '@/packages/ops/components/ops-denied';
import { OpsEmpty, OpsPage, OpsSkeleton } from '@/packages/ops/components/ops-page';
import { listAll } from '@/packages/ops/model/api';
import { callCloud, toCloudCallError, type CloudCallError } from '@/services/cloud';
import { AuditEntryCard } from './components/audit-entry';
import './index.scss';

interface AuditState {
  entries: AuditEntry[];
  cursor: string | null;
  loaded: boolean;
  loading: boolean;
  error: CloudCallError | null;
}

/** Staff names by openid, to say who wrote (the openid alone when unknown). */
function useStaffNames(enabled: boolean): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!enabled) return;
    listAll('staff').then(
      (staff) => setNames(Object.fromEntries(staff.filter((s) => typeof s.name === 'string').map((s) => [String(s.openid), String(s.name)]))),
      () => undefined,
    );
  }, [enabled]);
  return names;
}

/** 运营 · 操作日志: every admin write, newest first, 20 a page, with what each changed. */
export default function AuditPage() {
  const [state, setState] = useState<AuditState>({ entries: [], cursor: null, loaded: false, loading: false, error: null });
  const stateRef = useRef(state);
  stateRef.current = state;
  const latest = useRef(0);
  const names = useStaffNames(state.loaded);

  const load = useCallback(async (fresh: boolean) => {
    const before = stateRef.current;
    if (!fresh && (before.loading || !before.cursor)) return;
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    try {
      const cursor = fresh ? null : before.cursor;
      const page = await callCloud('admin', { action: 'audit', ...(cursor ? { cursor } : {}) });
      if (call !== latest.current) return;
      setState((s) => ({ entries: fresh ? page.entries : [...s.entries, ...page.entries], cursor: page.cursor, loaded: true, loading: false, error: null }));
    } catch (err) {
      if (call === latest.current) setState((s) => ({ ...s, loading: false, error: toCloudCallError(err) }));
    }
  }, []);

  useEffect(() => {
    void load(true);
  }, [load]);
  useReachBottom(() => void load(false));
  usePullDownRefresh(() => void load(true).then(() => Taro.stopPullDownRefresh()));

  let body: JSX.Element;
  if (state.error?.code === 'FORBIDDEN') body = <OpsDenied message={state.error.message} />;
  else if (!state.loaded && state.error) body = <ErrorState message={state.error.message} onRetry={() => void load(true)} retrying={state.loading} />;
  else if (!state.loaded) body = <OpsSkeleton />;
  else if (state.entries.length === 0) body = <OpsEmpty text='还没有操作记录' hint='运营后台的每次保存、改库存、发放都会记在这里' />;
  else
    body = (
      <View className='ops-audit__list' data-testid='audit-list'>
        {state.entries.map((entry, i) => (
          <AuditEntryCard key={`${entry.at}:${entry.id}:${i}`} entry={entry} who={names[entry.by] ? `${names[entry.by]}（${entry.by}）` : entry.by} />
        ))}
        <ListFooter state={{ loading: state.loading, error: state.error?.message ?? null, cursor: state.cursor }} onMore={() => void load(false)} />
      </View>
    );
  return (
    <OpsPage title='操作日志' subtitle='最新的在前'>
      {body}
    </OpsPage>
  );
}
