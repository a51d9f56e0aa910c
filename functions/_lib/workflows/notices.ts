import cloud from 'wx-server-sdk';
import type { Notice } from '@core/notice';
import { COLLECTIONS, errorText, isDuplicateKey, updatedOf } from '../platform/collections';
import type { Database } from '../platform/handler';

/**
 * Sends subscribe messages (订阅消息) through cloud.openapi.subscribeMessage.send, each at most once:
 *
 * 1. the message's record (`notices`, _id = member:key:ref) is inserted first: a second send of the
 *    same message finds it and stops, however many timers or callbacks try at once;
 * 2. one accept is taken from the member's count by a guarded update (count > 0), so a member who
 *    accepted once gets one message, never more;
 * 3. only then is WeChat asked to deliver; its answer is kept on the record.
 *
 * A crash between 2 and 3 loses that message (the record says `sending`): sending nothing twice is the
 * promise; a member is never sent a message they did not accept. A kind whose template id is not set
 * (the console variable TPL_…) is not sent and takes nothing. A caller that has just read the member
 * passes the count it saw (`accepts`): with none left, nothing is asked of the database at all.
 */
export type NoticeOutcome = 'sent' | 'duplicate' | 'noConsent' | 'unconfigured' | 'refused' | 'failed';

export const noticeId = (openid: string, notice: Pick<Notice, 'key' | 'ref'>) => `${openid}:${notice.key}:${notice.ref}`;

/**
 * Each kind's template id, from its console variable (core/notice.ts names them). Read by name, one by
 * one, so the bundle says which variables it reads (test/emulator/cloudbaserc.test.ts checks them).
 */
const TEMPLATE_IDS: Record<Notice['key'], () => string | undefined> = {
  paid: () => process.env.TPL_PAID,
  liveStarting: () => process.env.TPL_LIVE_STARTING,
  tierExpiring: () => process.env.TPL_TIER_EXPIRING,
  couponExpiring: () => process.env.TPL_COUPON_EXPIRING,
  refundDone: () => process.env.TPL_REFUND_DONE,
  tierChanged: () => process.env.TPL_TIER_CHANGED,
  campaignGift: () => process.env.TPL_CAMPAIGN_GIFT,
};

export function templateIdFor(key: Notice['key']): string | null {
  const value = TEMPLATE_IDS[key]();
  return value && value.trim() ? value.trim() : null;
}

export async function sendNotice(db: Database, openid: string, notice: Notice, now: Date, accepts?: number): Promise<NoticeOutcome> {
  const templateId = templateIdFor(notice.key);
  if (!templateId) return 'unconfigured';
  // The caller read the member already and saw no accept left: nothing to send, nothing to ask.
  if (accepts !== undefined && accepts <= 0) return 'noConsent';
  const _ = db.command;
  const id = noticeId(openid, notice);
  try {
    await db.collection(COLLECTIONS.notices).add({ data: { _id: id, openid, key: notice.key, ref: notice.ref, templateId, page: notice.page, state: 'sending', at: now } });
  } catch (err) {
    if (isDuplicateKey(err)) return 'duplicate';
    throw err;
  }
  const counter = `subscriptions.${notice.key}`;
  const taken = await db
    .collection(COLLECTIONS.members)
    .where({ _id: openid, [counter]: _.gt(0) })
    .update({ data: { [counter]: _.inc(-1) } });
  if (updatedOf(taken) === 0) {
    await db.collection(COLLECTIONS.notices).doc(id).update({ data: { state: 'noConsent' } });
    return 'noConsent';
  }
  let outcome: NoticeOutcome = 'sent';
  let detail = '';
  try {
    await cloud.openapi.subscribeMessage.send({ touser: openid, templateId, page: notice.page, data: notice.data, miniprogramState: miniprogramState() });
  } catch (err) {
    detail = errorText(err).trim();
    // 43101: WeChat has no accept for this user (they turned the subscription off): our count is stale.
    outcome = /43101/.test(detail) ? 'refused' : 'failed';
    if (outcome === 'refused') await db.collection(COLLECTIONS.members).doc(openid).update({ data: { [counter]: 0 } });
    else {
      // WeChat did not deliver, so it did not use the member's accept either: give it back.
      console.error('[notice] send failed', id, detail);
      await db.collection(COLLECTIONS.members).doc(openid).update({ data: { [counter]: _.inc(1) } });
    }
  }
  await db.collection(COLLECTIONS.notices).doc(id).update({ data: { state: outcome, ...(detail ? { error: detail.slice(0, 200) } : {}) } });
  return outcome;
}

/** The version of the mini-program a message opens: the released one, unless the console says otherwise. */
export function miniprogramState(): 'developer' | 'trial' | 'formal' {
  const value = process.env.NOTICE_MINIPROGRAM_STATE;
  return value === 'developer' || value === 'trial' ? value : 'formal';
}

/** Sends and never throws: a message is a courtesy, the business it follows has already happened. */
export async function notifyQuietly(db: Database, openid: string, notice: Notice, now: Date, accepts?: number): Promise<NoticeOutcome> {
  try {
    return await sendNotice(db, openid, notice, now, accepts);
  } catch (err) {
    console.error('[notice] not sent', openid, notice.key, notice.ref, err);
    return 'failed';
  }
}
