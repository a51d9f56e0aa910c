/**
 * What the pay sheet says is being paid for, as WeChat's sheet shows the payment's description. The
 * out-trade number tells the two purchases apart: shop orders are `GL…` (order.create's orderIdFor),
 * paid-card purchases `GM…` (membership.purchase's membershipOrderId).
 */
export function paySubject(outTradeNo: string): string {
  return outTradeNo.startsWith('GM') ? '心享会员开通/续费' : '到店自提订单';
}
