import { couponSummary } from '@core/coupon';
import { couponExpiringNotice, liveStartingNotice, tierExpiringNotice } from '@core/notice';
import { keepTierGrowth, type Tier } from '@core/tier';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import type { Database } from '@lib/platform/handler';
import { forEachLimited } from '@lib/platform/pool';
import type { LiveSessionRecord } from '@lib/data/liveData';
import type { CouponRecord } from '@lib/workflows/couponIssue';
import { notifyQuietly, templateIdFor, type NoticeOutcome } from '@lib/workflows/notices';

const MINUTE = 60_000;
const DAY = 86_400_000;
const PAGE = 500;
const CONCURRENCY = 16;

export interface ReminderTally {
  considered: number;
  sent: number;
}

const tally = (): ReminderTally => ({ considered: 0, sent: 0 });
const count = (t: ReminderTally, outcome: NoticeOutcome) => {
  t.considered += 1;
  if (outcome === 'sent') t.sent += 1;
};

/** Of these members, the ones with an accept left for the kind (one read per page of ids). */
async function subscribed(db: Database, openids: string[], key: string): Promise<Set<string>> {
  if (!openids.length) return new Set();
  const rows = rowsOf<{ _id: string }>(
    await db
      .collection(COLLECTIONS.members)
      .where({ _id: db.command.in(openids), [`subscriptions.${key}`]: db.command.gt(0) })
      .field({ _id: true })
      .limit(openids.length)
      .get(),
  );
  return new Set(rows.map((r) => r._id));
}

/**
 * 开播提醒: sessions starting in the next 10 minutes (or that started in the last 5, for a late timer),
 * to members who reserved them and accepted the reminder. One per (member, session).
 */
export async function liveStartingReminders(db: Database, now: Date): Promise<ReminderTally> {
  const t = tally();
  if (!templateIdFor('liveStarting')) return t;
  const _ = db.command;
  const sessions = rowsOf<LiveSessionRecord>(
    await db.collection(COLLECTIONS.liveSessions).where({ startAt: _.gt(new Date(now.getTime() - 5 * MINUTE)).and(_.lte(new Date(now.getTime() + 10 * MINUTE))) }).limit(100).get(),
  );
  for (const session of sessions) {
    let after = '';
    for (;;) {
      const viewers = rowsOf<{ _id: string; openid: string }>(
        await db
          .collection(COLLECTIONS.liveViewers)
          .where({ sessionId: session.sessionId, reservedAt: _.neq(null), ...(after ? { _id: _.gt(after) } : {}) })
          .orderBy('_id', 'asc')
          .limit(PAGE)
          .field({ _id: true, openid: true })
          .get(),
      );
      if (!viewers.length) break;
      const accepted = await subscribed(db, viewers.map((v) => v.openid), 'liveStarting');
      const notice = liveStartingNotice(session);
      await forEachLimited([...accepted], CONCURRENCY, async (openid) => count(t, await notifyQuietly(db, openid, notice, now)));
      if (viewers.length < PAGE) break;
      after = viewers[viewers.length - 1]._id;
    }
  }
  return t;
}

/**
 * 等级到期提醒: 30 and 7 days before a tier lapses, with the spend that keeps it. The daily run looks
 * at the day-wide slice of members whose tier ends between lead−1 and lead days from now, so daily
 * runs tile without gaps; the message's key (period end, lead) keeps a repeated run from sending again.
 */
export async function tierExpiringReminders(db: Database, now: Date, deadline: number): Promise<ReminderTally> {
  const t = tally();
  if (!templateIdFor('tierExpiring')) return t;
  const _ = db.command;
  for (const lead of [30, 7]) {
    let after = '';
    for (;;) {
      if (Date.now() > deadline) return t;
      const from = new Date(now.getTime() + (lead - 1) * DAY);
      const to = new Date(now.getTime() + lead * DAY);
      const members = rowsOf<{ _id: string; tier: Tier; growth: number; tierExpiresAt: Date }>(
        await db
          .collection(COLLECTIONS.members)
          .where({ tier: _.neq('normal'), tierExpiresAt: _.gt(from).and(_.lte(to)), 'subscriptions.tierExpiring': _.gt(0), ...(after ? { _id: _.gt(after) } : {}) })
          .orderBy('_id', 'asc')
          .limit(PAGE)
          .field({ _id: true, tier: true, growth: true, tierExpiresAt: true })
          .get(),
      );
      await forEachLimited(members, CONCURRENCY, async (m) => {
        const notice = tierExpiringNotice({ tier: m.tier, tierExpiresAt: m.tierExpiresAt, keepTierGrowth: keepTierGrowth(m.tier, m.growth) }, lead);
        count(t, await notifyQuietly(db, m._id, notice, now));
      });
      if (members.length < PAGE) break;
      after = members[members.length - 1]._id;
    }
  }
  return t;
}

/**
 * 优惠券到期提醒: unused coupons ending between 2 and 3 days from now (daily runs tile), once per
 * coupon, to members with an accept left.
 */
export async function couponExpiringReminders(db: Database, now: Date, deadline: number): Promise<ReminderTally> {
  const t = tally();
  if (!templateIdFor('couponExpiring')) return t;
  const _ = db.command;
  let after = '';
  for (;;) {
    if (Date.now() > deadline) return t;
    const coupons = rowsOf<CouponRecord>(
      await db
        .collection(COLLECTIONS.coupons)
        .where({ status: 'unused', validTo: _.gt(new Date(now.getTime() + 2 * DAY)).and(_.lte(new Date(now.getTime() + 3 * DAY))), ...(after ? { _id: _.gt(after) } : {}) })
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .field({ _id: true, couponId: true, openid: true, name: true, terms: true, validTo: true })
        .get(),
    );
    const accepted = await subscribed(db, [...new Set(coupons.map((c) => c.openid))], 'couponExpiring');
    await forEachLimited(
      coupons.filter((c) => accepted.has(c.openid)),
      CONCURRENCY,
      async (c) => count(t, await notifyQuietly(db, c.openid, couponExpiringNotice({ couponId: c.couponId, name: c.name, summary: couponSummary(c.terms), validTo: c.validTo }), now)),
    );
    if (coupons.length < PAGE) return t;
    after = coupons[coupons.length - 1]._id;
  }
}
