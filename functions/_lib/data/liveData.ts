import { attributionCandidate, attributionOpen, type LiveEntryMark, type LiveReward } from '@core/live';
import type { Buyer } from '@core/catalog';
import { audienceIncludes, type PriceList } from '@core/priceList';
import { COLLECTIONS, rowsOf } from '../platform/collections';
import { issueCoupon, type CouponRecord, type CouponTemplateRecord } from '../workflows/couponIssue';
import type { Database } from '../platform/handler';
import { currentKey } from '../workflows/rewards';

export interface LiveSessionRecord {
  _id: string;
  sessionId: string;
  title: string;
  roomId: string;
  /** The stream the room plays (admin `liveSession.streamUrl`); absent until the operators set it. */
  streamUrl?: string;
  startAt: Date;
  endAt: Date;
  audience?: PriceList['audience'];
  rewards: LiveReward[];
  sweptAt?: Date | null;
}

/** One viewer of one session (`<sessionId>:<openid>`): what they did, on the server's clock. */
export interface LiveViewerRecord {
  _id: string;
  sessionId: string;
  openid: string;
  reservedAt: Date | null;
  enteredAt: Date | null;
  lastBeatAt: Date | null;
  watchedSeconds: number;
}

export const viewerId = (sessionId: string, openid: string) => `${sessionId}:${openid}`;

/** The idempotency key of a live reward: one per member, session and trigger (and minutes for watch). */
export const rewardKey = (sessionId: string, reward: LiveReward) => `live:${sessionId}:${reward.trigger}${reward.trigger === 'watch' ? `:${reward.minutes ?? 10}` : ''}`;

export async function loadTemplates(db: Database, templateIds: string[]): Promise<Map<string, CouponTemplateRecord>> {
  const _ = db.command;
  if (!templateIds.length) return new Map();
  const rows = rowsOf<CouponTemplateRecord>(await db.collection(COLLECTIONS.couponTemplates).where({ _id: _.in([...new Set(templateIds)]) }).field({ marks: false }).limit(1000).get());
  return new Map(rows.map((t) => [t.templateId, t]));
}

/**
 * Issues the rewards for one trigger through the one issuance path. A reward whose stock ran out is
 * skipped (the viewer keeps what they got); anything else fails loudly. `keyFree`: the caller read
 * that none of them is held yet (see issueCoupon).
 */
export async function grantRewards(db: Database, session: LiveSessionRecord, rewards: LiveReward[], openid: string, now: Date, revoked?: readonly string[], keyFree = false): Promise<CouponRecord[]> {
  const templates = await loadTemplates(db, rewards.map((r) => r.templateId));
  const granted: CouponRecord[] = [];
  for (const reward of rewards) {
    const template = templates.get(reward.templateId);
    if (!template || template.active === false) continue;
    try {
      const sourceKey = currentKey({ templateId: reward.templateId, baseKey: rewardKey(session.sessionId, reward) }, revoked);
      const { coupon, created } = await issueCoupon(db, { template, openid, source: 'live', sourceKey, now, keyFree });
      if (created) granted.push(coupon);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'SOLD_OUT' && code !== 'LIMIT_REACHED') throw err;
    }
  }
  return granted;
}

/**
 * The session an order may be attributed to: it exists, the member may see it, and it is on (or just
 * ended). Anything else is dropped, not refused: attribution must not block a purchase, nor be forged
 * to unlock a share reward.
 */
export async function attributableSession(db: Database, sessionId: string | undefined, buyer: Buyer, now: Date): Promise<string | null> {
  if (!sessionId) return null;
  const [session] = rowsOf<LiveSessionRecord>(await db.collection(COLLECTIONS.liveSessions).where({ _id: sessionId }).limit(1).get());
  if (!session) return null;
  if (session.audience && !audienceIncludes(session.audience, buyer)) return null;
  return attributionOpen(session, now) ? session.sessionId : null;
}

/** The member record's note of the last session entered (see LiveEntryMark). */
export interface MemberLiveMark {
  liveEntry?: LiveEntryMark | null;
}

/**
 * Remembers on the member's record the session they just entered, so that an order placed elsewhere in
 * the shop while it is on still counts for it (orderSession). Written only when it changes: entering
 * the same session again costs nothing.
 */
export async function markLiveEntry(db: Database, openid: string, member: object, session: Pick<LiveSessionRecord, 'sessionId' | 'endAt'>): Promise<void> {
  const { liveEntry } = member as MemberLiveMark;
  if (liveEntry?.sessionId === session.sessionId && new Date(liveEntry.endAt).getTime() === session.endAt.getTime()) return;
  const mark: LiveEntryMark = { sessionId: session.sessionId, endAt: session.endAt };
  await db.collection(COLLECTIONS.members).doc(openid).update({ data: { liveEntry: mark } });
}

/**
 * The session an order counts for, decided at order.create whichever way it was placed: the one the
 * member entered (their record's mark), else the one the app named (the room's 去下单), if it is on or
 * just ended and the member may see it. No read for a member who never entered a session (or whose
 * last one ended long ago), one indexed read (the session by id) otherwise.
 */
export async function orderSession(db: Database, requested: string | undefined, member: object, buyer: Buyer, now: Date): Promise<string | null> {
  return attributableSession(db, attributionCandidate(requested, (member as MemberLiveMark).liveEntry, now), buyer, now);
}
