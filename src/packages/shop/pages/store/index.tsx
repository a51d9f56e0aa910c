import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StoreView } from '@contract/catalog';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { formatDistance, StoreActions } from '@/components/store-card';
import { useCloud } from '@/hooks/useCloud';
import { toast } from '@/services/action';
import { callCloud } from '@/services/cloud';
import { locate, locateAgain, type LocateResult } from '@/services/location';
import { currentStoreId, setStore } from '@/services/store';
import { locationNote } from './model';
import './index.scss';

function leave() {
  // Opened from the shop (or the cart); a deep link has nothing to go back to.
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: '/pages/index/index' });
}

function StoreSkeleton() {
  return (
    <View className='store-picker__list' id='store-skeleton'>
      <Text className='store-picker__locating'>正在为你查找附近的门店…</Text>
      {[0, 1, 2].map((i) => (
        <View className='store-picker__card store-picker__card--skeleton' key={i}>
          <View className='store-picker__bone store-picker__bone--title' />
          <View className='store-picker__bone' />
        </View>
      ))}
    </View>
  );
}

/**
 * 选择门店: where the member picks up; prices and stock follow the store. With the member's consent
 * (WeChat's privacy popup and 位置 permission), the stores come nearest first with their distance;
 * without it, in the usual order with a gentle note and a way to try again.
 */
export default function StorePicker() {
  // The location of the last attempt; a retry after a refusal or failure asks again, a reload after a
  // network error reuses it.
  const located = useRef<LocateResult | null>(null);
  const askAgain = useRef(false);
  const [note, setNote] = useState<LocateResult | null>(null);

  const { data, error, loading, reload } = useCloud(async () => {
    const last = located.current;
    // Called before anything is awaited: a retry stays inside the member's tap, where WeChat allows its settings page.
    const asking = !last ? locate() : !last.ok && askAgain.current ? locateAgain(last.reason) : Promise.resolve(last);
    askAgain.current = false;
    const result = await asking;
    located.current = result;
    setNote(result);
    return callCloud('catalog', result.ok ? { action: 'stores', location: result.location } : { action: 'stores' });
  }, []);
  const chosenId = currentStoreId();

  const pick = (store: StoreView) => {
    if (store.storeId !== chosenId) {
      setStore(store);
      toast(`已切换到${store.name.replace(/^果粒鲜选·/, '')}`);
    }
    leave();
  };

  const retryLocation = () => {
    if (loading) return;
    askAgain.current = true;
    void reload();
  };

  const nearest = note?.ok ? data?.stores.find((s) => s.distanceM !== undefined)?.storeId : undefined;

  let body: JSX.Element;
  if (data && data.stores.length === 0) {
    body = <Text className='store-picker__empty'>暂无可自提的门店</Text>;
  } else if (data) {
    body = (
      <View className='store-picker__list'>
        {data.stores.map((s, i) => {
          const current = chosenId ? s.storeId === chosenId : i === 0;
          return (
            <View
              key={s.storeId}
              className={`store-picker__card${current ? ' store-picker__card--current' : ''}`}
              data-testid={`store-${s.storeId}`}
              onClick={() => pick(s)}
            >
              <View className='store-picker__head'>
                <Text className='store-picker__name'>{s.name}</Text>
                {s.distanceM !== undefined ? <Text className='store-picker__distance'>{formatDistance(s.distanceM)}</Text> : null}
              </View>
              {current || s.storeId === nearest ? (
                <View className='store-picker__tags'>
                  {s.storeId === nearest ? <Text className='store-picker__nearest'>离你最近</Text> : null}
                  {current ? <Text className='store-picker__current'>当前门店</Text> : null}
                </View>
              ) : null}
              <Text className='store-picker__address'>{s.address}</Text>
              {s.hours ? <Text className='store-picker__hours'>营业时间 {s.hours}</Text> : null}
              <View className='store-picker__foot'>
                <StoreActions store={s} />
                <Text className='store-picker__action'>{current ? '继续选购' : '在这里自提 ›'}</Text>
              </View>
            </View>
          );
        })}
      </View>
    );
  } else if (error) {
    body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  } else {
    body = <StoreSkeleton />;
  }

  const missing = note && !note.ok ? locationNote(note.reason) : null;

  return (
    <View className='store-picker'>
      <View className='store-picker__intro'>
        <Text className='store-picker__title'>选择自提门店</Text>
        <Text className='store-picker__text'>价格与库存以所选门店为准，下单后凭取货码到店自提。切换门店不会清空购物车。</Text>
      </View>
      {missing && data ? (
        <View className='store-picker__note' id='store-location-note'>
          <Text className='store-picker__note-text'>{missing.text}</Text>
          <View className='store-picker__note-action' id='store-locate-retry' onClick={retryLocation}>
            <Text>{loading ? '定位中…' : missing.action}</Text>
          </View>
        </View>
      ) : null}
      {note?.ok && data && nearest ? <Text className='store-picker__sorted'>已按距离由近到远排列</Text> : null}
      <View className='store-picker__body'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
