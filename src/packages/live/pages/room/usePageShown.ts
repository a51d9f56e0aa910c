import { useState } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/** Whether the page is on screen (false after onHide, e.g. under a page opened on top, or in the background). */
export function usePageShown(): boolean {
  const [shown, setShown] = useState(true);
  useDidShow(() => setShown(true));
  useDidHide(() => setShown(false));
  return shown;
}
