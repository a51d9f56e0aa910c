import type { SegmentFacts } from '@core/segment';
import { aggregateList, COLLECTIONS } from '../platform/collections';
import type { Database } from '../platform/handler';

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
 * R, F, M and X of a page of members, each counted by the database (four aggregations on indexed
 * fields, whatever the page's size and however many orders its members have): nothing but one row
 * per member comes back to the function. In-store spend joins the order figures once the counter
 * records it.
 */
export async function segmentFactsOf(db: Database, openids: readonly string[], since: Date): Promise<Map<string, SegmentFacts>> {
  const _ = db.command;
  const $ = _.aggregate;
  const limit = openids.length;
  const [orders, invitees, shared, visitors] = await Promise.all([
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
  ]);
  const n = (map: Map<string, Grouped>, openid: string, field = 'n') => Number(map.get(openid)?.[field] ?? 0);
  return new Map(
    openids.map((openid) => {
      const last = orders.get(openid)?.last;
      return [
        openid,
        {
          lastPaidAt: last ? new Date(last as string | Date) : null,
          paidOrdersEver: n(orders, openid, 'ever'),
          ordersInWindow: n(orders, openid, 'f'),
          paidFenInWindow: n(orders, openid, 'm'),
          inviteesPaid: n(invitees, openid),
          sharedOrders: n(shared, openid),
          shareVisitors: n(visitors, openid),
        },
      ];
    }),
  );
}
