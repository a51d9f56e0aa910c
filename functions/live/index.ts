import { liveContract, type LiveSessionView } from '@contract/live';
import { couponSummary } from '@core/coupon';
import { creditHeartbeat, livePhase, watchRewardsReached, type LiveTrigger } from '@core/live';
import { buyerOf, type Member } from '@core/member';
import { audienceIncludes } from '@core/priceList';
import { COLLECTIONS, isDuplicateKey, rowsOf, updatedOf } from '@lib/platform/collections';
import { couponIdFor, type CouponRecord } from '@lib/workflows/couponIssue';
import { DomainError } from '@lib/platform/errors';
import { defineFunction, type CallContext } from '@lib/platform/handler';
import { grantRewards, loadTemplates, markLiveEntry, rewardKey, viewerId, type LiveSessionRecord, type LiveViewerRecord } from '@lib/data/liveData';
import { loadOrCreateMember } from '@lib/data/members';
import { fetchAll } from '@lib/platform/paging';
import { currentKey } from '@lib/workflows/rewards';
import { readWatching } from './watching';

const SHOWN_AFTER_END_MS = 24 * 60 * 60 * 1000;

/** The session, if the caller is in its audience (an exclusive session is invisible to others), and the caller. */
async function visibleSession(ctx: CallContext, sessionId: string): Promise<LiveSessionRecord & { viewer: Member }> {
  const [session] = rowsOf<LiveSessionRecord>(await ctx.db.collection(COLLECTIONS.liveSessions).where({ _id: sessionId }).limit(1).get());
  const member = await loadOrCreateMember(ctx);
  if (!session || (session.audience && !audienceIncludes(session.audience, buyerOf(member, ctx.now)))) throw new DomainError('NOT_FOUND', '直播不存在或仅限指定会员观看');
  return { ...session, viewer: member };
}

async function viewer(ctx: CallContext, sessionId: string): Promise<LiveViewerRecord | null> {
  const [row] = rowsOf<LiveViewerRecord>(await ctx.db.collection(COLLECTIONS.liveViewers).where({ _id: viewerId(sessionId, ctx.openid) }).limit(1).get());
  return row ?? null;
}

/** Creates the viewer record on first touch; concurrent first touches end with one record. */
async function ensureViewer(ctx: CallContext, sessionId: string): Promise<LiveViewerRecord> {
  const existing = await viewer(ctx, sessionId);
  if (existing) return existing;
  const fresh: LiveViewerRecord = { _id: viewerId(sessionId, ctx.openid), sessionId, openid: ctx.openid, reservedAt: null, enteredAt: null, lastBeatAt: null, watchedSeconds: 0 };
  try {
    await ctx.db.collection(COLLECTIONS.liveViewers).add({ data: fresh });
    return fresh;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return (await viewer(ctx, sessionId))!;
  }
}

const rewardsFor = (session: LiveSessionRecord, trigger: LiveTrigger) => session.rewards.filter((r) => r.trigger === trigger);

export const main = defineFunction(liveContract, {
  async sessions(_request, ctx) {
    const _ = ctx.db.command;
    const member = await loadOrCreateMember(ctx);
    const buyer = buyerOf(member, ctx.now);
    const all = await fetchAll<LiveSessionRecord>(ctx.db, COLLECTIONS.liveSessions, { endAt: _.gt(new Date(ctx.now.getTime() - SHOWN_AFTER_END_MS)) });
    const visible = all.filter((s) => !s.audience || audienceIncludes(s.audience, buyer)).sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
    const templates = await loadTemplates(ctx.db, visible.flatMap((s) => s.rewards.map((r) => r.templateId)));
    const viewers = visible.length
      ? rowsOf<LiveViewerRecord>(await ctx.db.collection(COLLECTIONS.liveViewers).where({ _id: _.in(visible.map((s) => viewerId(s.sessionId, ctx.openid))) }).limit(1000).get())
      : [];
    // The reward coupons these sessions would have given the member, by their ids (a member with years
    // of live coupons is asked about these only, never about all of them).
    const rewardCouponId = (s: LiveSessionRecord, r: LiveSessionRecord['rewards'][number]) =>
      couponIdFor(r.templateId, ctx.openid, currentKey({ templateId: r.templateId, baseKey: rewardKey(s.sessionId, r) }, member.revokedRewards));
    const ids = visible.flatMap((s) => s.rewards.map((r) => rewardCouponId(s, r)));
    const held = new Set(
      ids.length ? rowsOf<Pick<CouponRecord, '_id'>>(await ctx.db.collection(COLLECTIONS.coupons).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get()).map((c) => c._id) : [],
    );
    const views: LiveSessionView[] = visible.map((s) => {
      const v = viewers.find((x) => x.sessionId === s.sessionId);
      return {
        sessionId: s.sessionId,
        title: s.title,
        roomId: s.roomId,
        streamUrl: s.streamUrl ?? null,
        startAt: s.startAt.toISOString(),
        endAt: s.endAt.toISOString(),
        phase: livePhase(s, ctx.now),
        reserved: !!v?.reservedAt,
        entered: !!v?.enteredAt,
        watchedSeconds: v?.watchedSeconds ?? 0,
        rewards: s.rewards.map((r) => {
          const t = templates.get(r.templateId);
          const couponId = rewardCouponId(s, r);
          return { trigger: r.trigger, minutes: r.trigger === 'watch' ? (r.minutes ?? 10) : null, templateId: r.templateId, name: t?.name ?? '', summary: t ? couponSummary(t) : '', couponId: held.has(couponId) ? couponId : null };
        }),
      };
    });
    return { sessions: views, now: ctx.now.toISOString() };
  },

  async reserve({ sessionId }, ctx) {
    const session = await visibleSession(ctx, sessionId);
    if (livePhase(session, ctx.now) !== 'upcoming') throw new DomainError('NOT_ELIGIBLE', '直播已开始，无需预约');
    await ensureViewer(ctx, sessionId);
    await ctx.db.collection(COLLECTIONS.liveViewers).where({ _id: viewerId(sessionId, ctx.openid), reservedAt: null }).update({ data: { reservedAt: ctx.now } });
    return { granted: (await grantRewards(ctx.db, session, rewardsFor(session, 'reserve'), ctx.openid, ctx.now)).map((c) => c.couponId) };
  },

  async enter({ sessionId }, ctx) {
    const session = await visibleSession(ctx, sessionId);
    if (livePhase(session, ctx.now) !== 'live') throw new DomainError('NOT_ELIGIBLE', livePhase(session, ctx.now) === 'upcoming' ? '直播还未开始' : '直播已结束');
    const v = await ensureViewer(ctx, sessionId);
    // Entering starts (or restarts, after leaving) the heartbeat clock; it credits nothing itself.
    await ctx.db.collection(COLLECTIONS.liveViewers).doc(v._id).update({ data: { enteredAt: v.enteredAt ?? ctx.now, lastBeatAt: ctx.now } });
    // The member's record remembers the session, so an order placed anywhere in the shop while it is
    // on counts for it (order.create, orderSession); written only when it changes.
    await markLiveEntry(ctx.db, ctx.openid, session.viewer, session);
    const granted = await grantRewards(ctx.db, session, rewardsFor(session, 'enter'), ctx.openid, ctx.now);
    return { granted: granted.map((c) => c.couponId), watchedSeconds: v.watchedSeconds };
  },

  async heartbeat({ sessionId }, ctx) {
    const { session, viewer: v, watchKeys } = await readWatching(ctx, sessionId);
    const outcome = creditHeartbeat(v?.lastBeatAt ?? null, ctx.now, session);
    if (!v || !outcome.moveClock) return { watchedSeconds: v?.watchedSeconds ?? 0, granted: [] };
    // Compare-and-set on the previous beat: two beats racing credit the gap once.
    const _ = ctx.db.command;
    const credit = outcome.counted ? outcome.creditSeconds : 0;
    const moved = await ctx.db
      .collection(COLLECTIONS.liveViewers)
      .where({ _id: v._id, lastBeatAt: v.lastBeatAt })
      .update({ data: { lastBeatAt: ctx.now, watchedSeconds: _.inc(credit) } });
    const watchedSeconds = v.watchedSeconds + (updatedOf(moved) === 1 ? credit : 0);
    if (!credit) return { watchedSeconds, granted: [] };
    // Only what is reached and not yet held is issued: a beat after the reward writes nothing more.
    const revoked = session.viewer.revokedRewards;
    const due = watchRewardsReached(session.rewards, watchedSeconds).filter((r) => !watchKeys.has(currentKey({ templateId: r.templateId, baseKey: rewardKey(session.sessionId, r) }, revoked)));
    if (!due.length) return { watchedSeconds, granted: [] };
    const granted = await grantRewards(ctx.db, session, due, ctx.openid, ctx.now, revoked, true);
    return { watchedSeconds, granted: granted.map((c) => c.couponId) };
  },

  /** Sharing the room pays once the member has a paid order placed from this session. */
  async share({ sessionId }, ctx) {
    const _ = ctx.db.command;
    const session = await visibleSession(ctx, sessionId);
    const paid = await ctx.db.collection(COLLECTIONS.orders).where({ openid: ctx.openid, liveSessionId: sessionId, status: _.in(['paid', 'picked_up']) }).count();
    if (!(paid as { total: number }).total) throw new DomainError('NOT_ELIGIBLE', '在直播间下单并支付后，分享可得分享券');
    // A share reward a refund took back is earned again by the next paid order from the session.
    return { granted: (await grantRewards(ctx.db, session, rewardsFor(session, 'share'), ctx.openid, ctx.now, session.viewer.revokedRewards)).map((c) => c.couponId) };
  },
});
