import { useEffect, useState } from 'react';
import { STALL_GRACE_MS, type PlayerState } from './model';

/**
 * Whether the member is watching a moving picture, for the heartbeats. A stall (buffering,
 * reconnecting) counts as watching for its first STALL_GRACE_MS: a hiccup of a second or two must not
 * restart the server's clock and cost the member up to a minute of credit. A longer stall, a pause,
 * an error or the end stops the beats at once. The overlay still says 正在缓冲 from the first moment.
 */
export function usePictureMoving(active: boolean, state: PlayerState): boolean {
  const [stallOver, setStallOver] = useState(false);
  useEffect(() => {
    setStallOver(false);
    if (state !== 'stalled') return undefined;
    const timer = setTimeout(() => setStallOver(true), STALL_GRACE_MS);
    return () => clearTimeout(timer);
  }, [state]);
  return active && (state === 'playing' || (state === 'stalled' && !stallOver));
}
