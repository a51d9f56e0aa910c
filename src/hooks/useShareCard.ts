import { useDidShow, useShareAppMessage } from '@tarojs/taro';
import { enableGroupShare } from '@/services/shareEntry';
import { shareMessage, type ShareTarget } from '@/services/sharing';

/**
 * The page's WeChat share (the ··· menu's 转发 and any `openType='share'` Button): a card whose path
 * carries a share id, sent with a share ticket so a group card can give its group's prices to whoever
 * opens it. The page's config must set `enableShareAppMessage: true`. `onShare` runs on every share
 * (the live room's share reward).
 */
export function useShareCard(target: ShareTarget, onShare?: () => void): void {
  useDidShow(() => enableGroupShare());
  useShareAppMessage(() => {
    onShare?.();
    return shareMessage(target);
  });
}
