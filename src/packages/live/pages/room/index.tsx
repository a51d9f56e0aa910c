import { useEffect, useRef } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { SubscribeSheet } from '@/components/subscribe-sheet';
import { useRefreshErrorToast } from '@/hooks/useCloud';
import { LiveRoom } from './components/live-room';
import { SessionList } from './components/session-list';
import { ROOM_PAGE } from './model';
import { useLiveSessions } from './useLiveSessions';
import { usePageShown } from './usePageShown';
import './index.scss';

function decodeParam(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function RoomSkeleton() {
  return (
    <View className='live-page__skeleton' data-testid='live-skeleton'>
      <View className='live-page__skeleton-block live-page__skeleton-block--player' />
      <View className='live-page__skeleton-block' />
      <View className='live-page__skeleton-block' />
    </View>
  );
}

function NotFound() {
  return (
    <View className='live-page__missing' data-testid='live-missing'>
      <Text className='live-page__missing-text'>直播不存在或仅限指定会员观看</Text>
      <Button className='live-page__missing-cta' onClick={() => void Taro.redirectTo({ url: ROOM_PAGE })}>
        看看其他直播
      </Button>
    </View>
  );
}

/**
 * The live subpackage's page. With `?sessionId=` it is that session's room; without, the list of
 * sessions the member may see.
 */
export default function LivePage() {
  const { params } = useRouter();
  const sessionId = decodeParam(params.sessionId);
  const { data, error, loading, reload, refresh } = useLiveSessions();
  const shown = usePageShown();
  const session = sessionId ? data?.sessions.find((s) => s.sessionId === sessionId) : undefined;

  // Back from the wallet or the shop: phases and rewards may have moved. The first show is the mount's load.
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) void reload();
    shownBefore.current = true;
  });

  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });

  useRefreshErrorToast(error, data);

  const title = session?.title;
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title });
  }, [title]);

  let body: JSX.Element;
  if (data && !sessionId) body = <SessionList sessions={data.sessions} />;
  else if (data && session) body = <LiveRoom session={session} clock={data} shown={shown} refresh={refresh} />;
  else if (data) body = <NotFound />;
  else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <RoomSkeleton />;

  return (
    <View className='live-page'>
      {!sessionId && (
        <View className='live-page__hero'>
          <Text className='live-page__brand'>果粒鲜选</Text>
          <Text className='live-page__title'>直播间</Text>
          <Text className='live-page__subtitle'>预约领券 · 边看边买 · 看满 10 分钟再领一张</Text>
        </View>
      )}
      <View className={`live-page__body${sessionId ? '' : ' live-page__body--list'}`}>{body}</View>
      <SubscribeSheet />
      <PersonaSwitcher />
    </View>
  );
}
