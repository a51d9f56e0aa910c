import Taro from '@tarojs/taro';
import type { OrderView } from '@contract/order';
import { toast } from '@/services/action';
import { addToCart } from '@/services/cart';
import { currentStoreId, setStore } from '@/services/store';
import { mergedLines } from './format';

/** An order that went through (paid, whatever followed) can be bought again; unpaid and cancelled ones cannot. */
export function canReorder(order: Pick<OrderView, 'status'>): boolean {
  return order.status === 'paid' || order.status === 'picked_up' || order.status === 'refunded';
}

/**
 * 再来一单: the order's goods go back into the cart of the store it was picked up at (added to what
 * the cart holds), that store becomes the pickup store again, and the cart opens. Nothing is priced
 * or checked here: the cart quotes again and says what is gone or short.
 */
export function reorder(order: Pick<OrderView, 'storeId' | 'storeName' | 'lines'>): void {
  for (const line of mergedLines(order)) addToCart(order.storeId, line.skuId, line.qty);
  // The address comes back with the cart's shelf (loadShelf keeps the stored store as the backend has it).
  if (currentStoreId() !== order.storeId) setStore({ storeId: order.storeId, name: order.storeName, address: '' });
  toast('已加入购物车');
  void Taro.switchTab({ url: '/pages/cart/index' });
}
