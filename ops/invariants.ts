/**
 * The invariant checker: what must hold over the whole database, however many calls raced and
 * whatever crashed — nothing lost, nothing given twice. Pure: it reads a snapshot of the collections
 * (as the local cloud dumps them: dates as ISO strings) and answers the figures and every violation.
 * Run by the tests after every storm and crash, and by `npm run invariants` against a local cloud.
 */
import { limitedBack } from '@core/refund';

type Row = Record<string, unknown> & { _id: string };
export type Snapshot = Record<string, Row[]>;

export const CHECKED_COLLECTIONS = ['stock', 'orders', 'coupons', 'couponTemplates', 'couponClaims', 'members', 'ledger', 'priceListUsage', 'inStoreReceipts'] as const;

export interface Figures {
  orders: Record<string, number>;
  units: { supplied: number; onShelf: number; held: number; sold: number };
  coupons: Record<string, number>;
  templates: number;
  members: number;
  ledgerEntries: number;
  /** Till receipts credited at the counter, and how many of them were refunded. */
  receipts: { credited: number; refunded: number };
  /** Orders handed over (picked up, and those refunded after pickup). */
  handedOver: number;
  /** Work a crash left for the timer: marks on counters, orders still reserving or releasing, refunds not accepted. */
  pending: { marks: number; reserving: number; releasing: number; refundsOwed: number };
}

export interface InvariantReport {
  ok: boolean;
  violations: string[];
  figures: Figures;
}

interface Mark {
  k: string;
}
interface OrderRow extends Row {
  status: string;
  openid: string;
  storeId: string;
  lines: Array<{ skuId: string; qty: number }>;
  priceListTakes?: Array<{ priceListId: string; skuId: string; qty: number; limitedTotal: boolean; limitedMember: boolean }>;
  couponId: string | null;
  pointsUsed: number;
  growthEarned: number;
  pointsEarned: number;
  paidAt: string | null;
  pickedUpAt: string | null;
  redemption?: { at: string; staffOpenid: string };
  cancelledFrom?: string;
  releasePending?: boolean;
  released?: { stock?: boolean };
  refundState?: string;
  /** Partial refunds and the last one (functions/_lib/workflows/refund.ts). */
  refunds?: Array<{ n: number; lines: Array<{ skuId: string; qty: number; before: number }>; release: boolean; released: boolean; refundState: string }>;
}

const marksOf = (row: Row | undefined): Mark[] => ((row?.marks as Mark[] | undefined) ?? []).filter((m) => typeof m?.k === 'string');
const hasMark = (row: Row | undefined, mark: string) => marksOf(row).some((m) => m.k === mark);

/**
 * Whether an order's units are out of the counter's reach (held or sold) right now. The order alone
 * cannot always tell (an order that died reserving, a release half done): the counter's marks can.
 */
function unitsOut(order: OrderRow, counter: Row | undefined): boolean {
  const took = hasMark(counter, `take:${order._id}`);
  const gaveBack = order.released?.stock || hasMark(counter, `release:${order._id}`);
  switch (order.status) {
    case 'reserving':
      return took;
    case 'pending_payment':
    case 'paid':
    case 'picked_up':
      return true;
    case 'cancelled':
      return order.cancelledFrom === 'reserving' ? took : !gaveBack;
    case 'refunded':
      return order.pickedUpAt ? true : !gaveBack;
    default:
      return true;
  }
}

/** Refunds of the order whose units are back on this counter (recorded, or their mark on it). */
function refundsBack(order: OrderRow, counter: Row | undefined) {
  return (order.refunds ?? []).filter((r) => r.release && (r.released || hasMark(counter, `release:${order._id}#${r.n}`)));
}

/** Units of a SKU an order holds or sold on this counter. */
function unitsOutOf(order: OrderRow, counter: Row | undefined, skuId: string, qty: number): number {
  if (!order.refunds?.length) return unitsOut(order, counter) ? qty : 0;
  return qty - refundsBack(order, counter).reduce((n, r) => n + (r.lines.find((l) => l.skuId === skuId)?.qty ?? 0), 0);
}

/** Units of a limited-price take an order holds or sold on this counter (a SKU's first units are its limited ones). */
function takeOutOf(order: OrderRow, counter: Row | undefined, take: { priceListId: string; skuId: string; qty: number }): number {
  if (!order.refunds?.length) return unitsOut(order, counter) ? take.qty : 0;
  const takes = (order.priceListTakes ?? []).filter((t) => t.skuId === take.skuId);
  const index = takes.findIndex((t) => t.priceListId === take.priceListId);
  let back = 0;
  for (const r of refundsBack(order, counter)) {
    const line = r.lines.find((l) => l.skuId === take.skuId);
    if (line) back += limitedBack(takes.map((t) => t.qty), line.before, line.before + line.qty)[index] ?? 0;
  }
  return take.qty - back;
}

function sumBy<T>(rows: readonly T[], key: (row: T) => string, amount: (row: T) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(key(row), (sums.get(key(row)) ?? 0) + amount(row));
  return sums;
}

export function checkInvariants(snapshot: Snapshot, options: { settled?: boolean } = {}): InvariantReport {
  const violations: string[] = [];
  const fail = (message: string) => violations.push(message);
  const rows = <T extends Row>(name: string) => (snapshot[name] ?? []) as T[];
  const orders = rows<OrderRow>('orders');
  const stock = new Map(rows('stock').map((r) => [r._id, r]));
  const usage = new Map(rows('priceListUsage').map((r) => [r._id, r]));
  const figures: Figures = {
    orders: Object.fromEntries(sumBy(orders, (o) => o.status, () => 1)),
    units: { supplied: 0, onShelf: 0, held: 0, sold: 0 },
    coupons: {},
    templates: rows('couponTemplates').length,
    members: rows('members').length,
    ledgerEntries: rows('ledger').length,
    receipts: { credited: 0, refunded: 0 },
    handedOver: 0,
    pending: { marks: 0, reserving: 0, releasing: 0, refundsOwed: 0 },
  };

  // Stock: what is on the shelf plus what orders hold or sold is all that was ever supplied.
  const outByCounter = new Map<string, { held: number; sold: number }>();
  for (const order of orders) {
    for (const line of sumBy(order.lines, (l) => l.skuId, (l) => l.qty)) {
      const id = `${order.storeId}:${line[0]}`;
      const units = unitsOutOf(order, stock.get(id), line[0], line[1]);
      if (!units) continue;
      const out = outByCounter.get(id) ?? { held: 0, sold: 0 };
      const sold = order.status === 'picked_up' || (order.status === 'refunded' && !!order.pickedUpAt) || order.status === 'paid';
      if (sold) out.sold += units;
      else out.held += units;
      outByCounter.set(id, out);
    }
  }
  for (const [id, row] of stock) {
    const onShelf = Number(row.stock);
    const out = outByCounter.get(id) ?? { held: 0, sold: 0 };
    figures.units.onShelf += onShelf;
    figures.units.held += out.held;
    figures.units.sold += out.sold;
    if (onShelf < 0) fail(`stock ${id}: ${onShelf} on the shelf`);
    if (typeof row.supplied !== 'number') continue;
    figures.units.supplied += row.supplied;
    if (onShelf + out.held + out.sold !== row.supplied) fail(`stock ${id}: ${onShelf} on the shelf + ${out.held} held + ${out.sold} sold ≠ ${row.supplied} supplied`);
  }
  for (const id of outByCounter.keys()) if (!stock.has(id)) fail(`stock ${id}: orders hold units of a SKU the store has no stock record for`);

  // Limited prices: each counter counts exactly the units its orders hold or sold.
  const limitedOut = new Map<string, number>();
  for (const order of orders) {
    for (const take of order.priceListTakes ?? []) {
      const ids = [take.limitedTotal ? `${take.priceListId}:${take.skuId}` : null, take.limitedMember ? `${take.priceListId}:${take.skuId}:${order.openid}` : null].filter((x): x is string => !!x);
      for (const id of ids) limitedOut.set(id, (limitedOut.get(id) ?? 0) + takeOutOf(order, usage.get(id), take));
    }
  }
  for (const [id, row] of usage) if (Number(row.qty) !== (limitedOut.get(id) ?? 0)) fail(`limited price ${id}: counter ${String(row.qty)} ≠ ${limitedOut.get(id) ?? 0} units held or sold`);

  checkCoupons(snapshot, orders, figures, fail);
  checkMembers(snapshot, orders, fail);
  checkReceipts(snapshot, figures, fail);
  checkOrders(orders, figures, fail);

  // An `issue:` mark whose coupon exists and records it is resolved: issuing leaves it for the minute timer to clear.
  const couponMarks = new Set(((snapshot.coupons ?? []) as Array<Row & { issueMark?: string }>).map((c) => c.issueMark).filter((k): k is string => !!k));
  // Likewise a `take:` mark whose order moved past reserving (not cancelled there): order.create leaves it.
  const statusOf = new Map(orders.map((o) => [o._id, o]));
  const takeResolved = (k: string) => {
    const o = k.startsWith('take:') ? statusOf.get(k.slice(5)) : undefined;
    return !!o && o.status !== 'reserving' && o.cancelledFrom !== 'reserving';
  };
  const open = (r: Row) => marksOf(r).filter((m) => !(m.k.startsWith('issue:') && couponMarks.has(m.k)) && !takeResolved(m.k));
  for (const name of ['stock', 'priceListUsage', 'couponTemplates', 'couponClaims']) figures.pending.marks += rows(name).reduce((n, r) => n + open(r).length, 0);
  if (options.settled) {
    const p = figures.pending;
    if (p.marks || p.reserving || p.releasing || p.refundsOwed) fail(`unfinished work after recovery: ${JSON.stringify(p)}`);
  }
  return { ok: violations.length === 0, violations, figures };
}

/** Coupons: never more issued than stock, the count equal to the coupons that exist, no member over a limit, locks and uses matching orders. */
function checkCoupons(snapshot: Snapshot, orders: OrderRow[], figures: Figures, fail: (m: string) => void) {
  const coupons = (snapshot.coupons ?? []) as Array<Row & { templateId: string; openid: string; status: string; lockedBy?: string | null; usedBy?: string | null; usedAt?: string | null; terms?: { kind?: string }; usedInStore?: { at: string } }>;
  figures.coupons = Object.fromEntries(sumBy(coupons, (c) => c.status, () => 1));
  const byTemplate = sumBy(coupons, (c) => c.templateId, () => 1);
  const claimsOf = sumBy(coupons, (c) => `${c.templateId}:${c.openid}`, () => 1);
  const issueMarks = new Set(coupons.map((c) => (c as { issueMark?: string }).issueMark).filter((k): k is string => !!k));
  const unresolved = (r: Row) => marksOf(r).filter((m) => !(m.k.startsWith('issue:') && issueMarks.has(m.k)));
  for (const t of (snapshot.couponTemplates ?? []) as Array<Row & { issued?: number; totalStock?: number; marks?: Mark[] }>) {
    const issued = t.issued ?? 0;
    // A campaign page's mark holds `n` units at once (workflows/campaignCoupons.ts); every other mark one.
    // A resolved `issue:` mark (its coupon exists and records it) is not in flight: its coupon is counted.
    const inFlight = unresolved(t).reduce((sum, m) => sum + ((m as Mark & { n?: number }).n ?? 1), 0);
    if (t.totalStock !== undefined && issued > t.totalStock) fail(`template ${t._id}: ${issued} issued over a stock of ${t.totalStock}`);
    if (issued - inFlight > (byTemplate.get(t._id) ?? 0) || issued < (byTemplate.get(t._id) ?? 0)) fail(`template ${t._id}: issued ${issued} (${inFlight} in flight) but ${byTemplate.get(t._id) ?? 0} coupons exist`);
  }
  const templates = new Map(((snapshot.couponTemplates ?? []) as Array<Row & { perMemberLimit?: number }>).map((t) => [t._id, t]));
  for (const c of (snapshot.couponClaims ?? []) as Array<Row & { count: number; templateId: string }>) {
    const held = claimsOf.get(c._id) ?? 0;
    const inFlight = unresolved(c).length;
    if (c.count - inFlight > held || c.count < held) fail(`claims ${c._id}: counted ${c.count} (${inFlight} in flight) but ${held} coupons exist`);
    const limit = templates.get(c.templateId)?.perMemberLimit;
    if (limit !== undefined && held > limit) fail(`claims ${c._id}: ${held} coupons over a limit of ${limit}`);
  }
  const byId = new Map(orders.map((o) => [o._id, o]));
  for (const c of coupons) {
    if (c.status === 'locked') {
      const o = c.lockedBy ? byId.get(c.lockedBy) : undefined;
      const holding = o && o.couponId === c._id && (o.status === 'pending_payment' || o.status === 'reserving' || o.releasePending);
      if (!holding) fail(`coupon ${c._id}: locked by ${String(c.lockedBy)}, which does not hold it`);
    }
    if (c.status === 'used' && c.usedInStore) {
      // A gift coupon handed over at the counter: its record is written by the same guarded update.
      if (c.terms?.kind !== 'gift' || c.usedBy || c.usedAt !== c.usedInStore.at) fail(`coupon ${c._id}: handed over at the counter but it is not an unused gift coupon's record (${String(c.terms?.kind)}, at ${String(c.usedInStore.at)})`);
    } else if (c.status === 'used') {
      const o = c.usedBy ? byId.get(c.usedBy) : undefined;
      if (!o || o.couponId !== c._id || !o.paidAt) fail(`coupon ${c._id}: used by ${String(c.usedBy)}, which is not a paid order with it`);
    }
  }
  const usedBy = sumBy(coupons.filter((c) => c.status === 'used'), (c) => String(c.usedBy), () => 1);
  for (const o of orders) {
    if (o.couponId && o.paidAt && usedBy.get(o._id) !== 1) fail(`order ${o._id}: paid with coupon ${o.couponId}, which is not marked used by it`);
  }
}

/** Members: growth and points are the sum of their ledger lines. */
function checkMembers(snapshot: Snapshot, orders: OrderRow[], fail: (m: string) => void) {
  const ledger = (snapshot.ledger ?? []) as Array<Row & { openid: string; kind: string; delta: number; key: string }>;
  const growth = sumBy(ledger.filter((e) => e.kind === 'growth'), (e) => e.openid, (e) => e.delta);
  const points = sumBy(ledger.filter((e) => e.kind === 'points'), (e) => e.openid, (e) => e.delta);
  for (const m of (snapshot.members ?? []) as Array<Row & { growth: number; points: number }>) {
    if (m.growth !== (growth.get(m._id) ?? 0)) fail(`member ${m._id}: growth ${m.growth} ≠ ${growth.get(m._id) ?? 0} in the ledger`);
    if (m.points !== (points.get(m._id) ?? 0)) fail(`member ${m._id}: points ${m.points} ≠ ${points.get(m._id) ?? 0} in the ledger`);
    if (m.growth < 0 || m.points < 0) fail(`member ${m._id}: a negative balance`);
  }
  const keys = new Map(ledger.map((e) => [e.key, e]));
  for (const o of orders) {
    const credit = keys.get(`growth:pay:${o._id}`);
    if (!o.paidAt && credit) fail(`order ${o._id}: credited although never paid`);
    if (o.paidAt && (credit?.delta ?? 0) !== o.growthEarned) fail(`order ${o._id}: earned ${o.growthEarned} growth but the ledger credits ${credit?.delta ?? 0}`);
    const locked = keys.has(`points:lock:${o._id}`);
    const released = keys.has(`points:release:${o._id}`);
    if (o.pointsUsed > 0 && o.status !== 'reserving' && o.status !== 'cancelled' && !locked) fail(`order ${o._id}: uses ${o.pointsUsed} points that were never taken`);
    if (released && !(o.status === 'cancelled' && locked)) fail(`order ${o._id}: points given back although ${locked ? 'the order is ' + o.status : 'they were never taken'}`);
    if (o.status === 'cancelled' && locked && !released && !o.releasePending) fail(`order ${o._id}: cancelled but its ${o.pointsUsed} points were never given back`);
  }
}

/**
 * Till receipts (in-store credit): each credited once — its ledger lines are exactly what it earned —
 * and reversed once if refunded; no ledger line credits a receipt that does not exist.
 */
function checkReceipts(snapshot: Snapshot, figures: Figures, fail: (m: string) => void) {
  type ReceiptRow = Row & { openid: string; growthEarned: number; pointsEarned: number; refundedAt?: string | null; refund?: { growthReversed: number; pointsReversed: number } };
  const receipts = (snapshot.inStoreReceipts ?? []) as ReceiptRow[];
  const ledger = (snapshot.ledger ?? []) as Array<Row & { openid: string; delta: number; key: string }>;
  const keys = new Map(ledger.map((e) => [e.key, e]));
  const delta = (key: string) => keys.get(key)?.delta ?? 0;
  const known = new Set(receipts.map((r) => `receipt:${r._id}`));
  for (const r of receipts) {
    const ref = `receipt:${r._id}`;
    figures.receipts.credited += 1;
    if (delta(`growth:pay:${ref}`) !== r.growthEarned || delta(`points:pay:${ref}`) !== r.pointsEarned) {
      fail(`receipt ${r._id}: earned ${r.growthEarned} growth / ${r.pointsEarned} points but the ledger credits ${delta(`growth:pay:${ref}`)} / ${delta(`points:pay:${ref}`)}`);
    }
    for (const kind of ['growth', 'points']) {
      const line = keys.get(`${kind}:pay:${ref}`);
      if (line && line.openid !== r.openid) fail(`receipt ${r._id}: credited to ${r.openid} but its ${kind} line is ${line.openid}'s`);
    }
    const reversed = { growth: -delta(`growth:refund:${ref}`), points: -delta(`points:refund:${ref}`) };
    if (r.refundedAt) {
      figures.receipts.refunded += 1;
      if (reversed.growth !== (r.refund?.growthReversed ?? 0) || reversed.points !== (r.refund?.pointsReversed ?? 0)) fail(`receipt ${r._id}: refund took back ${r.refund?.growthReversed ?? 0} growth / ${r.refund?.pointsReversed ?? 0} points but the ledger ${reversed.growth} / ${reversed.points}`);
    } else if (keys.has(`growth:refund:${ref}`) || keys.has(`points:refund:${ref}`)) fail(`receipt ${r._id}: reversed in the ledger but not refunded`);
  }
  for (const e of ledger) {
    const m = /^(?:growth|points):(?:pay|refund):(receipt:.+)$/.exec(e.key);
    if (m && !known.has(m[1])) fail(`ledger ${e.key}: credits a receipt that does not exist`);
  }
}

/**
 * Orders: a voucher is handed over once (the guarded write that records the handover carries its audit
 * record, so the two always agree), and the work a crash leaves is counted.
 */
function checkOrders(orders: OrderRow[], figures: Figures, fail: (m: string) => void) {
  for (const o of orders) {
    const handedOver = o.status === 'picked_up' || (o.status === 'refunded' && !!o.pickedUpAt);
    if (handedOver) figures.handedOver += 1;
    if (handedOver !== !!o.redemption) fail(`order ${o._id}: ${handedOver ? 'handed over without its audit record' : 'an audit record of a handover that did not happen'}`);
    if (o.redemption && o.redemption.at !== o.pickedUpAt) fail(`order ${o._id}: handed over at ${String(o.pickedUpAt)} but recorded at ${o.redemption.at}`);
    if (o.status === 'reserving') figures.pending.reserving += 1;
    if (o.releasePending) figures.pending.releasing += 1;
    if (!o.refunds?.length && o.status === 'refunded' && (o.refundState === 'requested' || o.refundState === 'failed')) figures.pending.refundsOwed += 1;
    for (const r of o.refunds ?? []) {
      if (r.release && !r.released) figures.pending.releasing += 1;
      if (r.refundState === 'requested' || r.refundState === 'failed') figures.pending.refundsOwed += 1;
    }
  }
}
