import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StoreView } from '@contract/catalog';
import { toastError } from '@/services/action';
import { openStoreMap } from '@/services/location';
import { findStore, storeIdOfVoucher } from './lookup';
import './index.scss';

export { formatDistance } from './format';
export { storeIdOfVoucher };

/** Dials the store; closing WeChat's 呼叫 sheet is not an error. */
function callStore(phone: string) {
  Taro.makePhoneCall({ phoneNumber: phone }).catch((err: unknown) => {
    const errMsg = err && typeof err === 'object' && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : '';
    if (!/cancel/i.test(errMsg)) toastError('无法拨打电话，请稍后再试');
  });
}

function navigate(store: StoreView) {
  if (!store.location) return;
  openStoreMap({ name: store.name, address: store.address, location: store.location }).catch(() => toastError('无法打开地图，请稍后再试'));
}

/** 电话 and 导航 for a store, where it has a phone and a location. Taps stay here (the card around may pick the store). */
export function StoreActions({ store }: { store: StoreView }) {
  if (!store.phone && !store.location) return null;
  return (
    <View className='store-actions'>
      {store.phone ? (
        <View
          className='store-actions__button store-actions__call'
          data-testid={`store-call-${store.storeId}`}
          onClick={(e) => {
            e.stopPropagation();
            callStore(store.phone!);
          }}
        >
          <Text>电话</Text>
        </View>
      ) : null}
      {store.location ? (
        <View
          className='store-actions__button store-actions__map'
          data-testid={`store-map-${store.storeId}`}
          onClick={(e) => {
            e.stopPropagation();
            navigate(store);
          }}
        >
          <Text>导航</Text>
        </View>
      ) : null}
    </View>
  );
}

/**
 * The pickup store's address, opening hours, phone (tap to call) and navigation, on the voucher.
 * `voucherCode`: the voucher's QR content, which names the store.
 */
export function StoreCard({ voucherCode }: { voucherCode: string }) {
  const storeId = storeIdOfVoucher(voucherCode);
  const [store, setStore] = useState<StoreView | null | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!storeId) return undefined;
    let current = true;
    findStore(storeId).then(
      (found) => current && setStore(found),
      () => current && setStore(null),
    );
    return () => {
      current = false;
    };
  }, [storeId, attempt]);

  if (!storeId) return null;
  if (store === undefined) return <View className='store-card store-card--loading' />;
  if (store === null) {
    return (
      <View className='store-card' onClick={() => setAttempt((n) => n + 1)}>
        <Text className='store-card__missing'>门店信息暂时没有加载出来 · 点此重试</Text>
      </View>
    );
  }
  return (
    <View className='store-card' data-testid='store-card'>
      <Text className='store-card__address'>{store.address}</Text>
      {store.hours ? <Text className='store-card__hours'>营业时间 {store.hours}</Text> : null}
      <StoreActions store={store} />
    </View>
  );
}
