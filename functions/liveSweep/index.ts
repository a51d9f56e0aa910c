import cloud from 'wx-server-sdk';
import { now } from '@lib/platform/clock';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import '@lib/platform/handler';
import { calledByTimer, REFUSED, type Refused } from '@lib/platform/timer';
import { grantRewards, type LiveSessionRecord, type LiveViewerRecord } from '@lib/data/liveData';
import { fetchAll } from '@lib/platform/paging';

/**
 * Timer (every 10 minutes): after a session ends, a remedy coupon (错过补救券) for every member who
 * reserved or entered but placed no paid order from it. Each grant is keyed per member and session,
 * so a run that is repeated, overlaps another or stops half-way and runs again issues nothing twice.
 */
export async function main(): Promise<{ sessions: number; remedied: number } | Refused> {
  if (!calledByTimer()) return REFUSED;
  const db = cloud.database();
  const _ = db.command;
  const at = now();
  const due = rowsOf<LiveSessionRecord>(await db.collection(COLLECTIONS.liveSessions).where({ endAt: _.lte(at), sweptAt: _.exists(false) }).limit(100).get());
  let remedied = 0;
  for (const session of due) {
    const missed = session.rewards.filter((r) => r.trigger === 'missed');
    if (missed.length) {
      const viewers = await fetchAll<LiveViewerRecord>(db, COLLECTIONS.liveViewers, { sessionId: session.sessionId });
      const buyers = new Set(
        (await fetchAll<{ _id: string; openid: string }>(db, COLLECTIONS.orders, { liveSessionId: session.sessionId, status: _.in(['paid', 'picked_up', 'refunded']) })).map((o) => o.openid),
      );
      for (const v of viewers) {
        if (!(v.reservedAt || v.enteredAt) || buyers.has(v.openid)) continue;
        remedied += (await grantRewards(db, session, missed, v.openid, at)).length;
      }
    }
    await db.collection(COLLECTIONS.liveSessions).doc(session._id).update({ data: { sweptAt: at } });
  }
  return { sessions: due.length, remedied };
}
