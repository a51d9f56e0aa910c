import type { Buyer } from './catalog';
import { businessDate, businessWeekday } from './businessTime';
import { tierRank, type Tier } from './tier';

/** 社群专属价: a price list for an audience, in a time window, with optional quantity limits. */
export interface PriceList {
  priceListId: string;
  name: string;
  audience: { type: 'group' | 'segment' | 'tier' | 'paid' | 'new'; values?: readonly string[] };
  /** `from`/`to` are Shanghai dates (YYYY-MM-DD, inclusive) or ISO instants; weekdays 1 = Monday … 7 = Sunday. */
  window: { from: string; to: string; weekdays?: readonly number[] };
  items: readonly PriceListItem[];
  active?: boolean;
}

export interface PriceListItem {
  skuId: string;
  priceFen: number;
  /** Units sold at this price to everyone together. */
  totalQty?: number;
  /** Units one member may buy at this price. */
  perMemberQty?: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function inWindow(window: PriceList['window'], now: Date): boolean {
  const today = businessDate(now);
  const afterStart = DATE_ONLY.test(window.from) ? today >= window.from : now.getTime() >= Date.parse(window.from);
  const beforeEnd = DATE_ONLY.test(window.to) ? today <= window.to : now.getTime() < Date.parse(window.to);
  if (!afterStart || !beforeEnd) return false;
  return !window.weekdays?.length || window.weekdays.includes(businessWeekday(now));
}

export function audienceIncludes(audience: PriceList['audience'], buyer: Buyer): boolean {
  const values = audience.values ?? [];
  switch (audience.type) {
    case 'group':
      return values.some((gid) => buyer.groups.includes(gid));
    case 'segment':
      return buyer.segment !== null && values.includes(buyer.segment);
    case 'tier': {
      // values[0] is the minimum tier.
      const minimum = (values[0] ?? 'normal') as Tier;
      return tierRank(buyer.tier) >= tierRank(minimum);
    }
    case 'paid':
      return buyer.paid;
    case 'new':
      return buyer.isNewCustomer;
    default:
      return false;
  }
}

/** The price lists that apply to this buyer now. */
export function activePriceLists(lists: readonly PriceList[], buyer: Buyer, now: Date): PriceList[] {
  return lists.filter((list) => list.active !== false && inWindow(list.window, now) && audienceIncludes(list.audience, buyer));
}
