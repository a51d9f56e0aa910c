import type { OrderView, RefundQuote } from '@contract/order';
import { formatFen } from '@core/money';
import { mergedLines } from '@/components/order-card/format';

/** One SKU of the order in the refund sheet: what was bought, what is refunded already, what is left. */
export interface RefundChoiceRow {
  skuId: string;
  name: string;
  qty: number;
  refunded: number;
  left: number;
}

/** Units chosen per SKU. */
export type RefundChoice = Readonly<Record<string, number>>;

/** The order's SKUs (a SKU priced in two lines is one row: refunds count units by SKU). */
export function refundChoiceRows(order: Pick<OrderView, 'lines' | 'refundedQty'>): RefundChoiceRow[] {
  return mergedLines(order).map((l) => {
    const refunded = Math.min(l.qty, order.refundedQty[l.skuId] ?? 0);
    return { skuId: l.skuId, name: l.name, qty: l.qty, refunded, left: l.qty - refunded };
  });
}

/** Everything that is left, chosen (全选). */
export function allLeft(rows: readonly RefundChoiceRow[]): RefundChoice {
  return Object.fromEntries(rows.filter((r) => r.left > 0).map((r) => [r.skuId, r.left]));
}

/** What `refundQuote` and `refund` are asked for: the chosen units, each within what is left, in the order's order. */
export function chosenLines(rows: readonly RefundChoiceRow[], choice: RefundChoice): Array<{ skuId: string; qty: number }> {
  return rows.map((r) => ({ skuId: r.skuId, qty: Math.max(0, Math.min(r.left, Math.floor(choice[r.skuId] ?? 0))) })).filter((l) => l.qty > 0);
}

/** Stands for one choice of lines (quotes and request ids are kept per choice). */
export function choiceKey(lines: ReadonlyArray<{ skuId: string; qty: number }>): string {
  return lines.map((l) => `${l.skuId}:${l.qty}`).join('|');
}

export function isAllChosen(rows: readonly RefundChoiceRow[], choice: RefundChoice): boolean {
  const left = rows.filter((r) => r.left > 0);
  return left.length > 0 && left.every((r) => (choice[r.skuId] ?? 0) >= r.left);
}

/** What else the refund does beside the money: "退还积分 300", "扣回 12 果粒值 · 12 积分". */
export function quoteNotes(quote: RefundQuote): string[] {
  const notes: string[] = [];
  if (quote.pointsReturned > 0) notes.push(`退还积分 ${quote.pointsReturned}`);
  const back = [quote.growthReversed > 0 ? `${quote.growthReversed} 果粒值` : '', quote.pointsReversed > 0 ? `${quote.pointsReversed} 积分` : ''].filter(Boolean);
  if (back.length) notes.push(`扣回 ${back.join(' · ')}`);
  return notes;
}

/** The confirmation's sentence: the amount, what else moves, and that it cannot be undone. */
export function confirmText(quote: RefundQuote): string {
  const notes = quoteNotes(quote);
  const also = notes.length ? `，${notes.join('，')}` : '';
  const after = quote.whole ? '退款后订单将关闭' : '其余商品不受影响';
  return `${formatFen(quote.refundFen)} 将原路退回${also}。${after}，提交后不可撤销。`;
}
