import { randomUUID } from 'node:crypto';
import type { CouponPerk, CouponSource } from '@core/couponTemplate';
import { COLLECTIONS, isDuplicateKey, rowsOf, updatedOf } from '../platform/collections';
import { DomainError } from '../platform/errors';
import type { Database } from '../platform/handler';
import { forEachLimited } from '../platform/pool';
import type { CounterMark } from './holds';
import { couponIdFor, issueCoupon, newCoupon, type CouponRecord, type CouponTemplateRecord } from './couponIssue';
import { settleStockMark } from './campaignCoupons';

/**
 * A timer page's keyed coupons of one template, in bulk: a handful of requests per page instead of
 * about five per member, with the guarantees of issueCoupon (the one issuance path, which it uses
 * as is for a template that limits each member):
 *
 * - Exactly once per key: each coupon's id is derived from (template, member, key) exactly as
 *   issueCoupon derives it, so a coupon given one way is never given again the other way.
 * - Never over the stock, `issued` equal to the coupons: the page's share of the stock is taken in one
 *   compare-and-set on `issued`, with a mark recording how many (`n`), carried by the coupons
 *   (`issueMark`). It is the mark of a campaign page (`camp|…`, workflows/campaignCoupons.ts), so
 *   orderTimeout's sweep gives back the part no coupon stands for if the runner dies; a runner
 *   resuming the page finds the mark and gives only what it still owes.
 *
 * The page's grants must be fixed (recorded) before the first call: a resumed page gives to the same
 * grants, which is what keeps what the mark took and what it gives in step.
 */
export interface PageGrant {
  openid: string;
  /** The issue's key (`birthday:paid:2026`, `guarantee:<term>` …): the same key never issues twice. */
  sourceKey: string;
  perk?: CouponPerk;
  /** This coupon's value, where the template's is a placeholder (the 开卡保本 shortfall). */
  valueFen?: number;
}

export interface PageCouponRequest {
  /** The recorded page's id: names the page's stock mark. */
  pageId: string;
  template: CouponTemplateRecord;
  source: CouponSource;
  grants: readonly PageGrant[];
  now: Date;
}

const INSERT_CHUNK = 100;
const ATTEMPTS = 12;
/** Limited templates go member by member through issueCoupon: at most this many at once. */
const ONE_BY_ONE = 8;

type StockMark = CounterMark & { n?: number };

const stockMarkPrefix = (pageId: string, templateId: string) => `camp|${pageId}|${templateId}|`;

/** Issues the page's grants that hold no coupon yet, as far as the stock goes; answers the coupons this call created. */
export async function issuePageCoupons(db: Database, request: PageCouponRequest): Promise<CouponRecord[]> {
  const { template, grants } = request;
  if (!grants.length) return [];
  if (template.perMemberLimit !== undefined) return oneByOne(db, request);
  const _ = db.command;
  const idOf = (g: PageGrant) => couponIdFor(template.templateId, g.openid, g.sourceKey);
  const prefix = stockMarkPrefix(request.pageId, template.templateId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    // The template first, the coupons after: a mark cleared before our read has all its coupons in by then.
    const [stored] = rowsOf<{ issued?: number; marks?: StockMark[] }>(await db.collection(COLLECTIONS.couponTemplates).where({ _id: template._id }).field({ issued: true, marks: true }).limit(1).get());
    if (!stored) return [];
    const existing = rowsOf<Pick<CouponRecord, '_id' | 'issueMark'>>(
      await db.collection(COLLECTIONS.coupons).where({ _id: _.in(grants.map(idOf)) }).field({ _id: true, issueMark: true }).limit(grants.length).get(),
    );
    const have = new Set(existing.map((c) => c._id));
    const remaining = grants.filter((g) => !have.has(idOf(g)));
    const mark = (stored.marks ?? []).find((m) => m.k.startsWith(prefix));
    const carriedBefore = mark ? existing.filter((c) => c.issueMark === mark.k).length : 0;
    if (remaining.length === 0) {
      if (mark) await settleStockMark(db, template._id, mark.k, mark.n ?? 0, carriedBefore);
      return [];
    }
    let owed: number;
    let markK: string;
    if (mark) {
      markK = mark.k;
      owed = Math.max(0, (mark.n ?? 0) - carriedBefore);
    } else {
      const issued = stored.issued ?? 0;
      owed = template.totalStock === undefined ? remaining.length : Math.min(remaining.length, Math.max(0, template.totalStock - issued));
      if (owed === 0) return [];
      markK = `${prefix}${randomUUID().slice(0, 8)}`;
      const took = await db
        .collection(COLLECTIONS.couponTemplates)
        .where({ _id: template._id, issued: stored.issued === undefined ? _.exists(false) : issued })
        .update({ data: { issued: _.inc(owed), marks: _.push({ k: markK, at: request.now, n: owed }) } });
      if (updatedOf(took) === 0) continue; // the count moved (a claim, another runner): read again
    }
    const give = remaining.slice(0, owed);
    const coupons = give.map((g) => newCoupon(g.valueFen === undefined ? template : { ...template, valueFen: g.valueFen }, { couponId: idOf(g), openid: g.openid, source: request.source, sourceKey: g.sourceKey, issueMark: markK, now: request.now, perk: g.perk }));
    const { created, carried } = await insertCoupons(db, coupons, markK);
    await settleStockMark(db, template._id, markK, mark?.n ?? owed, carriedBefore + carried);
    return created;
  }
  throw new DomainError('CONFLICT', '券库存变动频繁，稍后继续');
}

/** A template that limits each member: through issueCoupon, which takes the member's limit with its own mark. */
async function oneByOne(db: Database, request: PageCouponRequest): Promise<CouponRecord[]> {
  const created: CouponRecord[] = [];
  await forEachLimited(request.grants, ONE_BY_ONE, async (g) => {
    try {
      const template = g.valueFen === undefined ? request.template : { ...request.template, valueFen: g.valueFen };
      const result = await issueCoupon(db, { template, openid: g.openid, source: request.source, sourceKey: g.sourceKey, now: request.now, perk: g.perk });
      if (result.created) created.push(result.coupon);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'SOLD_OUT' && code !== 'LIMIT_REACHED') throw err;
    }
  });
  return created;
}

/**
 * Inserts in batches of 100 (one request each). A batch is all or nothing: one that meets a coupon
 * already in (another runner of the same page) goes in one at a time, and the ones already there are
 * read back to count those carrying this mark.
 */
async function insertCoupons(db: Database, coupons: CouponRecord[], mark: string): Promise<{ created: CouponRecord[]; carried: number }> {
  const created: CouponRecord[] = [];
  const theirs: string[] = [];
  for (let i = 0; i < coupons.length; i += INSERT_CHUNK) {
    const chunk = coupons.slice(i, i + INSERT_CHUNK);
    try {
      await db.collection(COLLECTIONS.coupons).add({ data: chunk });
      created.push(...chunk);
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      for (const coupon of chunk) {
        try {
          await db.collection(COLLECTIONS.coupons).add({ data: coupon });
          created.push(coupon);
        } catch (one) {
          if (!isDuplicateKey(one)) throw one;
          theirs.push(coupon._id);
        }
      }
    }
  }
  let carried = created.length;
  if (theirs.length) {
    const found = rowsOf<{ issueMark?: string }>(await db.collection(COLLECTIONS.coupons).where({ _id: db.command.in(theirs) }).field({ issueMark: true }).limit(theirs.length).get());
    carried += found.filter((c) => c.issueMark === mark).length;
  }
  return { created, carried };
}

