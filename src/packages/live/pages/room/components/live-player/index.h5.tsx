import { Text, View } from '@tarojs/components';
import type { LivePhase } from '@contract/vocabulary';
import { PHASE_TEXT } from '@/packages/live/pages/room/model';
import './index.scss';

interface LivePlayerProps {
  roomId: string;
  title: string;
  phase: LivePhase;
}

/** H5 preview: no stream to play, a poster where the video would be. */
export function LivePlayer({ roomId, title, phase }: LivePlayerProps) {
  return (
    <View className={`live-player live-player--poster live-player--${phase}`} data-testid='live-player'>
      <View className='live-player__top'>
        <Text className={`live-player__phase live-player__phase--${phase}`}>{PHASE_TEXT[phase]}</Text>
        <Text className='live-player__room'>房间 {roomId}</Text>
      </View>
      <View className='live-player__screen'>
        <Text className='live-player__play'>▶</Text>
        <Text className='live-player__placeholder'>直播画面（预览占位）</Text>
      </View>
      <Text className='live-player__title'>{title}</Text>
    </View>
  );
}
