export interface PaySheetRequest {
  amountFen: number;
  outTradeNo: string;
  /** What is paid for (心享会员开通/续费, 到店自提订单); by default read from the out-trade number (subject.ts). */
  subject?: string;
  /** Runs when the member taps 确认支付; true when the payment went through. */
  confirm: () => Promise<boolean>;
}

export type PaySheetResult = 'paid' | 'cancelled' | 'failed';
