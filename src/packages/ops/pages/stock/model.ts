/** What the 库存 page saves: the shelf counts typed that differ from what is on the shelf. */

export const MAX_STOCK = 1_000_000;

export interface StockChange {
  skuId: string;
  stock: number;
}

/** Typed counts → the changes to send, or the first product whose count is not a whole number in range. */
export function stockChanges(typed: Record<string, string>, shelf: Map<string, number>): { changes: StockChange[]; invalid: string | null } {
  const changes: StockChange[] = [];
  for (const [skuId, text] of Object.entries(typed)) {
    const t = text.trim();
    if (t === '') continue;
    if (!/^\d+$/.test(t) || Number(t) > MAX_STOCK) return { changes: [], invalid: skuId };
    const stock = Number(t);
    if (shelf.get(skuId) !== stock) changes.push({ skuId, stock });
  }
  return { changes, invalid: null };
}
