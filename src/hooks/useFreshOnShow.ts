import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * A list page stays fresh: coming back to it (from a detail page, after paying or claiming) loads it
 * again — the first show is the mount's own load — and pulling down reloads it.
 */
export function useFreshOnShow(reload: () => Promise<void>): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });
}
