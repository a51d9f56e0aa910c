import { ORDER_PAGE_SIZE, type OrderCounts, type OrderStatus, type OrderView } from '@contract/order';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { CallContext } from '@lib/platform/handler';
import { decodeCursor, encodeCursor, newestFirstAfter } from '@lib/platform/paging';
import { orderView, type OrderRecord } from '@lib/data/orders';

const NO_ORDERS: OrderCounts = { pending_payment: 0, paid: 0, picked_up: 0, refunded: 0, cancelled: 0 };

/**
 * 我的订单: newest first, a page at a time (keyset on createdAt and _id, so orders placed while the
 * member scrolls never shift a page), with each tab's count on the first page. Two requests a page:
 * the page, and on the first page one aggregate for the counts.
 */
export async function orderPage({ db, openid, now }: Pick<CallContext, 'db' | 'openid' | 'now'>, status: OrderStatus | undefined, cursor: string | null | undefined): Promise<{ orders: OrderView[]; cursor: string | null; counts: OrderCounts | null }> {
  const _ = db.command;
  // An order still being created shows as awaiting payment, as its view does.
  const mine = { openid, ...(status ? { status: status === 'pending_payment' ? _.in(['pending_payment', 'reserving']) : status } : {}) };
  const after = cursor ? decodeCursor(cursor) : null;
  const where = newestFirstAfter(db, mine, 'createdAt', after);
  const [rows, counts] = await Promise.all([
    db.collection(COLLECTIONS.orders).where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(ORDER_PAGE_SIZE + 1).get(),
    after ? Promise.resolve(null) : countsOf(db, openid),
  ]);
  const all = rowsOf<OrderRecord>(rows);
  const page = all.slice(0, ORDER_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    orders: page.map((o) => orderView(o, now)),
    cursor: all.length > ORDER_PAGE_SIZE && last ? encodeCursor({ at: last.createdAt, id: last._id }) : null,
    counts,
  };
}

async function countsOf(db: CallContext['db'], openid: string): Promise<OrderCounts> {
  const $ = db.command.aggregate;
  const res = (await db.collection(COLLECTIONS.orders).aggregate().match({ openid }).group({ _id: '$status', n: $.sum(1) }).end()) as { list: Array<{ _id: string; n: number }> };
  const counts = { ...NO_ORDERS };
  for (const row of res.list) {
    const key = (row._id === 'reserving' ? 'pending_payment' : row._id) as keyof OrderCounts;
    if (key in counts) counts[key] += row.n;
  }
  return counts;
}
