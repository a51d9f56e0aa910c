import type { HandoverLine } from '@contract/staff';
import type { OrderRecord } from '@lib/data/orders';

type Refunds = Pick<OrderRecord, 'lines' | 'refundedQty' | 'refunds'>;

/**
 * What the counter hands over for an order: its lines merged per product, less the units partial
 * refunds took back (`refundedLines`). For an order already handed over, only refunds made before
 * the handover count: what was refunded afterwards was handed over first.
 */
export function handoverLines(order: Refunds): { lines: HandoverLine[]; refundedLines: HandoverLine[] } {
  const bySku = new Map<string, HandoverLine>();
  for (const l of order.lines) {
    const line = bySku.get(l.skuId) ?? { skuId: l.skuId, name: l.name, unit: l.unit, qty: 0 };
    line.qty += l.qty;
    bySku.set(l.skuId, line);
  }
  const refunded = refundedBeforeHandover(order);
  const lines: HandoverLine[] = [];
  const refundedLines: HandoverLine[] = [];
  for (const line of bySku.values()) {
    const gone = Math.min(line.qty, refunded[line.skuId] ?? 0);
    if (line.qty - gone > 0) lines.push({ ...line, qty: line.qty - gone });
    if (gone > 0) refundedLines.push({ ...line, qty: gone });
  }
  return { lines, refundedLines };
}

function refundedBeforeHandover(order: Refunds): Record<string, number> {
  if (!order.refunds) return order.refundedQty ?? {};
  // A refund made before the handover is the one whose goods went back on the shelf (`release`).
  const units: Record<string, number> = {};
  for (const refund of order.refunds) {
    if (!refund.release) continue;
    for (const line of refund.lines) units[line.skuId] = (units[line.skuId] ?? 0) + line.qty;
  }
  return units;
}
