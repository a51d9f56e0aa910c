import Taro from '@tarojs/taro';
import type { CreatedOrder } from '@contract/order';
import type { PayResult } from './payment';

/** wx.requestPayment rejects with `{ errMsg: 'requestPayment:fail cancel' }` when the member closes the sheet. */
function isCancel(err: unknown): boolean {
  const errMsg = err && typeof err === 'object' && 'errMsg' in err ? String((err as { errMsg: unknown }).errMsg) : '';
  return /cancel/i.test(errMsg);
}

/** Mini-program: WeChat's own payment sheet with the parameters cloudPay.unifiedOrder returned. */
export async function payOrder(created: CreatedOrder): Promise<PayResult> {
  const { payment } = created;
  if (!payment) return 'failed';
  try {
    await Taro.requestPayment({
      timeStamp: payment.timeStamp,
      nonceStr: payment.nonceStr,
      package: payment.package,
      signType: payment.signType as keyof Taro.requestPayment.SignType,
      paySign: payment.paySign,
    });
    return 'paid';
  } catch (err) {
    return isCancel(err) ? 'cancelled' : 'failed';
  }
}
