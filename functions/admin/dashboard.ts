import type { DashboardView, SegmentCountsView } from '@contract/admin';
import { emptySegmentCounts } from '@core/segment';
import { aggregateList, COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { CallContext } from '@lib/platform/handler';
import { BOUGHT_STATUSES } from '@lib/data/segmentFacts';
import type { SegmentRunRecord } from '@lib/workflows/segmentation';
import { campaignFigures } from './campaignFigures';

const WEEK_MS = 7 * 86_400_000;
/** Rows an aggregation may answer: templates, sessions and segments are far fewer. */
const MAX_ROWS = 1000;
const TOP_SHARERS = 10;

type Row = { _id: unknown; [field: string]: unknown };
const num = (value: unknown) => Number(value ?? 0);

/**
 * The operators' figures, each added up by the database (one request per figure, all at once): the
 * function only shapes the rows. Orders and GMV count paid orders of the last `weeks` weeks net of
 * refunds, by the segment the buyer had when ordering.
 */
export async function dashboard(ctx: CallContext, weeks: number): Promise<DashboardView> {
  const { db, now } = ctx;
  const _ = db.command;
  const $ = _.aggregate;
  const since = new Date(now.getTime() - weeks * WEEK_MS);
  const bought = { status: _.in([...BOUGHT_STATUSES]), paidAt: _.gte(since) };
  /** 1 when the field holds a value (a date, an id), 0 when it is null or missing. */
  const present = (field: string) => $.cond({ if: $.ifNull([`$${field}`, false]), then: 1, else: 0 });
  const sessionIds = rowsOf<{ _id: string }>(
    await db.collection(COLLECTIONS.liveSessions).where({ endAt: _.gte(since) }).field({ _id: true }).limit(MAX_ROWS).get(),
  ).map((s) => s._id);

  const [runs, bySegment, couponsIssued, couponsUsed, viewers, liveOrders, liveShares, liveClaims, paidCards, guarantee, sharers, campaigns] = await Promise.all([
    db.collection(COLLECTIONS.segmentRuns).where({ state: 'done' }).orderBy('week', 'desc').limit(weeks).get(),
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.orders)
        .aggregate()
        .match(bought)
        // Plain field sums only: this one reads every paid order of the window. (A missing segment groups as null.)
        .group({ _id: '$segment', orders: $.sum(1), paidFen: $.sum('$payableFen'), refundedFen: $.sum('$refundedFen') })
        .limit(MAX_ROWS),
    ),
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.coupons)
        .aggregate()
        .match({ issuedAt: _.gte(since) })
        .group({ _id: '$templateId', issued: $.sum(1), used: $.sum($.cond({ if: $.eq(['$status', 'used']), then: 1, else: 0 })) })
        .limit(MAX_ROWS),
    ),
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.orders)
        .aggregate()
        // Any template id (a string above ''): a range the coupon-template index serves.
        .match({ ...bought, couponTemplateId: _.gt('') })
        .group({ _id: { template: '$couponTemplateId', segment: '$segment' }, orders: $.sum(1), discountFen: $.sum('$couponDiscountFen') })
        .limit(MAX_ROWS),
    ),
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.liveViewers)
        .aggregate()
        .match({ sessionId: _.in(sessionIds) })
        .group({
          _id: '$sessionId',
          reserved: $.sum(present('reservedAt')),
          entered: $.sum(present('enteredAt')),
          watched: $.sum($.cond({ if: $.gte(['$watchedSeconds', 600]), then: 1, else: 0 })),
        })
        .limit(MAX_ROWS),
    ),
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.orders)
        .aggregate()
        .match({ ...bought, liveSessionId: _.in(sessionIds) })
        .group({ _id: '$liveSessionId', ordered: $.sum(1), paidFen: $.sum('$payableFen'), refundedFen: $.sum('$refundedFen') })
        .limit(MAX_ROWS),
    ),
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.shares)
        .aggregate()
        .match({ kind: 'live', targetId: _.in(sessionIds) })
        .group({ _id: { session: '$targetId', sharer: '$openid' } })
        .group({ _id: '$_id.session', shared: $.sum(1) })
        .limit(MAX_ROWS),
    ),
    // Members who got a live coupon of the session (its rewards' keys are `live:<sessionId>:<trigger>`).
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.coupons)
        .aggregate()
        .match({ source: 'live', issuedAt: _.gte(since) })
        .group({ _id: { session: $.arrayElemAt([$.split(['$sourceKey', ':']), 1]), openid: '$openid' } })
        .group({ _id: '$_id.session', claimed: $.sum(1) })
        .limit(MAX_ROWS),
    ),
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.members)
        .aggregate()
        .match({ 'paid.expiresAt': _.gt(now) })
        .group({ _id: '$paid.plan', n: $.sum(1) })
        .limit(10),
    ),
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.coupons)
        .aggregate()
        .match({ source: 'guarantee' })
        .group({ _id: null, fen: $.sum('$terms.valueFen') })
        .limit(1),
    ),
    // The members whose cards brought the most paid orders in the window (KOC candidates).
    aggregateList<Row>(
      db
        .collection(COLLECTIONS.orders)
        .aggregate()
        .match({ ...bought, 'attribution.sharer': _.gt('') })
        .group({ _id: '$attribution.sharer', orders: $.sum(1), paidFen: $.sum('$payableFen'), refundedFen: $.sum('$refundedFen') })
        .sort({ orders: -1, _id: 1 })
        .limit(TOP_SHARERS),
    ),
    campaignFigures(db, since, bought),
  ]);

  const weekRuns = rowsOf<SegmentRunRecord>(runs).reverse();
  const latest = weekRuns[weekRuns.length - 1];
  const previous = weekRuns[weekRuns.length - 2];
  const latestCounts: SegmentCountsView = { ...emptySegmentCounts(), ...(latest?.counts ?? {}) };

  // Coupon orders by (template, segment): the discount per template, the coupons used per segment.
  const discountByTemplate = new Map<string, number>();
  const couponsBySegment = new Map<string, number>();
  for (const r of couponsUsed) {
    const key = r._id as { template: string; segment?: string | null };
    discountByTemplate.set(key.template, (discountByTemplate.get(key.template) ?? 0) + num(r.discountFen));
    const segment = key.segment ?? 'none';
    couponsBySegment.set(segment, (couponsBySegment.get(segment) ?? 0) + num(r.orders));
  }
  const net = (row: Row | undefined) => num(row?.paidFen) - num(row?.refundedFen);
  const ordersBySession = new Map(liveOrders.map((r) => [String(r._id), r]));
  const sharesBySession = new Map(liveShares.map((r) => [String(r._id), num(r.shared)]));
  const claimsBySession = new Map(liveClaims.map((r) => [String(r._id), num(r.claimed)]));
  const funnel = new Map(viewers.map((r) => [String(r._id), r]));
  const plans = new Map(paidCards.map((r) => [String(r._id), num(r.n)]));
  const segmentRows = new Map(bySegment.map((r) => [r._id === null || r._id === undefined ? 'none' : String(r._id), r]));

  return {
    asOf: now.toISOString(),
    segments: weekRuns.map((run) => ({ week: run.week, counts: { ...emptySegmentCounts(), ...run.counts } })),
    moves: {
      from: previous?.week ?? null,
      to: latest?.week ?? null,
      list: Object.entries(latest?.moves ?? {})
        .map(([key, members]) => {
          const [from, to] = key.split('>');
          return { from, to, members };
        })
        .sort((a, b) => b.members - a.members || a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
    },
    bySegment: (['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'none'] as const).map((segment) => {
      const row = segmentRows.get(segment);
      return { segment, members: latestCounts[segment], orders: num(row?.orders), gmvFen: net(row), couponsUsed: couponsBySegment.get(segment) ?? 0 };
    }),
    coupons: couponsIssued
      .map((r) => ({ templateId: String(r._id), issued: num(r.issued), used: num(r.used), discountFen: discountByTemplate.get(String(r._id)) ?? 0 }))
      .sort((a, b) => b.issued - a.issued || a.templateId.localeCompare(b.templateId)),
    live: [...sessionIds].sort().map((sessionId) => {
      const f = funnel.get(sessionId);
      const o = ordersBySession.get(sessionId);
      return {
        sessionId,
        reserved: num(f?.reserved),
        entered: num(f?.entered),
        watched: num(f?.watched),
        claimed: claimsBySession.get(sessionId) ?? 0,
        ordered: num(o?.ordered),
        shared: sharesBySession.get(sessionId) ?? 0,
        gmvFen: net(o),
      };
    }),
    paid: { active: (plans.get('lite') ?? 0) + (plans.get('premium') ?? 0), lite: plans.get('lite') ?? 0, premium: plans.get('premium') ?? 0, guaranteeFen: num(guarantee[0]?.fen) },
    sharers: sharers.map((r) => ({ openid: String(r._id), orders: num(r.orders), gmvFen: net(r) })),
    campaigns,
  };
}
