import type { Buyer, Product } from './catalog';
import type { PriceList } from './priceList';
import { TIERS, tierRank, TIER_NAMES } from './tier';

/** Where a unit price came from; the checkout shows it next to each line. */
export type PriceSource = 'list' | 'member' | 'paid' | 'group' | 'segment' | 'tier' | 'new';

export const PRICE_LABELS: Record<PriceSource, string> = {
  list: '零售价',
  member: '会员价',
  paid: '心享价',
  group: '群专享',
  segment: '专享价',
  tier: '会员专享',
  new: '新人价',
};

/** Units already sold at a limited price-list price: to everyone, and to this buyer. */
export interface PriceListUsage {
  soldQty: number;
  memberQty: number;
}
export type UsageLookup = (priceListId: string, skuId: string) => PriceListUsage;

export interface PriceCandidate {
  priceFen: number;
  source: PriceSource;
  /** Why the buyer gets it, in words a member understands. */
  reason: string;
  priceListId?: string;
  /** Units still available at this price for this buyer (Infinity when unlimited). */
  available: number;
}

/** One stretch of a line at one unit price. A line splits when a limited price runs out. */
export interface PricedSegment {
  skuId: string;
  qty: number;
  unitPriceFen: number;
  listPriceFen: number;
  priceSource: PriceSource;
  priceLabel: string;
  reason: string;
  priceListId?: string;
  amountFen: number;
}

const NO_USAGE: UsageLookup = () => ({ soldQty: 0, memberQty: 0 });

/** Every price the buyer may pay for this product now, cheapest first (unlimited before limited at a tie). */
export function priceCandidates(product: Product, buyer: Buyer, lists: readonly PriceList[], usage: UsageLookup = NO_USAGE): PriceCandidate[] {
  const candidates: PriceCandidate[] = [{ priceFen: product.listPriceFen, source: 'list', reason: '零售价', available: Infinity }];
  // A tier's member price is every higher tier's too (a gold member pays the silver price when gold
  // has none): the reason names the buyer's own tier, so a 金卡 member never reads 银卡会员价.
  for (const tier of TIERS) {
    const price = tier === 'normal' ? undefined : product.memberPriceFen?.[tier];
    if (price !== undefined && tierRank(buyer.tier) >= tierRank(tier)) {
      candidates.push({ priceFen: price, source: 'member', reason: `${TIER_NAMES[buyer.tier]}会员价`, available: Infinity });
    }
  }
  if (buyer.paid && product.paidPriceFen !== undefined) {
    candidates.push({ priceFen: product.paidPriceFen, source: 'paid', reason: '心享会员专属价', available: Infinity });
  }
  for (const list of lists) {
    for (const item of list.items) {
      if (item.skuId !== product.skuId) continue;
      const used = usage(list.priceListId, product.skuId);
      const byTotal = item.totalQty === undefined ? Infinity : item.totalQty - used.soldQty;
      const byMember = item.perMemberQty === undefined ? Infinity : item.perMemberQty - used.memberQty;
      const available = Math.max(0, Math.min(byTotal, byMember));
      if (available > 0) {
        candidates.push({ priceFen: item.priceFen, source: list.audience.type, reason: list.name, priceListId: list.priceListId, available });
      }
    }
  }
  return candidates.sort((a, b) => a.priceFen - b.priceFen || (a.available === Infinity ? -1 : 0) - (b.available === Infinity ? -1 : 0));
}

/**
 * Prices `qty` units: as many as allowed at the lowest price, the rest at the next price, and so on
 * (the list price is always available). Never mutates its inputs.
 */
export function priceLine(product: Product, qty: number, buyer: Buyer, lists: readonly PriceList[], usage: UsageLookup = NO_USAGE): PricedSegment[] {
  if (!Number.isInteger(qty) || qty <= 0) throw new RangeError(`quantity must be a positive integer: ${qty}`);
  const segments: PricedSegment[] = [];
  let remaining = qty;
  for (const candidate of priceCandidates(product, buyer, lists, usage)) {
    if (remaining === 0) break;
    const take = Math.min(remaining, candidate.available);
    if (take <= 0) continue;
    const same = segments.find((s) => s.unitPriceFen === candidate.priceFen && s.priceSource === candidate.source && s.priceListId === candidate.priceListId);
    if (same) {
      same.qty += take;
      same.amountFen = same.qty * same.unitPriceFen;
    } else {
      segments.push({
        skuId: product.skuId,
        qty: take,
        unitPriceFen: candidate.priceFen,
        listPriceFen: product.listPriceFen,
        priceSource: candidate.source,
        priceLabel: PRICE_LABELS[candidate.source],
        reason: candidate.reason,
        ...(candidate.priceListId ? { priceListId: candidate.priceListId } : {}),
        amountFen: take * candidate.priceFen,
      });
    }
    remaining -= take;
  }
  return segments;
}

/** The unit price shown in the catalog: what one unit costs this buyer now. */
export function unitPrice(product: Product, buyer: Buyer, lists: readonly PriceList[], usage: UsageLookup = NO_USAGE): PricedSegment {
  return priceLine(product, 1, buyer, lists, usage)[0];
}
