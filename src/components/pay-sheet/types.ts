export interface PaySheetRequest {
  amountFen: number;
  outTradeNo: string;
  /** Runs when the member taps 确认支付; true when the payment went through. */
  confirm: () => Promise<boolean>;
}

export type PaySheetResult = 'paid' | 'cancelled' | 'failed';
