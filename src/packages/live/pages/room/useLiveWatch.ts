import { useEffect, useRef, useState } from 'react';
import { toastError } from '@/services/action';
import { callCloud, toCloudCallError } from '@/services/cloud';
import { HEARTBEAT_INTERVAL_MS } from './model';

export interface WatchState {
  /** Seconds watched as the server counted them at its last answer. */
  serverSeconds: number;
  /** This device's time of that answer, or of the moment the beats (re)started (to move the display between beats). */
  atMs: number;
  /** True while the page is shown, entered, the stream plays, and the beats run. */
  beating: boolean;
}

interface Options {
  sessionId: string;
  /** Only a live session is entered and beaten. */
  live: boolean;
  /** Whether the page is on screen: hiding it stops the beats, showing it again enters again. */
  shown: boolean;
  /** Whether the stream's picture moves: a stall, an error, a pause or the end stops the beats. */
  playing: boolean;
  /** What the server has counted so far, from live.sessions. */
  initialSeconds: number;
  onGranted: (couponIds: string[]) => void;
  /** enter refused (the session ended meanwhile): the page reloads the session. */
  onRefused: () => void;
}

/**
 * Watching a live session: `live.enter` each time the page is shown (the entry coupon on the first
 * time; it also restarts the server's heartbeat clock), then `live.heartbeat` every 60 s while the
 * stream plays, until the page is hidden or unloaded. When the picture stops (a stall, an error) the
 * beats stop; when it moves again the server's clock is restarted (enter) before they go on, so the
 * time the stream stood still is never counted. No duration is ever sent: the server measures the
 * time between beats.
 */
export function useLiveWatch({ sessionId, live, shown, playing, initialSeconds, onGranted, onRefused }: Options): WatchState {
  const [watch, setWatch] = useState<WatchState>({ serverSeconds: initialSeconds, atMs: Date.now(), beating: false });
  /** Entered during this show of the page (the server's clock is running for us). */
  const [entered, setEntered] = useState(false);
  /** The beats stopped since the last enter: the server's clock must be restarted before they go on. */
  const beatsStopped = useRef(false);
  const callbacks = useRef({ onGranted, onRefused });
  callbacks.current = { onGranted, onRefused };

  // A newer live.sessions answer knows at least as much as we do.
  useEffect(() => {
    setWatch((w) => (initialSeconds > w.serverSeconds ? { ...w, serverSeconds: initialSeconds, atMs: Date.now() } : w));
  }, [initialSeconds]);

  // Enter on each show of a live session (tried again every interval if it failed for the network).
  useEffect(() => {
    if (!live || !shown) return undefined;
    let stopped = false;
    const enter = async () => {
      try {
        const answer = await callCloud('live', { action: 'enter', sessionId });
        if (stopped) return;
        clearInterval(retry);
        beatsStopped.current = false;
        setWatch((w) => ({ ...w, serverSeconds: answer.watchedSeconds, atMs: Date.now() }));
        setEntered(true);
        if (answer.granted.length) callbacks.current.onGranted(answer.granted);
      } catch (err) {
        if (stopped) return;
        const error = toCloudCallError(err);
        toastError(error.message);
        // Refused (the session ended meanwhile): stop and let the page show the new phase. Otherwise try again next tick.
        if (error.code === 'NOT_ELIGIBLE') {
          stopped = true;
          clearInterval(retry);
          callbacks.current.onRefused();
        }
      }
    };
    const retry = setInterval(() => void enter(), HEARTBEAT_INTERVAL_MS);
    void enter();
    return () => {
      stopped = true;
      clearInterval(retry);
      setEntered(false);
    };
  }, [sessionId, live, shown]);

  // Beat every 60 s while entered and the stream plays.
  useEffect(() => {
    if (!entered || !playing) return undefined;
    let stopped = false;
    const counted = (seconds: number, granted: string[]) => {
      // What the server granted is the member's even if the picture stopped while the answer was on
      // its way (a stall under load did exactly that, and the watch coupon went unannounced).
      if (granted.length) callbacks.current.onGranted(granted);
      if (stopped) return;
      setWatch({ serverSeconds: seconds, atMs: Date.now(), beating: true });
    };
    const beat = async () => {
      try {
        const answer = await callCloud('live', { action: 'heartbeat', sessionId });
        counted(answer.watchedSeconds, answer.granted);
      } catch {
        // A lost beat costs at most one interval of credit: the next one carries on.
      }
    };
    // After a stall the server's clock still runs from the last beat: restart it, so the still time is not counted.
    if (beatsStopped.current) {
      void callCloud('live', { action: 'enter', sessionId })
        .then((answer) => counted(answer.watchedSeconds, answer.granted))
        .catch(() => undefined);
    }
    setWatch((w) => ({ ...w, atMs: Date.now(), beating: true }));
    const timer = setInterval(() => void beat(), HEARTBEAT_INTERVAL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      beatsStopped.current = true;
      setWatch((w) => ({ ...w, beating: false }));
    };
  }, [sessionId, entered, playing]);

  return watch;
}
