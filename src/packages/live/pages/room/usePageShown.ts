import { useEffect, useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/**
 * Whether the page is on screen: false after onHide (a page opened on top, the mini-program in the
 * background) and, in the H5 preview, while the browser tab is hidden (visibilitychange), which
 * Taro's onHide does not report.
 */
export function usePageShown(): boolean {
  const [pageShown, setPageShown] = useState(true);
  const [tabVisible, setTabVisible] = useState(true);
  useDidShow(() => setPageShown(true));
  useDidHide(() => setPageShown(false));
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined;
    const onChange = () => setTabVisible(document.visibilityState !== 'hidden');
    onChange();
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return pageShown && tabVisible;
}
