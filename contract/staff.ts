import { z } from 'zod';
import { defineContract } from './define';

const code = z.string().trim().min(4).max(512);

export const staffRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('me') }).strict(),
  z.object({ action: z.literal('lookup'), code }).strict(),
  z.object({ action: z.literal('redeem'), code }).strict(),
]);

export interface HandoverLine {
  skuId: string;
  name: string;
  unit: string;
  qty: number;
}

export interface HandoverView {
  orderId: string;
  storeId: string;
  storeName: string;
  status: string;
  lines: HandoverLine[];
  payableFen: number;
  pickedUpAt: string | null;
  pickedUpBy: string | null;
}

export interface StaffResponses {
  me: { openid: string; storeId: string; storeName: string; role: 'clerk' | 'manager' | 'admin' } | null;
  lookup: HandoverView;
  redeem: { orderId: string; lines: HandoverLine[]; pickedUpAt: string };
}

export const staffContract = defineContract<StaffResponses>()('staff', staffRequest);
