import { Text, View } from '@tarojs/components';
import { minutesSeconds, type WatchGoal } from '@/packages/live/pages/room/model';
import './index.scss';

interface WatchProgressProps {
  goal: WatchGoal;
  /** Seconds watched as shown (the server's count, moved along between beats). */
  shownSeconds: number;
  /** The server's own count at its last answer (for tests and the curious). */
  serverSeconds: number;
  /** The heartbeats run (the page is shown and the stream plays); when not, the count waits for the picture. */
  counting: boolean;
}

/** Progress towards the watch reward: "再看 4:30 可领满¥99.00减¥15.00", counted on the server's clock. */
export function WatchProgress({ goal, shownSeconds, serverSeconds, counting }: WatchProgressProps) {
  const reached = goal.done || shownSeconds >= goal.targetSeconds;
  const percent = goal.done ? 100 : Math.min(100, Math.floor((shownSeconds / goal.targetSeconds) * 100));
  const headline = goal.done
    ? `✓ 已获得 ${goal.reward.name}`
    : reached
      ? `即将发放 ${goal.reward.summary}`
      : `再看 ${minutesSeconds(goal.targetSeconds - shownSeconds)} 可领${goal.reward.summary}`;
  return (
    <View className={`watch-progress${goal.done ? ' watch-progress--done' : ''}`} data-testid='watch-progress' data-watched-seconds={serverSeconds} data-counting={counting ? 'yes' : 'no'}>
      <Text className='watch-progress__headline' data-testid='watch-headline'>
        {headline}
      </Text>
      <View className='watch-progress__track'>
        <View className='watch-progress__fill' style={{ width: `${percent}%` }} />
      </View>
      <View className='watch-progress__legend'>
        <Text>已观看 {minutesSeconds(Math.min(shownSeconds, goal.done ? shownSeconds : goal.targetSeconds))}</Text>
        <Text>目标 {minutesSeconds(goal.targetSeconds)}</Text>
      </View>
      {!goal.done && !counting && (
        <Text className='watch-progress__paused' data-testid='watch-paused'>
          直播画面播放时计时，暂停或缓冲时不计
        </Text>
      )}
    </View>
  );
}
