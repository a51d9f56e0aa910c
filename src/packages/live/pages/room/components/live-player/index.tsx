import { Button, Text, View } from '@tarojs/components';
import type { LivePhase } from '@contract/vocabulary';
import { PHASE_TEXT } from '@/packages/live/pages/room/model';
import { toastError } from '@/services/action';
import './index.scss';

/** The mini-program's global API; openChannelsLive exists only on recent WeChat versions. */
declare const wx: { openChannelsLive?: (options: { finderUserName: string; fail?: (res: unknown) => void }) => void } | undefined;

interface LivePlayerProps {
  roomId: string;
  title: string;
  phase: LivePhase;
}

/**
 * Mini-program: the stream itself plays in WeChat Channels (视频号); this card opens it. The H5
 * preview has its own stand-in (index.h5.tsx).
 */
export function LivePlayer({ roomId, title, phase }: LivePlayerProps) {
  const openChannels = () => {
    if (typeof wx !== 'undefined' && typeof wx.openChannelsLive === 'function') {
      wx.openChannelsLive({
        finderUserName: roomId,
        fail: () => toastError('视频号直播暂时打不开，请稍后再试'),
      });
    } else {
      toastError('当前微信版本不支持打开视频号直播，请升级微信');
    }
  };
  return (
    <View className={`live-player live-player--channels live-player--${phase}`} data-testid='live-player'>
      <View className='live-player__top'>
        <Text className={`live-player__phase live-player__phase--${phase}`}>{PHASE_TEXT[phase]}</Text>
        <Text className='live-player__room'>视频号直播间 {roomId}</Text>
      </View>
      <Text className='live-player__title'>{title}</Text>
      <Text className='live-player__note'>直播在微信视频号播放，看完回到这里领券下单</Text>
      <Button className='live-player__open' data-testid='open-channels' onClick={openChannels}>
        打开视频号直播
      </Button>
    </View>
  );
}
