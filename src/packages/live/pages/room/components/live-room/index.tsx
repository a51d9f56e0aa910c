import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LiveSessionView } from '@contract/live';
import { ShareButton } from '@/components/share-button';
import { useShareCard } from '@/hooks/useShareCard';
import { runAction, toast } from '@/services/action';
import { callCloud } from '@/services/cloud';
import { askSubscribe } from '@/services/subscribe';
import {
  grantedNames,
  grantToast,
  HEARTBEAT_INTERVAL_MS,
  PHASE_TEXT,
  roomUrl,
  sessionTimeText,
  SHOP_TAB,
  startCountdownText,
  watchGoal,
} from '@/packages/live/pages/room/model';
import { useLiveWatch } from '@/packages/live/pages/room/useLiveWatch';
import { serverTimeAt, type LiveSessions } from '@/packages/live/pages/room/useLiveSessions';
import { LivePlayer } from '../live-player';
import { RewardList } from '../reward-list';
import { WatchProgress } from '../watch-progress';
import { rememberLiveSession } from '@/services/liveAttribution';
import './index.scss';

/** This device's clock, ticking every second while `active` (countdowns; the watch display between beats). */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

interface LiveRoomProps {
  session: LiveSessionView;
  /** The live.sessions answer the session came with (its server time). */
  clock: Pick<LiveSessions, 'serverNowMs' | 'receivedAtMs'>;
  shown: boolean;
  /** Reloads live.sessions; resolves to the fresh answer. */
  refresh: () => Promise<LiveSessions | undefined>;
}

/** One live session: the player, what to do in its phase, and its rewards. */
export function LiveRoom({ session, clock, shown, refresh }: LiveRoomProps) {
  const { sessionId, phase } = session;

  // New coupons: reload the session (its rewards carry their couponIds) and name them.
  const announce = useCallback(
    async (couponIds: string[]) => {
      const fresh = await refresh();
      toast(grantToast(grantedNames(fresh?.sessions ?? [], couponIds), couponIds.length));
    },
    [refresh],
  );

  // The stream's picture moves: only then do the heartbeats run (watching, not staring at a card).
  const [playing, setPlaying] = useState(false);
  const watch = useLiveWatch({
    sessionId,
    live: phase === 'live',
    shown,
    playing,
    initialSeconds: session.watchedSeconds,
    onGranted: (ids) => void announce(ids),
    onRefused: () => void refresh(),
  });

  const now = useNow(shown && phase !== 'ended');
  const serverNow = serverTimeAt(clock, now);

  // Crossing the start or the end on the server's clock: ask the server for the new phase (at most every 15 s).
  const boundaryMs = phase === 'upcoming' ? Date.parse(session.startAt) : phase === 'live' ? Date.parse(session.endAt) : null;
  const lastBoundaryCheck = useRef(0);
  useEffect(() => {
    if (boundaryMs === null || serverNow < boundaryMs || now - lastBoundaryCheck.current < 15_000) return;
    lastBoundaryCheck.current = now;
    void refresh();
  }, [boundaryMs, serverNow, now, refresh]);

  const [reserving, setReserving] = useState(false);
  const reserve = async () => {
    if (reserving) return;
    setReserving(true);
    // 开播提醒 comes 10 minutes before the start: consent is asked inside the tap, before reserving,
    // and whatever the answer the reservation goes on.
    await askSubscribe(['liveStarting']);
    const reserved = await runAction(async () => {
      const { granted } = await callCloud('live', { action: 'reserve', sessionId });
      if (granted.length) return announce(granted);
      toast('预约成功');
      void refresh();
    });
    if (!reserved.ok) void refresh();
    setReserving(false);
  };

  const share = () =>
    runAction(
      async () => {
        const { granted } = await callCloud('live', { action: 'share', sessionId });
        if (granted.length) await announce(granted);
        else toast('感谢分享');
      },
      { error: (error) => (error.code === 'NOT_ELIGIBLE' ? '下单并支付后分享可得分享券' : error.message) },
    );

  // Mini-program: the share Button (open-type="share") and the ··· menu both land here: the card
  // (with its share id) and the session's share reward (live.share).
  useShareCard({ kind: 'live', targetId: sessionId, title: `${session.title} · 果粒鲜选直播`, fallbackPath: roomUrl(sessionId) }, () => void share());

  const goOrder = () => {
    // The checkout reads this key and passes it to order.create as liveSessionId (attribution).
    rememberLiveSession(sessionId);
    void Taro.switchTab({ url: SHOP_TAB });
  };

  const goal = watchGoal(session);
  const betweenBeats = watch.beating ? Math.min(HEARTBEAT_INTERVAL_MS, Math.max(0, now - watch.atMs)) / 1000 : 0;
  const shownSeconds = watch.serverSeconds + betweenBeats;
  const reserveReward = session.rewards.find((r) => r.trigger === 'reserve');

  return (
    <View className='live-room' data-testid='live-room' data-phase={phase}>
      <LivePlayer streamUrl={session.streamUrl} title={session.title} phase={phase} onPlayingChange={setPlaying} />

      <View className='live-room__meta'>
        <Text className={`live-room__phase live-room__phase--${phase}`}>{PHASE_TEXT[phase]}</Text>
        <Text className='live-room__time'>{sessionTimeText(session.startAt, session.endAt)}</Text>
        {session.reserved && <Text className='live-room__reserved'>已预约</Text>}
      </View>

      {phase === 'upcoming' && (
        <View className='live-room__panel' data-testid='upcoming-panel'>
          <Text className='live-room__panel-label'>距开播</Text>
          <Text className='live-room__countdown' data-testid='start-countdown'>
            {startCountdownText(Date.parse(session.startAt) - serverNow)}
          </Text>
          {reserveReward && (
            <Text className='live-room__panel-hint'>
              {session.reserved ? `已预约，${reserveReward.couponId ? '预约礼已到券包' : '开播见'}` : `预约即得 ${reserveReward.name}（${reserveReward.summary}）`}
            </Text>
          )}
        </View>
      )}

      {phase === 'live' && goal && <WatchProgress goal={goal} shownSeconds={shownSeconds} serverSeconds={watch.serverSeconds} counting={watch.beating} />}

      {phase === 'ended' && (
        <View className='live-room__panel' data-testid='ended-panel'>
          <Text className='live-room__panel-title'>本场直播已结束</Text>
          <Text className='live-room__panel-hint'>
            {session.reserved || session.entered ? '预约或观看了却还没下单？错过补救券稍后发到你的券包' : '关注下一场直播，好券不错过'}
          </Text>
        </View>
      )}

      {phase !== 'ended' && (
        <View className='live-room__actions'>
          <ShareButton kind='live' targetId={sessionId} className='live-room__btn live-room__btn--ghost' testId='live-share' onShare={() => void share()}>
            分享
          </ShareButton>
          {phase === 'upcoming' ? (
            <Button
              className='live-room__btn live-room__btn--reserve'
              data-testid='live-reserve'
              {...(session.reserved || reserving ? { disabled: true } : {})}
              {...(reserving ? { loading: true } : {})}
              onClick={() => void reserve()}
            >
              {session.reserved ? '已预约' : '预约直播'}
            </Button>
          ) : (
            <Button className='live-room__btn' data-testid='live-order' onClick={goOrder}>
              去下单
            </Button>
          )}
        </View>
      )}

      <RewardList rewards={session.rewards} />
    </View>
  );
}
