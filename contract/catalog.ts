import { z } from 'zod';
import type { PriceSource } from './vocabulary';
import { id } from './common';
import { defineContract } from './define';

export const catalogRequest = z.discriminatedUnion('action', [
  /** With the user's location (wx.getLocation, gcj02), nearest first with each store's distance. */
  z.object({ action: z.literal('stores'), location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict().optional() }).strict(),
  z.object({ action: z.literal('list'), storeId: id }).strict(),
  /** Products of the store whose name, category or description contains `q`; answers like `list`. */
  z.object({ action: z.literal('search'), storeId: id, q: z.string().trim().min(1, '请输入要搜索的商品').max(20, '搜索词最多 20 个字') }).strict(),
  /** The shop's front page for the caller: banners for their audience now. */
  z.object({ action: z.literal('home'), storeId: id }).strict(),
]);

export interface StoreView {
  storeId: string;
  name: string;
  address: string;
  hours?: string;
  phone?: string;
  location?: { lat: number; lng: number } | null;
  /** Metres from the location given to `stores`; absent without one. */
  distanceM?: number;
}

export interface BannerView {
  bannerId: string;
  title: string;
  imageUrl: string;
  /** A page of the app (/pages/product/index?skuId=…) or empty. */
  link: string;
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
  search: { store: StoreView; categories: Array<{ category: string; name: string }>; products: CatalogProduct[] };
  home: { banners: BannerView[] };
}

export const catalogContract = defineContract<CatalogResponses>()('catalog', catalogRequest);
