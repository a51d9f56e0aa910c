import cloud from 'wx-server-sdk';
import type { PaymentParams } from '@contract/order';
import { DomainError } from './errors';

/** The function cloud payment calls back when WeChat Pay confirms (or fails) a payment. */
export const PAY_CALLBACK_FUNCTION = 'payCallback';

// wx-server-sdk ships cloudPay without typings.
const cloudPay = (cloud as unknown as { cloudPay: Record<'unifiedOrder' | 'refund', (params: Record<string, unknown>) => Promise<unknown>> }).cloudPay;

interface UnifiedOrderAnswer {
  returnCode?: string;
  returnMsg?: string;
  resultCode?: string;
  errCodeDes?: string;
  payment?: PaymentParams;
}

/**
 * Asks cloud payment for a prepay order. Amount and description come from the order the server
 * priced; the merchant number is console configuration (WXPAY_SUB_MCH_ID).
 */
export async function requestPayment(input: { outTradeNo: string; totalFen: number; body: string; nonce: string }): Promise<PaymentParams> {
  const { ENV } = cloud.getWXContext();
  let answer: UnifiedOrderAnswer;
  try {
    answer = (await cloudPay.unifiedOrder({
      functionName: PAY_CALLBACK_FUNCTION,
      envId: ENV,
      subMchId: process.env.WXPAY_SUB_MCH_ID ?? '',
      nonceStr: input.nonce,
      // WeChat Pay allows 128 bytes: 40 Chinese characters at 3 bytes each.
      body: input.body.slice(0, 40),
      outTradeNo: input.outTradeNo,
      totalFee: input.totalFen,
      spbillCreateIp: '127.0.0.1',
      tradeType: 'JSAPI',
    })) as UnifiedOrderAnswer;
  } catch (err) {
    console.error('[payment] unifiedOrder failed', err);
    throw new DomainError('PAYMENT_FAILED', '发起支付失败，请稍后重试');
  }
  if (answer.returnCode !== 'SUCCESS' || answer.resultCode !== 'SUCCESS' || !answer.payment) {
    console.error('[payment] unifiedOrder refused', answer);
    throw new DomainError('PAYMENT_FAILED', `发起支付失败：${answer.errCodeDes ?? answer.returnMsg ?? '请稍后重试'}`);
  }
  return answer.payment;
}

/** Asks cloud payment to refund an order in full; failures are reported to the caller to record. */
export async function requestRefund(input: { outTradeNo: string; outRefundNo?: string; totalFen: number; refundFen: number; reason: string }): Promise<boolean> {
  const { ENV } = cloud.getWXContext();
  try {
    const answer = (await cloudPay.refund({
      functionName: PAY_CALLBACK_FUNCTION,
      envId: ENV,
      subMchId: process.env.WXPAY_SUB_MCH_ID ?? '',
      nonceStr: `r${input.outRefundNo ?? input.outTradeNo}`.slice(0, 32),
      outTradeNo: input.outTradeNo,
      outRefundNo: input.outRefundNo ?? `R${input.outTradeNo}`.slice(0, 32),
      totalFee: input.totalFen,
      refundFee: input.refundFen,
      refundDesc: input.reason.slice(0, 80),
    })) as UnifiedOrderAnswer;
    return answer.returnCode === 'SUCCESS' && answer.resultCode === 'SUCCESS';
  } catch (err) {
    console.error('[payment] refund failed', err);
    return false;
  }
}
