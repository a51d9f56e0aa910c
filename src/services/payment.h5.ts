import type { CreatedOrder } from '@contract/order';
import { openPaySheet } from '../components/pay-sheet';
import type { PayResult } from './payment';

/**
 * H5 preview: there is no WeChat Pay, so the emulator's pay sheet stands in for it. Confirming asks
 * the local cloud's dev gateway (same origin) to deliver WeChat Pay's callback to the backend,
 * exactly as the real payment would.
 */
async function deliverPayment(outTradeNo: string): Promise<boolean> {
  const res = await fetch(`/__dev/pay/${encodeURIComponent(outTradeNo)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ result: 'SUCCESS', times: 1 }),
  });
  if (!res.ok) return false;
  const body = (await res.json().catch(() => null)) as { deliveries?: Array<{ result?: { errcode?: number } }> } | null;
  return body?.deliveries?.[0]?.result?.errcode === 0;
}

export function payOrder(created: CreatedOrder): Promise<PayResult> {
  return openPaySheet({ amountFen: created.payableFen, outTradeNo: created.outTradeNo, confirm: () => deliverPayment(created.outTradeNo) });
}
