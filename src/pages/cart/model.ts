import type { CatalogProduct } from '@contract/catalog';
import type { QuoteLineView, QuoteView } from '@contract/order';
import type { CartLine } from '@/services/cart';

/** One cart line as shown: the shelf's product (if the store carries it) and the server's priced segments. */
export interface CartRow {
  skuId: string;
  qty: number;
  name: string;
  unit: string;
  category: string;
  image?: string;
  stock: number;
  /** The quote's lines for this sku: one, or two when a limited price covers only part of the quantity. */
  segments: QuoteLineView[];
  /** The sum of the segments' amounts (server amounts, added up for display). */
  amountFen: number | null;
  /** Quantity beyond what the store has (0 when fine). */
  shortBy: number;
}

export function cartRows(lines: readonly CartLine[], products: readonly CatalogProduct[], quote: QuoteView | undefined): CartRow[] {
  const bySku = new Map(products.map((p) => [p.skuId, p]));
  return lines.map((line) => {
    const product = bySku.get(line.skuId);
    const segments = quote?.lines.filter((l) => l.skuId === line.skuId) ?? [];
    const quotedQty = segments.reduce((sum, s) => sum + s.qty, 0);
    const stock = product?.stock ?? 0;
    return {
      skuId: line.skuId,
      qty: line.qty,
      name: product?.name ?? segments[0]?.name ?? line.skuId,
      unit: product?.unit ?? segments[0]?.unit ?? '',
      category: product?.category ?? '',
      ...(product?.image ? { image: product.image } : {}),
      stock,
      segments: quotedQty === line.qty ? segments : [],
      amountFen: quotedQty === line.qty ? segments.reduce((sum, s) => sum + s.amountFen, 0) : null,
      shortBy: Math.max(0, line.qty - stock),
    };
  });
}

/** Why the cart cannot go to checkout now, or null. */
export function checkoutBlocker(rows: readonly CartRow[]): string | null {
  if (rows.length === 0) return '购物车是空的';
  const soldOut = rows.find((r) => r.stock <= 0);
  if (soldOut) return `「${soldOut.name}」已售罄，请先移除`;
  const short = rows.find((r) => r.shortBy > 0);
  if (short) return `「${short.name}」库存不足，最多可买 ${short.stock} 件`;
  return null;
}
