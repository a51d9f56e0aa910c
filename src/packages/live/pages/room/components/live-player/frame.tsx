import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { LivePhase } from '@contract/vocabulary';
import { PHASE_TEXT, PLAYER_STATE_TEXT, type PlayerState } from '@/packages/live/pages/room/model';

interface PlayerFrameProps {
  phase: LivePhase;
  title: string;
  /** The stream (a video element) when there is one to play. */
  children?: ReactNode;
  /** Without a stream: the line over the poster. */
  poster?: string;
  state?: PlayerState;
  muted?: boolean;
  /** Under the title: where the picture comes from (the preview says it is a demo clip). */
  note?: string;
  onUnmute?: () => void;
  onFullScreen?: () => void;
  onRetry?: () => void;
}

const POSTER: Record<LivePhase, string> = { upcoming: '直播即将开始，预约开播提醒', live: '直播画面准备中，请稍候', ended: '本场直播已结束' };

/**
 * The player's frame, the same on both platforms: the phase badge, the picture (or a poster), what
 * the stream is doing over it (缓冲, 中断 · 重试, 已结束), 开启声音 while muted, 全屏, and the title.
 * Never a room or session id.
 */
export function PlayerFrame({ phase, title, children, poster, state, muted, note, onUnmute, onFullScreen, onRetry }: PlayerFrameProps) {
  const overlay = state ? PLAYER_STATE_TEXT[state] : null;
  return (
    <View className={`live-player live-player--${phase}${children ? ' live-player--stream' : ' live-player--poster'}`} data-testid='live-player' data-state={state ?? 'poster'}>
      <View className='live-player__screen'>
        {children ?? (
          <View className='live-player__poster'>
            <Text className='live-player__play'>▶</Text>
            <Text className='live-player__placeholder'>{poster ?? POSTER[phase]}</Text>
          </View>
        )}
        <Text className={`live-player__phase live-player__phase--${phase}`}>{PHASE_TEXT[phase]}</Text>
        {children && overlay && (
          <View className={`live-player__overlay live-player__overlay--${state}`} data-testid='live-player-overlay' onClick={state === 'error' ? onRetry : undefined}>
            <Text>{overlay}</Text>
            {state === 'error' && <Text className='live-player__retry'>点击重试</Text>}
          </View>
        )}
        {children && (
          <View className='live-player__controls'>
            {muted && (
              <Text className='live-player__control' data-testid='live-unmute' onClick={onUnmute}>
                🔇 点击开启声音
              </Text>
            )}
            <Text className='live-player__control' data-testid='live-fullscreen' onClick={onFullScreen}>
              全屏
            </Text>
          </View>
        )}
      </View>
      <Text className='live-player__title'>{title}</Text>
      {note && <Text className='live-player__note'>{note}</Text>}
    </View>
  );
}
