import Taro from '@tarojs/taro';
import type { CreatedOrder, OrderStatus } from '@contract/order';
import { callCloud } from '@/services/cloud';
import { isSettled, PAID_POLL_DELAYS_MS } from './model';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The order with payment parameters: a replayed create whose prepay failed has none, so ask again.
 * A ¥0 order (coupons and points cover it all) is already paid and needs none.
 */
export async function withPayment(created: CreatedOrder): Promise<CreatedOrder> {
  if (created.payment || created.status === 'paid') return created;
  return callCloud('order', { action: 'pay', orderId: created.orderId });
}

/**
 * The payment callback, not the payment sheet, marks an order paid: poll `order.detail` until it
 * has (about 5 s at most). Answers the last status seen; 'pending_payment' if it never settled.
 */
export async function waitUntilPaid(orderId: string): Promise<OrderStatus> {
  let status: OrderStatus = 'pending_payment';
  for (const delayMs of [0, ...PAID_POLL_DELAYS_MS]) {
    if (delayMs) await sleep(delayMs);
    try {
      status = (await callCloud('order', { action: 'detail', orderId })).status;
      if (isSettled(status)) return status;
    } catch {
      // a failed poll is just one fewer look; the order page shows the truth anyway
    }
  }
  return status;
}

export function openOrder(orderId: string): void {
  void Taro.redirectTo({ url: `/pages/order/index?orderId=${encodeURIComponent(orderId)}` });
}
