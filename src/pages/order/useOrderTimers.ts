import { useEffect, useRef, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Whether the page is on screen: timers stop while another page covers it or the app is in the
 * background, and the first show is the mount (the initial load covers it).
 */
export function usePageVisibility(onReturn: () => void): boolean {
  const [visible, setVisible] = useState(true);
  const shown = useRef(false);
  const onReturnRef = useRef(onReturn);
  onReturnRef.current = onReturn;
  useDidShow(() => {
    setVisible(true);
    if (shown.current) onReturnRef.current();
    shown.current = true;
  });
  useDidHide(() => setVisible(false));
  return visible;
}

/** Calls `tick` every `intervalMs` while `active`; the timer is cleared on unmount. */
export function useInterval(active: boolean, intervalMs: number, tick: () => void): void {
  const tickRef = useRef(tick);
  tickRef.current = tick;
  useEffect(() => {
    if (!active) return undefined;
    const id = setInterval(() => tickRef.current(), intervalMs);
    return () => clearInterval(id);
  }, [active, intervalMs]);
}
