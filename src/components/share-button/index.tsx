import { Button } from '@tarojs/components';
import type { ShareButtonProps } from './types';
import './index.scss';

export type { ShareButtonProps } from './types';

/**
 * 分享: WeChat's share button. Tapping it calls the page's onShareAppMessage (useShareCard), which
 * makes the card. The H5 preview has its own (index.h5.tsx): it shows the card and lets a friend open it.
 */
export function ShareButton({ className, testId, children }: ShareButtonProps) {
  return (
    <Button className={`share-button${className ? ` ${className}` : ''}`} data-testid={testId} openType='share'>
      {children}
    </Button>
  );
}
