import { z } from 'zod';
import { fen, id, isoInstant } from './common';
import { defineContract } from './define';

const tierPrices = z.object({ silver: fen.optional(), gold: fen.optional(), diamond: fen.optional() }).strict();
const windowEdge = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), isoInstant]);

export const entitySchemas = {
  store: z.object({ storeId: id, name: z.string().min(1).max(40), address: z.string().min(1).max(120), hours: z.string().max(40).optional() }).strict(),
  staff: z.object({ openid: id, storeId: id, role: z.enum(['clerk', 'manager', 'admin']), active: z.boolean(), name: z.string().max(20).optional() }).strict(),
  product: z
    .object({
      skuId: id,
      name: z.string().min(1).max(40),
      category: id,
      unit: z.string().min(1).max(20),
      listPriceFen: fen.min(1),
      memberPriceFen: tierPrices.optional(),
      paidPriceFen: fen.min(1).optional(),
      noExtraDiscount: z.boolean().optional(),
      onSale: z.boolean().optional(),
      image: z.string().max(300).optional(),
      description: z.string().max(300).optional(),
    })
    .strict(),
  priceList: z
    .object({
      priceListId: id,
      name: z.string().min(1).max(40),
      audience: z.object({ type: z.enum(['group', 'segment', 'tier', 'paid', 'new']), values: z.array(z.string().min(1).max(64)).max(50).optional() }).strict(),
      window: z.object({ from: windowEdge, to: windowEdge, weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional() }).strict(),
      items: z
        .array(z.object({ skuId: id, priceFen: fen.min(1), totalQty: z.number().int().min(1).optional(), perMemberQty: z.number().int().min(1).optional() }).strict())
        .min(1)
        .max(200),
      active: z.boolean().optional(),
    })
    .strict(),
} as const;

export type EntityName = keyof typeof entitySchemas;

export const adminRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('upsert'), entity: z.enum(['store', 'staff', 'product', 'priceList']), doc: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ action: z.literal('setStock'), storeId: id, skuId: id, stock: z.number().int().min(0).max(1_000_000) }).strict(),
  z.object({ action: z.literal('grant'), openid: id, kind: z.literal('points'), points: z.number().int().min(-1_000_000).max(1_000_000), reason: z.string().min(1).max(100) }).strict(),
]);

export interface AdminResponses {
  upsert: { id: string };
  setStock: { storeId: string; skuId: string; stock: number };
  grant: { openid: string; points: number };
}

export const adminContract = defineContract<AdminResponses>()('admin', adminRequest);
