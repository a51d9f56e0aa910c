import type { LiveReward } from '@core/live';
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
  const rows = rowsOf<CouponTemplateRecord>(await db.collection(COLLECTIONS.couponTemplates).where({ _id: _.in([...new Set(templateIds)]) }).limit(1000).get());
  return new Map(rows.map((t) => [t.templateId, t]));
}

/**
 * Issues the rewards for one trigger through the one issuance path. A reward whose stock ran out is
 * skipped (the viewer keeps what they got); anything else fails loudly.
 */
export async function grantRewards(db: Database, session: LiveSessionRecord, rewards: LiveReward[], openid: string, now: Date, revoked?: readonly string[]): Promise<CouponRecord[]> {
  const templates = await loadTemplates(db, rewards.map((r) => r.templateId));
  const granted: CouponRecord[] = [];
  for (const reward of rewards) {
    const template = templates.get(reward.templateId);
    if (!template || template.active === false) continue;
    try {
      const sourceKey = currentKey({ templateId: reward.templateId, baseKey: rewardKey(session.sessionId, reward) }, revoked);
      const { coupon, created } = await issueCoupon(db, { template, openid, source: 'live', sourceKey, now });
      if (created) granted.push(coupon);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'SOLD_OUT' && code !== 'LIMIT_REACHED') throw err;
    }
  }
  return granted;
}

/** Orders keep a session's attribution for a while after it ends (members finish their carts). */
const ATTRIBUTION_AFTER_END_MS = 2 * 60 * 60 * 1000;

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
  const on = now.getTime() >= session.startAt.getTime() && now.getTime() <= session.endAt.getTime() + ATTRIBUTION_AFTER_END_MS;
  return on ? session.sessionId : null;
}
