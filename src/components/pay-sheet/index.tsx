import type { PaySheetRequest, PaySheetResult } from './types';

export type { PaySheetRequest, PaySheetResult } from './types';

/**
 * The emulator's pay sheet is an H5-preview tool (index.h5.tsx). The mini-program pays with
 * WeChat's own sheet (services/payment.weapp.ts), so every other build gets these stand-ins.
 */
export function PaySheet(): null {
  return null;
}

export function openPaySheet(request: PaySheetRequest): Promise<PaySheetResult> {
  return Promise.reject(new Error(`the pay sheet is only part of the H5 preview (order ${request.outTradeNo})`));
}
