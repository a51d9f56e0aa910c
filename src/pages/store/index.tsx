import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StoreView } from '@contract/catalog';
import { ErrorState } from '@/components/error-state';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { useCloud } from '@/hooks/useCloud';
import { toast } from '@/services/action';
import { callCloud } from '@/services/cloud';
import { currentStoreId, setStore } from '@/services/store';
import './index.scss';

function leave() {
  // Opened from the shop (or the cart); a deep link has nothing to go back to.
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.switchTab({ url: '/pages/index/index' });
}

function StoreSkeleton() {
  return (
    <View className='store-picker__list' id='store-skeleton'>
      {[0, 1, 2].map((i) => (
        <View className='store-picker__card store-picker__card--skeleton' key={i}>
          <View className='store-picker__bone store-picker__bone--title' />
          <View className='store-picker__bone' />
        </View>
      ))}
    </View>
  );
}

/** 选择门店: where the member picks up. Prices and stock follow the store. */
export default function StorePicker() {
  const { data, error, loading, reload } = useCloud(() => callCloud('catalog', { action: 'stores' }), []);
  const chosenId = currentStoreId();

  const pick = (store: StoreView) => {
    if (store.storeId !== chosenId) {
      setStore(store);
      toast(`已切换到${store.name.replace(/^果粒鲜选·/, '')}`);
    }
    leave();
  };

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
                {current ? <Text className='store-picker__current'>当前门店</Text> : null}
              </View>
              <Text className='store-picker__address'>{s.address}</Text>
              <View className='store-picker__foot'>
                {s.hours ? <Text className='store-picker__hours'>营业时间 {s.hours}</Text> : <Text />}
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

  return (
    <View className='store-picker'>
      <View className='store-picker__intro'>
        <Text className='store-picker__title'>选择自提门店</Text>
        <Text className='store-picker__text'>价格与库存以所选门店为准，下单后凭取货码到店自提。切换门店不会清空购物车。</Text>
      </View>
      <View className='store-picker__body'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
