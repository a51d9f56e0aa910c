import { useCallback, useRef } from 'react';
import type { LiveSessionView } from '@contract/live';
import { useCloud } from '@/hooks/useCloud';
import { callCloud } from '@/services/cloud';
import { handleShareEntry } from '@/services/sharing';

export interface LiveSessions {
  sessions: LiveSessionView[];
  /** The server's time in the answer, and this device's time when it came: countdowns run on the server's clock. */
  serverNowMs: number;
  receivedAtMs: number;
}

/** The server's time now, estimated from the last answer (never before it, whatever the tick that asks). */
export function serverTimeAt(sessions: Pick<LiveSessions, 'serverNowMs' | 'receivedAtMs'>, deviceNowMs: number): number {
  return sessions.serverNowMs + Math.max(0, deviceNowMs - sessions.receivedAtMs);
}

/**
 * live.sessions with loading and error state, plus `refresh()`, which resolves to the fresh answer
 * (to name the coupons a reserve, enter, heartbeat or share just granted).
 */
export function useLiveSessions() {
  const latest = useRef<LiveSessions | undefined>(undefined);
  const state = useCloud(async (): Promise<LiveSessions> => {
    // Opened from a group's live card: the group may be the session's audience.
    await handleShareEntry();
    const answer = await callCloud('live', { action: 'sessions' });
    const value = { sessions: answer.sessions, serverNowMs: Date.parse(answer.now), receivedAtMs: Date.now() };
    latest.current = value;
    return value;
  }, []);
  const { reload } = state;
  const refresh = useCallback(async () => {
    await reload();
    return latest.current;
  }, [reload]);
  return { ...state, refresh };
}
