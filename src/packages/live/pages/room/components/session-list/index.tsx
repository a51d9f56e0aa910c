import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LiveSessionView } from '@contract/live';
import { PHASE_TEXT, roomUrl, sessionTimeText, triggerTitle } from '@/packages/live/pages/room/model';
import './index.scss';

function SessionCard({ session }: { session: LiveSessionView }) {
  const mine = session.rewards.filter((r) => r.couponId).length;
  return (
    <View
      className={`session-list__card session-list__card--${session.phase}`}
      data-testid={`session-${session.sessionId}`}
      onClick={() => void Taro.navigateTo({ url: roomUrl(session.sessionId) })}
    >
      <View className='session-list__top'>
        <Text className={`session-list__phase session-list__phase--${session.phase}`}>{PHASE_TEXT[session.phase]}</Text>
        <Text className='session-list__time'>{sessionTimeText(session.startAt, session.endAt)}</Text>
      </View>
      <Text className='session-list__title'>{session.title}</Text>
      {session.rewards.length > 0 && (
        <View className='session-list__rewards'>
          {session.rewards.map((r) => (
            <Text key={`${r.trigger}:${r.minutes ?? ''}:${r.templateId}`} className={`session-list__reward${r.couponId ? ' session-list__reward--granted' : ''}`}>
              {r.couponId ? '✓ ' : ''}
              {triggerTitle(r)} · {r.summary}
            </Text>
          ))}
        </View>
      )}
      <View className='session-list__foot'>
        <Text className='session-list__state'>
          {session.reserved ? '已预约' : ''}
          {session.reserved && mine ? ' · ' : ''}
          {mine ? `已领 ${mine} 张券` : ''}
        </Text>
        <Text className='session-list__go'>{session.phase === 'live' ? '进入直播间 ›' : session.phase === 'upcoming' ? '去预约 ›' : '查看 ›'}</Text>
      </View>
    </View>
  );
}

/** Without a sessionId the room page lists the sessions the member may see (those of the last day included). */
export function SessionList({ sessions }: { sessions: readonly LiveSessionView[] }) {
  if (!sessions.length) {
    return (
      <View className='session-list__empty' data-testid='sessions-empty'>
        <Text className='session-list__empty-icon'>播</Text>
        <Text className='session-list__empty-text'>暂无直播预告，敬请期待</Text>
      </View>
    );
  }
  return (
    <View className='session-list' data-testid='session-list'>
      {sessions.map((s) => (
        <SessionCard key={s.sessionId} session={s} />
      ))}
    </View>
  );
}
