import type { SegmentFacts } from '@core/segment';
import { aggregateList, COLLECTIONS } from '../platform/collections';
import type { Database } from '../platform/handler';
import { IN_STORE_COLLECTIONS } from './inStore';

/** Orders that count as bought: paid, or paid and picked up (a refunded one does not). */
export const BOUGHT_STATUSES = ['paid', 'picked_up'] as const;

interface Grouped {
  _id: string;
  [field: string]: unknown;
}

async function aggregated(query: { end(): unknown }): Promise<Map<string, Grouped>> {
  return new Map((await aggregateList<Grouped>(query)).map((row) => [row._id, row]));
}

/**
 * R, F, M and X of a page of members, each counted by the database (five aggregations on indexed
 * fields, whatever the page's size and however many orders its members have): nothing but one row
 * per member comes back to the function. In-store spend (receipts credited at the counter, not
 * refunded) counts like paid orders for R, F and M.
 */
export async function segmentFactsOf(db: Database, openids: readonly string[], since: Date): Promise<Map<string, SegmentFacts>> {
  const _ = db.command;
  const $ = _.aggregate;
  const limit = openids.length;
  const [orders, invitees, shared, visitors, receipts] = await Promise.all([
    aggregated(
      db
        .collection(COLLECTIONS.orders)
        .aggregate()
        .match({ openid: _.in([...openids]), status: _.in([...BOUGHT_STATUSES]) })
        .group({
          _id: '$openid',
          ever: $.sum(1),
          last: $.max('$paidAt'),
          f: $.sum($.cond({ if: $.gte(['$paidAt', since]), then: 1, else: 0 })),
          m: $.sum($.cond({ if: $.gte(['$paidAt', since]), then: $.subtract(['$payableFen', $.ifNull(['$refundedFen', 0])]), else: 0 })),
        })
        .limit(limit),
    ),
    aggregated(
      db
        .collection(COLLECTIONS.members)
        .aggregate()
        .match({ invitedBy: _.in([...openids]), firstPaidAt: _.gte(since) })
        .group({ _id: '$invitedBy', n: $.sum(1) })
        .limit(limit),
    ),
    aggregated(
      db
        .collection(COLLECTIONS.orders)
        .aggregate()
        .match({ 'attribution.sharer': _.in([...openids]), status: _.in([...BOUGHT_STATUSES]), paidAt: _.gte(since) })
        .group({ _id: '$attribution.sharer', n: $.sum(1) })
        .limit(limit),
    ),
    // One document per (sharer, visitor): counting documents counts distinct visitors.
    aggregated(
      db
        .collection(COLLECTIONS.shareVisits)
        .aggregate()
        .match({ sharer: _.in([...openids]), lastAt: _.gte(since) })
        .group({ _id: '$sharer', n: $.sum(1) })
        .limit(limit),
    ),
    // Receipts credited at the counter; a refunded one no longer counts as bought.
    aggregated(
      db
        .collection(IN_STORE_COLLECTIONS.receipts)
        .aggregate()
        .match({ openid: _.in([...openids]), refundedAt: null })
        .group({
          _id: '$openid',
          ever: $.sum(1),
          last: $.max('$creditedAt'),
          f: $.sum($.cond({ if: $.gte(['$creditedAt', since]), then: 1, else: 0 })),
          m: $.sum($.cond({ if: $.gte(['$creditedAt', since]), then: '$amountFen', else: 0 })),
        })
        .limit(limit),
    ),
  ]);
  const n = (map: Map<string, Grouped>, openid: string, field = 'n') => Number(map.get(openid)?.[field] ?? 0);
  return new Map(
    openids.map((openid) => {
      const lasts = [orders.get(openid)?.last, receipts.get(openid)?.last].filter((d) => !!d).map((d) => new Date(d as string | Date).getTime());
      return [
        openid,
        {
          lastPaidAt: lasts.length ? new Date(Math.max(...lasts)) : null,
          paidOrdersEver: n(orders, openid, 'ever') + n(receipts, openid, 'ever'),
          ordersInWindow: n(orders, openid, 'f') + n(receipts, openid, 'f'),
          paidFenInWindow: n(orders, openid, 'm') + n(receipts, openid, 'm'),
          inviteesPaid: n(invitees, openid),
          sharedOrders: n(shared, openid),
          shareVisitors: n(visitors, openid),
        },
      ];
    }),
  );
}
