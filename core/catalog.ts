import type { Tier } from './tier';

/** A product (SKU) as operators configure it. Prices in fen. */
export interface Product {
  skuId: string;
  name: string;
  category: string;
  unit: string;
  listPriceFen: number;
  /** 会员价: the price for members of a tier (a higher tier also gets the lower tiers' prices). */
  memberPriceFen?: Partial<Record<Exclude<Tier, 'normal'>, number>>;
  /** 心享价: the price for active paid members. */
  paidPriceFen?: number;
  /** Excluded from the paid member's extra 95折 / 85折 (折上折). */
  noExtraDiscount?: boolean;
  /** Off sale products are not listed nor sold. */
  onSale?: boolean;
  image?: string;
  /** The photo in cloud storage (cloud://…). */
  imageFileId?: string;
  description?: string;
}

/** Who is buying, as far as prices care. Built on the server from the member record. */
export interface Buyer {
  tier: Tier;
  /** An active paid membership (心享会员). */
  paid: boolean;
  segment: string | null;
  /** openGIds of the WeChat groups the member was seen in. */
  groups: readonly string[];
  /** No paid order yet. */
  isNewCustomer: boolean;
}
