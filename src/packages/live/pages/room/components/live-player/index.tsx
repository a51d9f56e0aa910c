import { useEffect, useState } from 'react';
import { LivePlayer as WxLivePlayer, Video } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LivePhase } from '@contract/vocabulary';
import { livePlayerState, streamKind, type PlayerState } from '@/packages/live/pages/room/model';
import { usePictureMoving } from '@/packages/live/pages/room/usePictureMoving';
import { PlayerFrame } from './frame';
import './index.scss';

export interface LivePlayerProps {
  streamUrl: string | null | undefined;
  title: string;
  phase: LivePhase;
  /** True while the picture moves (or stalls for less than STALL_GRACE_MS); false when it loads, stalls longer, fails, ends or is paused. */
  onPlayingChange: (playing: boolean) => void;
}

const STREAM_ID = 'live-stream';

/**
 * Mini-program: the session's stream plays inside the room (the page stays on screen, so the
 * heartbeats run): <live-player> for RTMP / FLV, <video> for HLS / MP4. It starts muted (autoplay
 * with sound is not allowed everywhere) until the member taps 开启声音. The H5 preview plays a
 * demo clip instead (index.h5.tsx).
 */
export function LivePlayer({ streamUrl, title, phase, onPlayingChange }: LivePlayerProps) {
  const kind = phase === 'live' ? streamKind(streamUrl) : null;
  const [state, setState] = useState<PlayerState>('loading');
  const [muted, setMuted] = useState(true);
  // A new attempt (重试) mounts a new player.
  const [attempt, setAttempt] = useState(0);

  const moving = usePictureMoving(kind !== null, state);
  useEffect(() => onPlayingChange(moving), [moving, onPlayingChange]);

  const fullScreen = () => {
    if (kind === 'live-player') void Taro.createLivePlayerContext(STREAM_ID).requestFullScreen({ direction: 90 });
    else void Taro.createVideoContext(STREAM_ID).requestFullScreen({ direction: 90 });
  };
  const retry = () => {
    setState('loading');
    setAttempt((n) => n + 1);
  };

  if (!kind || !streamUrl) {
    return <PlayerFrame phase={phase} title={title} poster={phase === 'live' ? '直播画面准备中，请稍候' : undefined} />;
  }
  const stream =
    kind === 'live-player' ? (
      <WxLivePlayer
        key={attempt}
        id={STREAM_ID}
        className='live-player__stream'
        src={streamUrl}
        mode='live'
        autoplay
        muted={muted}
        objectFit='contain'
        onStateChange={(e) => {
          const next = livePlayerState(e.detail.code);
          if (next) setState(next);
        }}
        onError={() => setState('error')}
      />
    ) : (
      <Video
        key={attempt}
        id={STREAM_ID}
        className='live-player__stream'
        src={streamUrl}
        autoplay
        muted={muted}
        controls={false}
        showFullscreenBtn={false}
        objectFit='contain'
        onPlay={() => setState('playing')}
        onTimeUpdate={() => setState((s) => (s === 'stalled' || s === 'reconnecting' || s === 'loading' || s === 'paused' ? 'playing' : s))}
        onWaiting={() => setState('stalled')}
        onPause={() => setState('paused')}
        onEnded={() => setState('ended')}
        onError={() => setState('error')}
      />
    );
  return (
    <PlayerFrame phase={phase} title={title} state={state} muted={muted} onUnmute={() => setMuted(false)} onFullScreen={fullScreen} onRetry={retry}>
      {stream}
    </PlayerFrame>
  );
}
