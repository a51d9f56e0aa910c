import { useEffect, useRef, useState } from 'react';
import { toastError } from '@/services/action';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { HEARTBEAT_INTERVAL_MS } from './model';

export interface WatchState {
  /** Seconds watched as the server counted them at its last answer. */
  serverSeconds: number;
  /** This device's time of that answer (to move the display between beats). */
  atMs: number;
  /** True while the page is shown, entered, and beating. */
  beating: boolean;
}

interface Options {
  sessionId: string;
  /** Only a live session is entered and beaten. */
  live: boolean;
  /** Whether the page is on screen: hiding it stops the beats, showing it again enters again. */
  shown: boolean;
  /** What the server has counted so far, from live.sessions. */
  initialSeconds: number;
  onGranted: (couponIds: string[]) => void;
  /** enter refused (the session ended meanwhile): the page reloads the session. */
  onRefused: () => void;
}

/**
 * Watching a live session: `live.enter` each time the page is shown (the entry coupon on the first
 * time; it also restarts the server's heartbeat clock), then `live.heartbeat` every 60 s until the
 * page is hidden or unloaded. No duration is ever sent: the server measures the time between beats.
 */
export function useLiveWatch({ sessionId, live, shown, initialSeconds, onGranted, onRefused }: Options): WatchState {
  const [watch, setWatch] = useState<WatchState>({ serverSeconds: initialSeconds, atMs: Date.now(), beating: false });
  const callbacks = useRef({ onGranted, onRefused });
  callbacks.current = { onGranted, onRefused };

  // A newer live.sessions answer knows at least as much as we do.
  useEffect(() => {
    setWatch((w) => (initialSeconds > w.serverSeconds ? { ...w, serverSeconds: initialSeconds, atMs: Date.now() } : w));
  }, [initialSeconds]);

  useEffect(() => {
    if (!live || !shown) return undefined;
    let stopped = false;
    let entered = false;
    const counted = (seconds: number) => {
      if (!stopped) setWatch({ serverSeconds: seconds, atMs: Date.now(), beating: true });
    };
    const granted = (couponIds: string[]) => {
      if (!stopped && couponIds.length) callbacks.current.onGranted(couponIds);
    };

    const enter = async () => {
      try {
        const answer = await callCloud('live', { action: 'enter', sessionId });
        entered = true;
        counted(answer.watchedSeconds);
        granted(answer.granted);
      } catch (err) {
        if (stopped) return;
        const error = toCloudCallError(err);
        toastError(error.message);
        // Refused (the session ended meanwhile): stop and let the page show the new phase. Otherwise try again next tick.
        if (error.code === 'NOT_ELIGIBLE') {
          stop();
          callbacks.current.onRefused();
        }
      }
    };

    const beat = async () => {
      try {
        const answer = await callCloud('live', { action: 'heartbeat', sessionId });
        counted(answer.watchedSeconds);
        granted(answer.granted);
      } catch {
        // A lost beat costs at most one interval of credit: the next one carries on.
      }
    };

    const timer = setInterval(() => void (entered ? beat() : enter()), HEARTBEAT_INTERVAL_MS);
    function stop() {
      stopped = true;
      clearInterval(timer);
    }
    void enter();

    return () => {
      stop();
      setWatch((w) => ({ ...w, beating: false }));
    };
  }, [sessionId, live, shown]);

  return watch;
}
