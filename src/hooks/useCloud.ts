import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { toastError } from '../services/action';
import { toCloudCallError, type CloudCallError } from '../services/cloud';

export interface CloudState<T> {
  data: T | undefined;
  error: CloudCallError | undefined;
  /** True while a call is in flight, including a reload that keeps showing the previous data. */
  loading: boolean;
  /** Calls again; resolves when the answer (or the error) is in. Never rejects. */
  reload: () => Promise<void>;
}

/**
 * Loading and error state around one backend call, e.g.
 * `useCloud(() => callCloud('member', { action: 'profile' }), [])`.
 * Runs on mount and whenever `deps` change; an answer that arrives after a newer call started is dropped.
 */
export function useCloud<T>(fetcher: () => Promise<T>, deps: DependencyList): CloudState<T> {
  const [state, setState] = useState<Omit<CloudState<T>, 'reload'>>({ data: undefined, error: undefined, loading: true });
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const latestCall = useRef(0);
  const mounted = useRef(true);

  const reload = useCallback(async () => {
    const call = ++latestCall.current;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await fetcherRef.current();
      if (mounted.current && call === latestCall.current) setState({ data, error: undefined, loading: false });
    } catch (err) {
      if (mounted.current && call === latestCall.current) setState((s) => ({ data: s.data, error: toCloudCallError(err), loading: false }));
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { ...state, reload };
}

/**
 * A failed reload that keeps the last answer on screen only says so, in a toast; with nothing on
 * screen the page shows the error inline (ErrorState) instead. `shown`: what the page is showing.
 */
export function useRefreshErrorToast(error: CloudCallError | undefined, shown: unknown): void {
  useEffect(() => {
    if (error && shown) toastError(error.message);
  }, [error, shown]);
}
