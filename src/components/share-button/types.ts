import type { ReactNode } from 'react';
import type { ShareKind } from '@contract/member';

export interface ShareButtonProps {
  /** What the card is (the page's useShareCard makes the mini-program's card; the preview makes its own). */
  kind: ShareKind;
  targetId?: string;
  className?: string;
  /** data-testid of the button. */
  testId?: string;
  /** H5 preview only: runs when the button is tapped (in the mini-program useShareCard's onShare runs instead). */
  onShare?: () => void;
  children: ReactNode;
}
