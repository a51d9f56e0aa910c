import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ErrorState } from '@/components/error-state';
import { OrderCard } from '@/components/order-card';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { useCloud, useRefreshErrorToast } from '@/hooks/useCloud';
import { OrdersSkeleton } from './components/orders-skeleton';
import { fetchTabOrders, ORDER_TABS, type OrderTabKey } from './model';
import './index.scss';
import { useFreshOnShow } from '@/hooks/useFreshOnShow';

const SHOP_TAB = '/pages/index/index';

function openOrder(orderId: string) {
  void Taro.navigateTo({ url: `/pages/order/index?orderId=${encodeURIComponent(orderId)}` });
}

function EmptyOrders({ text }: { text: string }) {
  return (
    <View className='orders-page__empty' data-testid='orders-empty'>
      <View className='orders-page__empty-icon'>
        <Text>单</Text>
      </View>
      <Text className='orders-page__empty-text'>{text}</Text>
      <Button className='orders-page__empty-cta' onClick={() => void Taro.switchTab({ url: SHOP_TAB })}>
        去鲜选逛逛
      </Button>
    </View>
  );
}

/** 订单 tab: the member's orders by status, newest first. */
export default function OrdersPage() {
  const [tabKey, setTabKey] = useState<OrderTabKey>('all');
  const tab = ORDER_TABS.find((t) => t.key === tabKey) ?? ORDER_TABS[0];
  const { data, error, loading, reload } = useCloud(() => fetchTabOrders(tab), [tabKey]);

  useFreshOnShow(reload);

  // A failed refresh keeps the list and only says so.
  const current = data?.tab === tabKey ? data : undefined;
  useRefreshErrorToast(error, current);

  let body: JSX.Element;
  if (current && current.orders.length === 0) body = <EmptyOrders text={tab.empty} />;
  else if (current)
    body = (
      <View className='orders-page__list'>
        {current.orders.map((order) => (
          <OrderCard key={order.orderId} order={order} onOpen={openOrder} />
        ))}
        <Text className='orders-page__end'>{current.orders.length >= 50 ? '仅显示最近 50 笔订单' : '没有更多订单了'}</Text>
      </View>
    );
  else if (error) body = <ErrorState message={error.message} onRetry={() => void reload()} retrying={loading} />;
  else body = <OrdersSkeleton />;

  return (
    <View className='orders-page'>
      <View className='orders-page__tabs'>
        {ORDER_TABS.map((t) => (
          <View
            key={t.key}
            className={`orders-page__tab orders-page__tab--${t.key}${t.key === tabKey ? ' orders-page__tab--active' : ''}`}
            data-testid={`orders-tab-${t.key}`}
            onClick={() => setTabKey(t.key)}
          >
            <Text className='orders-page__tab-text'>{t.title}</Text>
          </View>
        ))}
      </View>
      <View className='orders-page__body'>{body}</View>
      <PersonaSwitcher />
    </View>
  );
}
