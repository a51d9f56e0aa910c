/**
 * Paying for a created order. Taro picks the platform file at build time:
 * payment.weapp.ts (wx.requestPayment with the cloud-payment parameters) or payment.h5.ts
 * (the local emulator's pay sheet). This file only gives TypeScript the shared signature;
 * no build should ever bundle it.
 */
import type { CreatedOrder } from '@contract/order';

/**
 * What the member did with the payment sheet. 'paid' only means WeChat Pay took the money:
 * the payment callback is what marks the order paid, so callers still wait for `order.detail`.
 */
export type PayResult = 'paid' | 'cancelled' | 'failed';

export function payOrder(created: CreatedOrder): Promise<PayResult> {
  return Promise.reject(new Error(`no payment for platform ${process.env.TARO_ENV} (order ${created.orderId})`));
}
