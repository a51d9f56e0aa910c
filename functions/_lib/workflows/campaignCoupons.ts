import { randomUUID } from 'node:crypto';
import { COLLECTIONS, isDuplicateKey, rowsOf, updatedOf } from '../platform/collections';
import { DomainError } from '../platform/errors';
import type { Database } from '../platform/handler';
import type { CounterMark } from './holds';
import { couponIdFor, newCoupon, type CouponRecord, type CouponTemplateRecord } from './couponIssue';

/**
 * A campaign's coupons for one page of its audience, in bulk: a few requests per page instead of
 * several per member, with the guarantees of issueCoupon.
 *
 * - Exactly once per (run, member): the coupon's id is derived from the template, the member and the
 *   run, so a second insert of it fails and gives nothing.
 * - Never over the member's limit: the claim counters of the page's members move in one guarded
 *   update (count below the limit), each carrying the run's claim mark, so who got one is read back
 *   from the counters themselves.
 * - Never over the stock: the page's share of the template's stock is taken in one compare-and-set on
 *   `issued`, with a mark that records how many (`n`); the coupons carry that mark (`issueMark`).
 * - Nothing lost to a crash: a runner resuming the page finds the mark and gives only what the mark
 *   still owes; a page nobody resumes is settled by orderTimeout's sweep, which gives back the part of
 *   `n` no coupon stands for, and the claims no coupon stands for.
 */
export interface CampaignCouponRequest {
  runId: string;
  campaignId: string;
  pageId: string;
  template: CouponTemplateRecord;
  /** The page's members in the audience, sorted by _id. */
  openids: readonly string[];
  now: Date;
}

/** `camp|<pageId>|<templateId>|<nonce>` on the template: this page's stock, taken once per attempt. */
const stockMarkPrefix = (pageId: string, templateId: string) => `camp|${pageId}|${templateId}|`;
/** `campclaim|<runId>|<templateId>` on each member's claim counter. */
export const claimMarkOf = (runId: string, templateId: string) => `campclaim|${runId}|${templateId}`;
export const runOfClaimMark = (mark: string) => mark.split('|')[1];
export const campaignSourceKey = (runId: string) => `campaign:${runId}`;

const INSERT_CHUNK = 100;
const ATTEMPTS = 12;

type StockMark = CounterMark & { n?: number };

/** Answers the members of the page who hold the run's coupon of this template (given now or before). */
export async function grantCampaignCoupons(db: Database, request: CampaignCouponRequest): Promise<string[]> {
  const { runId, pageId, template, openids, now } = request;
  const _ = db.command;
  const idOf = (openid: string) => couponIdFor(template.templateId, openid, campaignSourceKey(runId));
  const prefix = stockMarkPrefix(pageId, template.templateId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    // The template first, the coupons after: a mark cleared before our read has all its coupons in by then.
    const [stored] = rowsOf<{ issued?: number; marks?: StockMark[] }>(await db.collection(COLLECTIONS.couponTemplates).where({ _id: template._id }).field({ issued: true, marks: true }).limit(1).get());
    if (!stored) return [];
    const existing = rowsOf<Pick<CouponRecord, '_id' | 'openid' | 'issueMark'>>(
      await db.collection(COLLECTIONS.coupons).where({ _id: _.in(openids.map(idOf)) }).field({ _id: true, openid: true, issueMark: true }).limit(openids.length).get(),
    );
    const have = new Set(existing.map((c) => c.openid));
    const remaining = openids.filter((openid) => !have.has(openid));
    const mark = (stored.marks ?? []).find((m) => m.k.startsWith(prefix));
    if (remaining.length === 0) {
      if (mark) await settleStockMark(db, template._id, mark.k, mark.n ?? 0, existing.filter((c) => c.issueMark === mark.k).length);
      return [...have];
    }
    const candidates = template.perMemberLimit === undefined ? remaining : await takeClaims(db, request, remaining);
    let owed: number;
    let markK: string;
    if (mark) {
      markK = mark.k;
      owed = Math.max(0, (mark.n ?? 0) - existing.filter((c) => c.issueMark === markK).length);
    } else {
      const issued = stored.issued ?? 0;
      const left = template.totalStock === undefined ? candidates.length : Math.max(0, template.totalStock - issued);
      owed = Math.min(candidates.length, left);
      if (owed === 0) {
        await settleClaims(db, request, candidates, true);
        return [...have];
      }
      markK = `${prefix}${randomUUID().slice(0, 8)}`;
      const took = await db
        .collection(COLLECTIONS.couponTemplates)
        .where({ _id: template._id, issued: stored.issued === undefined ? _.exists(false) : issued })
        .update({ data: { issued: _.inc(owed), marks: _.push({ k: markK, at: now, n: owed }) } });
      if (updatedOf(took) === 0) continue; // the count moved (a claim, another runner): read again
    }
    const give = candidates.slice(0, owed);
    await insertCoupons(db, request, give, markK, idOf);
    await settleClaims(db, request, candidates.slice(owed), true);
    await settleClaims(db, request, give, false);
    // What the mark took beyond the members still there to receive it goes back with the mark.
    const underMark = existing.filter((c) => c.issueMark === markK).length + give.length;
    await settleStockMark(db, template._id, markK, mark?.n ?? owed, underMark);
    return [...have, ...give];
  }
  throw new DomainError('CONFLICT', '券库存变动频繁，活动稍后继续');
}

async function insertCoupons(db: Database, request: CampaignCouponRequest, openids: readonly string[], mark: string, idOf: (openid: string) => string): Promise<void> {
  const { template, now, runId, campaignId } = request;
  const couponOf = (openid: string) => ({ ...newCoupon(template, { couponId: idOf(openid), openid, source: 'campaign', sourceKey: campaignSourceKey(runId), issueMark: mark, now }), campaignId });
  for (let i = 0; i < openids.length; i += INSERT_CHUNK) {
    await addEach(db, COLLECTIONS.coupons, openids.slice(i, i + INSERT_CHUNK).map(couponOf));
  }
}

/** Removes the page's stock mark, giving back what it took beyond the coupons that carry it (once: guarded on the mark). */
export async function settleStockMark(db: Database, templateId: string, mark: string, taken: number, carried: number): Promise<void> {
  const _ = db.command;
  const surplus = Math.max(0, taken - carried);
  await db
    .collection(COLLECTIONS.couponTemplates)
    .where({ _id: templateId, 'marks.k': mark })
    .update({ data: { ...(surplus ? { issued: _.inc(-surplus) } : {}), marks: _.pull({ k: mark }) } });
}

const claimsIdOf = (templateId: string, openid: string) => `${templateId}:${openid}`;

/**
 * Takes one of each member's limit for the run (once: the run's mark on the counter), where the limit
 * allows; answers who holds one, read back from the counters.
 */
async function takeClaims(db: Database, request: CampaignCouponRequest, openids: readonly string[]): Promise<string[]> {
  const { template, runId, now } = request;
  const _ = db.command;
  const mark = claimMarkOf(runId, template.templateId);
  const ids = openids.map((openid) => claimsIdOf(template.templateId, openid));
  const known = new Set(rowsOf<{ _id: string }>(await db.collection(COLLECTIONS.couponClaims).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get()).map((c) => c._id));
  const missing = openids.filter((openid) => !known.has(claimsIdOf(template.templateId, openid)));
  if (missing.length) {
    await addEach(db, COLLECTIONS.couponClaims, missing.map((openid) => ({ _id: claimsIdOf(template.templateId, openid), templateId: template.templateId, openid, count: 0 })));
  }
  await db
    .collection(COLLECTIONS.couponClaims)
    .where({ _id: _.in(ids), count: _.lt(template.perMemberLimit!), 'marks.k': _.neq(mark) })
    .update({ data: { count: _.inc(1), marks: _.push({ k: mark, at: now }) } });
  const holding = new Set(rowsOf<{ openid: string }>(await db.collection(COLLECTIONS.couponClaims).where({ _id: _.in(ids), 'marks.k': mark }).field({ openid: true }).limit(ids.length).get()).map((c) => c.openid));
  return openids.filter((openid) => holding.has(openid));
}

/**
 * Settles the run's claim marks of these members: given back (`count` − 1) for those who will not get
 * the coupon, or just cleared for those whose coupon now stands for the claim.
 */
async function settleClaims(db: Database, request: CampaignCouponRequest, openids: readonly string[], giveBack: boolean): Promise<void> {
  if (request.template.perMemberLimit === undefined || openids.length === 0) return;
  const _ = db.command;
  const mark = claimMarkOf(request.runId, request.template.templateId);
  await db
    .collection(COLLECTIONS.couponClaims)
    .where({ _id: _.in(openids.map((openid) => claimsIdOf(request.template.templateId, openid))), 'marks.k': mark })
    .update({ data: { ...(giveBack ? { count: _.inc(-1) } : {}), marks: _.pull({ k: mark }) } });
}

/**
 * Inserts documents whose ids are keys, in one request; if another runner got some of them in first
 * (a batch is all or nothing), one at a time, leaving theirs.
 */
async function addEach(db: Database, collection: string, docs: Array<Record<string, unknown> & { _id: string }>): Promise<void> {
  try {
    await db.collection(collection).add({ data: docs });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    for (const doc of docs) {
      try {
        await db.collection(collection).add({ data: doc });
      } catch (one) {
        if (!isDuplicateKey(one)) throw one;
      }
    }
  }
}
