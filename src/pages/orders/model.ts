import type { OrderCounts, OrderStatus, OrderView } from '@contract/order';
import { callCloud } from '@/services/cloud';

export type OrderTabKey = 'all' | 'pending' | 'paid' | 'done' | 'refund';

export interface OrderTab {
  key: OrderTabKey;
  title: string;
  /** The status the tab lists (order.list filters by one); null = every order. */
  status: OrderStatus | null;
  /** What an empty tab says. */
  empty: string;
}

export const ORDER_TABS: readonly OrderTab[] = [
  { key: 'all', title: '全部', status: null, empty: '还没有订单，去挑点新鲜的吧' },
  { key: 'pending', title: '待支付', status: 'pending_payment', empty: '没有待支付的订单' },
  { key: 'paid', title: '待提货', status: 'paid', empty: '没有待提货的订单' },
  { key: 'done', title: '已完成', status: 'picked_up', empty: '还没有已完成的订单' },
  { key: 'refund', title: '退款', status: 'refunded', empty: '没有退款的订单' },
];

/** One tab's list as far as it has been paged. */
export interface TabList {
  orders: OrderView[];
  /** What to pass back for the next page; null when the last page is in. */
  cursor: string | null;
  /** The first page has arrived. */
  loaded: boolean;
  loading: boolean;
  /** The last load's failure (its Chinese message), if it failed. */
  error: string | null;
}

export const EMPTY_LIST: TabList = { orders: [], cursor: null, loaded: false, loading: false, error: null };

export const hasMore = (list: TabList): boolean => list.loaded && list.cursor !== null;

/** The number on a tab: its status's count, 全部 the sum of all; null before any page told us. */
export function tabCount(tab: OrderTab, counts: OrderCounts | null): number | null {
  if (!counts) return null;
  if (tab.status) return counts[tab.status];
  return counts.pending_payment + counts.paid + counts.picked_up + counts.refunded + counts.cancelled;
}

/** A tab's list after a page arrived: the first page replaces it, a next page is appended (an order seen twice is kept once). */
export function withPage(list: TabList, page: { orders: OrderView[]; cursor: string | null }, fresh: boolean): TabList {
  const seen = new Set(fresh ? [] : list.orders.map((o) => o.orderId));
  const orders = fresh ? page.orders : [...list.orders, ...page.orders.filter((o) => !seen.has(o.orderId))];
  return { orders, cursor: page.cursor, loaded: true, loading: false, error: null };
}

/** One page of the tab's orders, newest first (`order.list`). */
export function fetchOrdersPage(tab: OrderTab, cursor: string | null) {
  return callCloud('order', { action: 'list', ...(tab.status ? { status: tab.status } : {}), ...(cursor ? { cursor } : {}) });
}

export type ListFooter = { text: string; modifier: 'loading' | 'retry' | 'more' | 'end' };

/** What the end of a list says: loading, a failed page to retry, more to come, or the end. */
export function footerOf(list: TabList): ListFooter {
  if (list.loading) return { text: '加载中…', modifier: 'loading' };
  if (list.error) return { text: '加载失败，点击重试', modifier: 'retry' };
  if (hasMore(list)) return { text: '上拉加载更多', modifier: 'more' };
  return { text: '没有更多了', modifier: 'end' };
}
