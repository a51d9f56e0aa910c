import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { OrderCounts } from '@contract/order';
import { ErrorState } from '@/components/error-state';
import { OrderCard, reorder } from '@/components/order-card';
import { PersonaSwitcher } from '@/components/persona-switcher';
import { toastError } from '@/services/action';
import { toCloudCallError } from '@/services/cloud';
import { OrdersSkeleton } from './components/orders-skeleton';
import { EMPTY_LIST, fetchOrdersPage, footerOf, hasMore, ORDER_TABS, tabCount, withPage, type OrderTab, type OrderTabKey, type TabList } from './model';
import './index.scss';

const SHOP_TAB = '/pages/index/index';

type Lists = Record<OrderTabKey, TabList>;

const NO_LISTS = Object.fromEntries(ORDER_TABS.map((t) => [t.key, EMPTY_LIST])) as Lists;
const NO_CALLS = Object.fromEntries(ORDER_TABS.map((t) => [t.key, 0])) as Record<OrderTabKey, number>;

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

/**
 * The end of the list. One element with one handler throughout (`onMore` ignores taps with nothing
 * to load): taking a handler off a node makes Taro's mini-program runtime swap its template.
 */
function ListFooter({ list, onMore }: { list: TabList; onMore: () => void }) {
  const { text, modifier } = footerOf(list);
  return (
    <Text className={`orders-page__footer orders-page__footer--${modifier}`} data-testid='orders-footer' onClick={onMore}>
      {text}
    </Text>
  );
}

function OrdersBody({ tab, list, onMore, onRetry }: { tab: OrderTab; list: TabList; onMore: () => void; onRetry: () => void }) {
  if (!list.loaded && list.error) return <ErrorState message={list.error} onRetry={onRetry} retrying={list.loading} />;
  if (!list.loaded) return <OrdersSkeleton />;
  if (list.orders.length === 0) return <EmptyOrders text={tab.empty} />;
  return (
    <View className='orders-page__list'>
      {list.orders.map((order) => (
        <OrderCard key={order.orderId} order={order} onOpen={openOrder} onReorder={reorder} />
      ))}
      <ListFooter list={list} onMore={onMore} />
    </View>
  );
}

/** 订单 tab: the member's orders by status, newest first, a page at a time, with each tab's count. */
export default function OrdersPage() {
  const [tabKey, setTabKey] = useState<OrderTabKey>('all');
  const [lists, setLists] = useState<Lists>(NO_LISTS);
  const [counts, setCounts] = useState<OrderCounts | null>(null);

  const listsRef = useRef(lists);
  listsRef.current = lists;
  const tabRef = useRef(tabKey);
  tabRef.current = tabKey;
  // The newest request per tab: a refresh supersedes a page still on its way.
  const latest = useRef({ ...NO_CALLS });

  /** The tab's first page again (`fresh`), or its next page if there is one and none is on its way. */
  const load = useCallback(async (key: OrderTabKey, fresh: boolean) => {
    const tab = ORDER_TABS.find((t) => t.key === key) ?? ORDER_TABS[0];
    const before = listsRef.current[key];
    if (!fresh && (before.loading || !hasMore(before))) return;
    const call = ++latest.current[key];
    const mark = (next: (l: TabList) => TabList) => setLists((all) => ({ ...all, [key]: next(all[key]) }));
    mark((l) => ({ ...l, loading: true, error: null }));
    try {
      const page = await fetchOrdersPage(tab, fresh ? null : before.cursor);
      if (call !== latest.current[key]) return;
      // Counts come with a first page only: the next pages keep the ones shown.
      if (page.counts) setCounts(page.counts);
      mark((l) => withPage(l, page, fresh));
    } catch (err) {
      if (call !== latest.current[key]) return;
      const { message } = toCloudCallError(err);
      // A failed refresh keeps the list on screen and only says so.
      if (fresh && listsRef.current[key].loaded) toastError(message);
      mark((l) => ({ ...l, loading: false, error: fresh && l.loaded ? null : message }));
    }
  }, []);

  // Each tab shows its first page afresh when chosen (the counts and states may have moved meanwhile).
  useEffect(() => {
    void load(tabKey, true);
  }, [tabKey, load]);

  // Back from an order (paid, refunded, cancelled) or from another tab: the current tab loads afresh.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void load(tabRef.current, true);
    shown.current = true;
  });

  usePullDownRefresh(() => {
    void load(tabRef.current, true).then(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    const list = listsRef.current[tabRef.current];
    if (list.loaded && !list.error) void load(tabRef.current, false);
  });

  const tab = ORDER_TABS.find((t) => t.key === tabKey) ?? ORDER_TABS[0];

  return (
    <View className='orders-page'>
      <View className='orders-page__tabs'>
        {ORDER_TABS.map((t) => {
          const count = tabCount(t, counts);
          return (
            <View
              key={t.key}
              className={`orders-page__tab orders-page__tab--${t.key}${t.key === tabKey ? ' orders-page__tab--active' : ''}`}
              data-testid={`orders-tab-${t.key}`}
              onClick={() => setTabKey(t.key)}
            >
              <Text className='orders-page__tab-text'>{t.title}</Text>
              {count ? (
                <Text className='orders-page__tab-count' data-testid={`orders-count-${t.key}`}>
                  {count > 99 ? '99+' : count}
                </Text>
              ) : null}
            </View>
          );
        })}
      </View>
      <View className='orders-page__body'>
        <OrdersBody tab={tab} list={lists[tabKey]} onMore={() => void load(tabKey, false)} onRetry={() => void load(tabKey, true)} />
      </View>
      <PersonaSwitcher />
    </View>
  );
}
