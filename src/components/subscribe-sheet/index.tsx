import type { NoticeKey } from '@contract/vocabulary';
import type { SubscribeSheetResult } from './types';

export type { SubscribeSheetResult } from './types';

/**
 * The stand-in consent sheet is an H5-preview tool (index.h5.tsx). The mini-program asks with
 * WeChat's own sheet (services/subscribe.weapp.ts), so every other build gets these stand-ins.
 */
export function SubscribeSheet(): null {
  return null;
}

export function openSubscribeSheet(keys: NoticeKey[]): Promise<SubscribeSheetResult | null> {
  return Promise.reject(new Error(`the subscribe sheet is only part of the H5 preview (${keys.join(',')})`));
}
