import type { OrderStatus, OrderView } from '@contract/order';
import { callCloud } from '@/services/cloud';

export type OrderTabKey = 'all' | 'pending' | 'paid' | 'done' | 'closed';

export interface OrderTab {
  key: OrderTabKey;
  title: string;
  /** The statuses the tab lists; none = every order. */
  statuses: OrderStatus[] | null;
  /** What an empty tab says. */
  empty: string;
}

export const ORDER_TABS: readonly OrderTab[] = [
  { key: 'all', title: '全部', statuses: null, empty: '还没有订单，去挑点新鲜的吧' },
  { key: 'pending', title: '待支付', statuses: ['pending_payment'], empty: '没有待支付的订单' },
  { key: 'paid', title: '待提货', statuses: ['paid'], empty: '没有待提货的订单' },
  { key: 'done', title: '已完成', statuses: ['picked_up'], empty: '还没有已完成的订单' },
  { key: 'closed', title: '退款·取消', statuses: ['refunded', 'cancelled'], empty: '没有退款或取消的订单' },
];

export interface TabOrders {
  tab: OrderTabKey;
  orders: OrderView[];
}

/** The tab's orders, newest first. A tab of two statuses asks for each (list filters by one status). */
export async function fetchTabOrders(tab: OrderTab): Promise<TabOrders> {
  if (!tab.statuses) return { tab: tab.key, orders: (await callCloud('order', { action: 'list' })).orders };
  const lists = await Promise.all(tab.statuses.map((status) => callCloud('order', { action: 'list', status })));
  const orders = lists.flatMap((l) => l.orders).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return { tab: tab.key, orders };
}
