import cloud from 'wx-server-sdk';
import type { Notice } from '@core/notice';
import { COLLECTIONS, errorText, isDuplicateKey, rowsOf, updatedOf } from '../platform/collections';
import type { Database } from '../platform/handler';
import { forEachLimited } from '../platform/pool';
import { miniprogramState, noticeId, templateIdFor, type NoticeOutcome } from './notices';

/**
 * A timer page's subscribe messages of one kind, with the promises of sendNotice (workflows/notices.ts)
 * and a fraction of its requests: instead of three requests per message (record, accept, state),
 * the page's records are looked up and inserted in bulk, each member's accept is taken by its own
 * guarded update (the only way to know exactly whose count moved: a bulk update says how many, not
 * who), and the outcomes are written back one update per outcome.
 *
 * 1. the records (`notices`, _id = member:key:ref) go in first: a message whose record exists (sent
 *    earlier, or by a runner at the same moment) is not sent again;
 * 2. one accept is taken from the member's count (count > 0), so a member is never sent more than
 *    they accepted;
 * 3. only then is WeChat asked, and its answers are kept on the records.
 */
export interface PageNotice {
  openid: string;
  notice: Notice;
}

const INSERT_CHUNK = 100;
const CONCURRENCY = 16;

export async function sendPageNotices(db: Database, items: readonly PageNotice[], now: Date): Promise<Record<NoticeOutcome, number>> {
  const tally: Record<NoticeOutcome, number> = { sent: 0, duplicate: 0, noConsent: 0, unconfigured: 0, refused: 0, failed: 0 };
  if (!items.length) return tally;
  const key = items[0].notice.key;
  const templateId = templateIdFor(key);
  if (!templateId) {
    tally.unconfigured = items.length;
    return tally;
  }
  const _ = db.command;
  const byId = new Map(items.map((i) => [noticeId(i.openid, i.notice), i]));
  const ids = [...byId.keys()];
  const known = new Set(rowsOf<{ _id: string }>(await db.collection(COLLECTIONS.notices).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get()).map((n) => n._id));
  const records = ids.filter((id) => !known.has(id)).map((id) => {
    const { openid, notice } = byId.get(id)!;
    return { _id: id, openid, key: notice.key, ref: notice.ref, templateId, page: notice.page, state: 'sending', at: now };
  });
  const mine = await insertRecords(db, records);
  tally.duplicate = ids.length - mine.length;
  const counter = `subscriptions.${key}`;
  const outcomes = new Map<NoticeOutcome, string[]>();
  const errors: Array<{ id: string; detail: string }> = [];
  const note = (outcome: NoticeOutcome, id: string) => {
    outcomes.set(outcome, [...(outcomes.get(outcome) ?? []), id]);
    tally[outcome] += 1;
  };
  await forEachLimited(mine, CONCURRENCY, async (id) => {
    const { openid, notice } = byId.get(id)!;
    try {
      const taken = await db
        .collection(COLLECTIONS.members)
        .where({ _id: openid, [counter]: _.gt(0) })
        .update({ data: { [counter]: _.inc(-1) } });
      if (updatedOf(taken) === 0) return note('noConsent', id);
      try {
        await cloud.openapi.subscribeMessage.send({ touser: openid, templateId, page: notice.page, data: notice.data, miniprogramState: miniprogramState() });
        note('sent', id);
      } catch (err) {
        const detail = errorText(err).trim();
        // 43101: WeChat has no accept for this user (they turned the subscription off): our count is stale.
        if (/43101/.test(detail)) {
          await db.collection(COLLECTIONS.members).doc(openid).update({ data: { [counter]: 0 } });
          note('refused', id);
        } else {
          // WeChat did not deliver, so it did not use the member's accept either: give it back.
          console.error('[notice] send failed', id, detail);
          await db.collection(COLLECTIONS.members).doc(openid).update({ data: { [counter]: _.inc(1) } });
          note('failed', id);
        }
        errors.push({ id, detail: detail.slice(0, 200) });
      }
    } catch (err) {
      // A message is a courtesy: one that could not be sent leaves its record `sending`, never sent twice.
      console.error('[notice] not sent', id, err);
      tally.failed += 1;
    }
  });
  const detailOf = new Map(errors.map((e) => [e.id, e.detail]));
  await Promise.all(
    [...outcomes].map(([state, list]) => {
      const withDetail = state === 'refused' || state === 'failed';
      if (!withDetail) return db.collection(COLLECTIONS.notices).where({ _id: _.in(list) }).update({ data: { state } });
      return Promise.all(list.map((id) => db.collection(COLLECTIONS.notices).doc(id).update({ data: { state, ...(detailOf.get(id) ? { error: detailOf.get(id) } : {}) } })));
    }),
  );
  return tally;
}

/** Inserts the records in batches; a batch meeting one already in (another runner) goes one at a time. Answers the ids this call inserted. */
async function insertRecords(db: Database, records: Array<{ _id: string }>): Promise<string[]> {
  const mine: string[] = [];
  for (let i = 0; i < records.length; i += INSERT_CHUNK) {
    const chunk = records.slice(i, i + INSERT_CHUNK);
    try {
      await db.collection(COLLECTIONS.notices).add({ data: chunk });
      mine.push(...chunk.map((r) => r._id));
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      for (const record of chunk) {
        try {
          await db.collection(COLLECTIONS.notices).add({ data: record });
          mine.push(record._id);
        } catch (one) {
          if (!isDuplicateKey(one)) throw one;
        }
      }
    }
  }
  return mine;
}
