import type { OrderStatus, OrderView } from '@contract/order';

/**
 * How an order reads in Chinese: status names, Shanghai times, the lines in one sentence.
 * Shared by the order list, the order detail and the staff workbench.
 */

export const ORDER_STATUS_TEXT: Record<OrderStatus, string> = {
  pending_payment: '待支付',
  paid: '待提货',
  picked_up: '已完成',
  cancelled: '已取消',
  refunded: '已退款',
};

export { formatShanghaiDateTime } from '@/utils/date';

/** Remaining milliseconds as "mm:ss" (never negative). */
export function formatCountdown(remainingMs: number): string {
  const totalSeconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** The 8-digit short code in two groups for reading aloud: "84721093" → "8472 1093". */
export function formatShortCode(shortCode: string): string {
  return shortCode.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** Lines merged by SKU (a price-list limit can split one SKU into two priced lines). */
export function mergedLines(order: Pick<OrderView, 'lines'>): Array<{ skuId: string; name: string; qty: number }> {
  const bySku = new Map<string, { skuId: string; name: string; qty: number }>();
  for (const line of order.lines) {
    const merged = bySku.get(line.skuId) ?? { skuId: line.skuId, name: line.name, qty: 0 };
    merged.qty += line.qty;
    bySku.set(line.skuId, merged);
  }
  return [...bySku.values()];
}

export function totalQty(order: Pick<OrderView, 'lines'>): number {
  return order.lines.reduce((sum, l) => sum + l.qty, 0);
}

/** "草莓 ×1、鲜牛奶 ×2 等 4 种商品" — at most `shown` names. */
export function linesSummary(order: Pick<OrderView, 'lines'>, shown = 2): string {
  const lines = mergedLines(order);
  const head = lines
    .slice(0, shown)
    .map((l) => `${l.name} ×${l.qty}`)
    .join('、');
  return lines.length > shown ? `${head} 等 ${lines.length} 种商品` : head;
}
