/**
 * Partial refunds (部分退款): what a refund of some units of some lines gives back — money, points
 * spent — and takes back — growth and points earned, the paid card's savings. Pure.
 *
 * Every amount of the order (what was paid, the points spent, growth and points earned, savings) is
 * first shared among the order's SKUs by their amount after the paid card's discount, by largest
 * remainder, so the SKUs' shares sum exactly to the order's figure (coupon and points discounts are
 * thereby apportioned by line amount). Within a SKU, the first k of its q units are worth
 * floor(share × k / q); a refund gives the difference between the worth of the units refunded after
 * it and before it. However an order is refunded — at once, or in several partial refunds in any
 * order — the refunds therefore add up to exactly the order's figures, and never more.
 */
export interface RefundableLine {
  skuId: string;
  name: string;
  qty: number;
  amountFen: number;
  paidMemberDiscountFen: number;
}

export interface RefundableOrder {
  lines: readonly RefundableLine[];
  payableFen: number;
  pointsUsed: number;
  growthEarned: number;
  pointsEarned: number;
  membershipSavingsFen?: number;
  /** Units refunded so far, by SKU. */
  refundedQty?: Readonly<Record<string, number>>;
}

export interface RefundAsk {
  skuId: string;
  qty: number;
}

export interface RefundShareLine {
  skuId: string;
  name: string;
  qty: number;
  /** Units of this SKU refunded before this refund. */
  before: number;
  refundFen: number;
}

export interface RefundShare {
  lines: RefundShareLine[];
  refundFen: number;
  /** Points the order spent that come back. */
  pointsReturned: number;
  /** Growth the order earned that goes. */
  growthReversed: number;
  /** Points the order earned that go. */
  pointsReversed: number;
  /** What the paid card saved on these units (开卡保本 counts it no more). */
  savingsFen: number;
  /** Nothing of the order is left after this refund. */
  whole: boolean;
  /** Units refunded after this refund, by SKU. */
  refundedQty: Record<string, number>;
}

export type RefundRefusal = { refused: 'unknown_sku' | 'too_many' | 'nothing_left'; skuId?: string };

interface Sku {
  skuId: string;
  name: string;
  qty: number;
  weightFen: number;
}

/** The order's SKUs (a SKU may be split across lines at different prices), in the order's order. */
export function skusOf(lines: readonly RefundableLine[]): Sku[] {
  const bySku = new Map<string, Sku>();
  for (const l of lines) {
    const sku = bySku.get(l.skuId) ?? { skuId: l.skuId, name: l.name, qty: 0, weightFen: 0 };
    bySku.set(l.skuId, { ...sku, qty: sku.qty + l.qty, weightFen: sku.weightFen + l.amountFen - l.paidMemberDiscountFen });
  }
  return [...bySku.values()];
}

/** Splits `total` by `weights` (equal parts when they are all 0): integers that sum exactly to total. */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!weights.length) return [];
  const sum = weights.reduce((a, b) => a + Math.max(0, b), 0);
  const w = sum > 0 ? weights.map((x) => Math.max(0, x)) : weights.map(() => 1);
  const wSum = sum > 0 ? sum : weights.length;
  const exact = w.map((x) => (total * x) / wSum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  // The largest remainders take the units left; ties go to the earlier line.
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] += 1;
    left -= 1;
  }
  return parts;
}

/** The worth of the first `units` of a SKU whose whole share is `share` over `qty` units. */
const worth = (share: number, units: number, qty: number) => Math.floor((share * units) / qty);

/**
 * What refunding `asks` (all that is left when absent) gives back. Refuses a SKU the order does not
 * have, more units than are left, and an order with nothing left.
 */
export function refundShare(order: RefundableOrder, asks?: readonly RefundAsk[]): RefundShare | RefundRefusal {
  const skus = skusOf(order.lines);
  const before = (skuId: string) => order.refundedQty?.[skuId] ?? 0;
  const wanted = new Map<string, number>();
  if (asks) {
    for (const ask of asks) {
      const sku = skus.find((s) => s.skuId === ask.skuId);
      if (!sku) return { refused: 'unknown_sku', skuId: ask.skuId };
      if (ask.qty > sku.qty - before(ask.skuId)) return { refused: 'too_many', skuId: ask.skuId };
      wanted.set(ask.skuId, (wanted.get(ask.skuId) ?? 0) + ask.qty);
    }
  } else {
    for (const sku of skus) if (sku.qty > before(sku.skuId)) wanted.set(sku.skuId, sku.qty - before(sku.skuId));
  }
  if (![...wanted.values()].some((q) => q > 0)) return { refused: 'nothing_left' };

  const weights = skus.map((s) => s.weightFen);
  const shares = (total: number) => apportion(total, weights);
  const money = shares(order.payableFen);
  const spent = shares(order.pointsUsed);
  const growth = shares(order.growthEarned);
  const earned = shares(order.pointsEarned);
  const saved = shares(order.membershipSavingsFen ?? 0);

  const result: RefundShare = { lines: [], refundFen: 0, pointsReturned: 0, growthReversed: 0, pointsReversed: 0, savingsFen: 0, whole: true, refundedQty: { ...order.refundedQty } };
  skus.forEach((sku, i) => {
    const from = before(sku.skuId);
    const to = from + (wanted.get(sku.skuId) ?? 0);
    const part = (share: number) => worth(share, to, sku.qty) - worth(share, from, sku.qty);
    if (to > from) {
      const refundFen = part(money[i]);
      result.lines.push({ skuId: sku.skuId, name: sku.name, qty: to - from, before: from, refundFen });
      result.refundFen += refundFen;
      result.pointsReturned += part(spent[i]);
      result.growthReversed += part(growth[i]);
      result.pointsReversed += part(earned[i]);
      result.savingsFen += part(saved[i]);
      result.refundedQty[sku.skuId] = to;
    }
    if (to < sku.qty) result.whole = false;
  });
  return result;
}

export const isRefusal = (x: RefundShare | RefundRefusal): x is RefundRefusal => 'refused' in x;

/**
 * Limited-price units a refund gives back, per take of the SKU (in the order's order): a SKU's first
 * units count as the ones bought at its limited prices, so units `before`..`after` of it fall in each
 * take by where they sit. Summed over all refunds, every take gets back exactly its quantity.
 */
export function limitedBack(takeQtys: readonly number[], before: number, after: number): number[] {
  let offset = 0;
  return takeQtys.map((qty) => {
    const inTake = (k: number) => Math.min(Math.max(0, k - offset), qty);
    const back = inTake(after) - inTake(before);
    offset += qty;
    return back;
  });
}
