import { buyerOf, newMember, type Member } from '@core/member';
import { audienceIncludes } from '@core/priceList';
import { aggregateList, COLLECTIONS, subPipeline } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import type { CouponRecord } from '@lib/workflows/couponIssue';
import { viewerId, type LiveSessionRecord, type LiveViewerRecord } from '@lib/data/liveData';

/** A heartbeat's whole reading: the session, the member, their viewer record and the watch coupons they hold. */
export interface Watching {
  session: LiveSessionRecord & { viewer: Member };
  viewer: LiveViewerRecord | null;
  /** Source keys of this session's watch coupons the member already holds (a beat after the reward grants nothing). */
  watchKeys: Set<string>;
}

/**
 * One request: the session joined by _id with the member, the viewer record and the member's watch
 * coupons of this session (by the member's coupons index), so a beat is this read and its
 * compare-and-set, and only the beat that reaches a reward issues it.
 */
export async function readWatching(ctx: CallContext, sessionId: string): Promise<Watching> {
  const joined = (from: string, match: object, as: string, limit = 1) => ({ from, pipeline: subPipeline(ctx.db).match(match).limit(limit).done(), as });
  const watchKeys = ctx.db.RegExp({ regexp: `^live:${sessionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:watch` });
  const [row] = await aggregateList<LiveSessionRecord & { memberRow: Member[]; viewerRow: LiveViewerRecord[]; watchRows: Array<Pick<CouponRecord, 'sourceKey'>> }>(
    ctx.db
      .collection(COLLECTIONS.liveSessions)
      .aggregate()
      .match({ _id: sessionId })
      .limit(1)
      .lookup(joined(COLLECTIONS.members, { _id: ctx.openid }, 'memberRow'))
      .lookup(joined(COLLECTIONS.liveViewers, { _id: viewerId(sessionId, ctx.openid) }, 'viewerRow'))
      .lookup(joined(COLLECTIONS.coupons, { openid: ctx.openid, source: 'live', sourceKey: watchKeys }, 'watchRows', 100)),
  );
  const member = row?.memberRow[0] ?? newMember(ctx.openid, ctx.now);
  if (!row || (row.audience && !audienceIncludes(row.audience, buyerOf(member, ctx.now)))) throw new DomainError('NOT_FOUND', '直播不存在或仅限指定会员观看');
  const { memberRow: _m, viewerRow, watchRows, ...session } = row;
  return { session: { ...session, viewer: member }, viewer: viewerRow[0] ?? null, watchKeys: new Set(watchRows.map((c) => c.sourceKey)) };
}
