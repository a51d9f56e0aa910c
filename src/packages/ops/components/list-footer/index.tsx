import { Text } from '@tarojs/components';
import './index.scss';

export interface PagedState {
  loading: boolean;
  error: string | null;
  cursor: string | null;
}

function footerOf(state: PagedState): { text: string; modifier: string } {
  if (state.loading) return { text: '加载中…', modifier: 'loading' };
  if (state.error) return { text: `${state.error}，点击重试`, modifier: 'retry' };
  if (state.cursor) return { text: '加载更多', modifier: 'more' };
  return { text: '没有更多了', modifier: 'end' };
}

/**
 * The end of a paged list: loading, more (tap or scroll), a failed page to retry, or the end. One
 * element with one handler throughout (`onMore` ignores taps with nothing to load).
 */
export function ListFooter({ state, onMore }: { state: PagedState; onMore: () => void }) {
  const { text, modifier } = footerOf(state);
  return (
    <Text className={`list-footer list-footer--${modifier}`} data-testid='list-footer' onClick={onMore}>
      {text}
    </Text>
  );
}
