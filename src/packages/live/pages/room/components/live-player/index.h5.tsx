import { useEffect, useRef, useState } from 'react';
import { streamKind, type PlayerState } from '@/packages/live/pages/room/model';
import demoStream from '@/packages/live/assets/demo-stream.webm';
import type { LivePlayerProps } from './index';
import { usePictureMoving } from '@/packages/live/pages/room/usePictureMoving';
import { PlayerFrame } from './frame';
import './index.scss';

/**
 * H5 preview: there is no live stream to pull offline, so the room plays a short demo clip in its
 * place (a looping WebM drawn for this project, assets/makeDemoStream.mjs) through the same frame
 * and the same states as the mini-program's player: muted autoplay until 开启声音, 全屏, stalls and
 * errors stop the heartbeats.
 */
export function LivePlayer({ streamUrl, title, phase, onPlayingChange }: LivePlayerProps) {
  const video = useRef<HTMLVideoElement | null>(null);
  const [state, setState] = useState<PlayerState>('loading');
  const [muted, setMuted] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const live = phase === 'live';

  const moving = usePictureMoving(live, state);
  useEffect(() => onPlayingChange(moving), [moving, onPlayingChange]);

  if (!live) return <PlayerFrame phase={phase} title={title} />;

  const unmute = () => {
    setMuted(false);
    if (video.current) video.current.muted = false;
  };
  const fullScreen = () => void video.current?.requestFullscreen?.().catch(() => undefined);
  const retry = () => {
    setState('loading');
    setAttempt((n) => n + 1);
  };
  const note = `预览：示例画面代替直播流${streamKind(streamUrl) ? '（小程序内播放本场直播流）' : ''}`;
  return (
    <PlayerFrame phase={phase} title={title} state={state} muted={muted} note={note} onUnmute={unmute} onFullScreen={fullScreen} onRetry={retry}>
      <video
        key={attempt}
        ref={video}
        className='live-player__stream'
        data-testid='live-stream'
        src={demoStream}
        autoPlay
        muted={muted}
        loop
        playsInline
        onPlaying={() => setState('playing')}
        onTimeUpdate={() => setState((s) => (s === 'stalled' || s === 'reconnecting' || s === 'loading' || s === 'paused' ? 'playing' : s))}
        onWaiting={() => setState('stalled')}
        onPause={() => setState('paused')}
        onEnded={() => setState('ended')}
        onError={() => setState('error')}
      />
    </PlayerFrame>
  );
}
