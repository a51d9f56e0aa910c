import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { holdCode, RETRY_MS, type HeldCode } from './model';
import { isOffline } from './screen';

export interface CodeFailure {
  offline: boolean;
  message: string;
}

export interface MemberCodeState {
  /** The code to show, or null before the first answer and once it has expired. */
  held: HeldCode | null;
  /** The last attempt failed (a code may still be shown while it is valid). */
  failure: CodeFailure | null;
  loading: boolean;
  /** Asks for a new code now. */
  refresh: () => void;
}

export const OFFLINE_MESSAGE = '网络未连接，请检查网络后重试';

/**
 * The member code while the page is on screen: a new one when the page shows, at the server's
 * refresh time (each minute) and at once when the one shown expires; nothing runs while hidden.
 * A failed refresh keeps a still-valid code on screen and tries again shortly.
 */
export function useMemberCode(): MemberCodeState {
  const [held, setHeld] = useState<HeldCode | null>(null);
  const [failure, setFailure] = useState<CodeFailure | null>(null);
  const [loading, setLoading] = useState(true);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const expiryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Each call's number: an answer that arrives after a newer call, or after the page hid, is dropped.
  const latest = useRef(0);
  const shown = useRef(false);

  const stop = useCallback(() => {
    clearTimeout(refreshTimer.current);
    clearTimeout(expiryTimer.current);
    latest.current += 1;
  }, []);

  const fetchCode = useCallback(async () => {
    clearTimeout(refreshTimer.current);
    const call = ++latest.current;
    setLoading(true);
    try {
      const answer = await callCloud('member', { action: 'code' });
      if (call !== latest.current) return;
      const next = holdCode(answer, Date.now());
      setHeld(next);
      setFailure(null);
      clearTimeout(expiryTimer.current);
      refreshTimer.current = setTimeout(() => void fetchCode(), next.refreshAtMs - Date.now());
      // Should the refresh fail, the code leaves the screen when the clerk could no longer use it.
      expiryTimer.current = setTimeout(() => {
        setHeld(null);
        void fetchCode();
      }, next.expiresAtMs - Date.now());
    } catch (err) {
      const offline = await isOffline();
      if (call !== latest.current) return;
      setFailure({ offline, message: offline ? OFFLINE_MESSAGE : toCloudCallError(err).message });
      refreshTimer.current = setTimeout(() => void fetchCode(), RETRY_MS);
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, []);

  useDidShow(() => {
    shown.current = true;
    void fetchCode();
  });
  useDidHide(() => {
    shown.current = false;
    stop();
  });

  // Back online: a fresh code at once instead of waiting for the next retry.
  useEffect(() => {
    const onChange = (res: { isConnected: boolean }) => {
      if (res.isConnected && shown.current) void fetchCode();
    };
    try {
      Taro.onNetworkStatusChange(onChange);
    } catch {
      // no network events here: the retry timer still brings the code back
    }
    return () => {
      stop();
      try {
        Taro.offNetworkStatusChange(onChange);
      } catch {
        // nothing was registered
      }
    };
  }, [fetchCode, stop]);

  return { held, failure, loading, refresh: () => void fetchCode() };
}
