import { z } from 'zod';
import type { PriceSource } from './vocabulary';
import { id } from './common';
import { defineContract } from './define';

export const catalogRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('stores') }).strict(),
  z.object({ action: z.literal('list'), storeId: id }).strict(),
]);

export interface StoreView {
  storeId: string;
  name: string;
  address: string;
  hours?: string;
}

export interface CatalogProduct {
  skuId: string;
  name: string;
  category: string;
  unit: string;
  /** The product's photo to show (the same as imageUrl; kept for older app builds). */
  image?: string;
  /** The photo: a temporary URL of its cloud-storage file (valid 2 hours), or a plain image address. */
  imageUrl?: string;
  description?: string;
  listPriceFen: number;
  /** The caller's price for one unit, before order-level discounts. */
  unitPriceFen: number;
  priceSource: PriceSource;
  priceLabel: string;
  priceReason: string;
  stock: number;
  noExtraDiscount: boolean;
}

export interface CatalogResponses {
  stores: { stores: StoreView[] };
  list: { store: StoreView; categories: Array<{ category: string; name: string }>; products: CatalogProduct[] };
}

export const catalogContract = defineContract<CatalogResponses>()('catalog', catalogRequest);
