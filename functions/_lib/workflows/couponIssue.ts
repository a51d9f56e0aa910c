import { randomUUID } from 'node:crypto';
import { validityFor, type CouponPerk, type CouponSource, type CouponTemplate } from '@core/couponTemplate';
import { COLLECTIONS, isDuplicateKey, rowsOf } from '../platform/collections';
import { DomainError } from '../platform/errors';
import { stableId } from '../platform/ids';
import type { Database } from '../platform/handler';
import { moveMarked, undoMarked, type MarkedMove } from './holds';
import { withTransaction, type Transaction } from '../platform/transaction';

export type CouponTemplateRecord = CouponTemplate & { _id: string; issued?: number };

/** An issued coupon, as stored in `coupons`. */
export interface CouponRecord {
  _id: string;
  couponId: string;
  templateId: string;
  openid: string;
  name: string;
  source: CouponSource;
  sourceKey: string;
  status: 'unused' | 'locked' | 'used' | 'revoked';
  validFrom: Date;
  validTo: Date;
  issuedAt: Date;
  perk?: CouponPerk;
  /** The issuing attempt's mark on the template's (and the member's) counter; see issueCoupon. */
  issueMark?: string;
  /** `revoked`: taken back because the purchase that caused it was refunded (shown as 已失效). */
  revokedAt?: Date;
  revokedReason?: string;
  lockedBy: string | null;
  usedBy: string | null;
  usedAt: Date | null;
  terms: Pick<CouponTemplate, 'kind' | 'valueFen' | 'thresholdFen' | 'payPercent' | 'maxDiscountFen' | 'giftSkuId' | 'scope'>;
}

export interface IssueRequest {
  template: CouponTemplateRecord;
  openid: string;
  source: CouponSource;
  /**
   * What makes this issue unique (`live:<session>:enter`, `tier:gold`, `monthly:2026-11` …): the same
   * key never issues twice. Sources without one (claim centre, points mall) pass null.
   */
  sourceKey: string | null;
  now: Date;
  /** Set when the coupon is a paid card's benefit (its packs, its birthday coupon): what it saves counts for 开卡保本. */
  perk?: CouponPerk;
  /** Work that must commit together with the coupon (e.g. deducting points), in one transaction. */
  alsoInTransaction?: (tx: Transaction, couponId: string) => Promise<void>;
  /**
   * Whether the member's claims counter of a limited template exists, when the caller has just read it
   * (couponClaim.ts): the first claim creates it already counted instead of creating then moving it.
   */
  claimsExist?: boolean;
  /**
   * The caller has just read that the member holds no coupon under this key: the check before issuing
   * is skipped (a concurrent issue under the same key still ends in the duplicate key, answered below).
   */
  keyFree?: boolean;
}

export const couponIdFor = (templateId: string, openid: string, sourceKey: string): string => stableId('CP', templateId, openid, sourceKey);

async function findCoupon(db: Database, couponId: string): Promise<CouponRecord | null> {
  const [found] = rowsOf<CouponRecord>(await db.collection(COLLECTIONS.coupons).where({ _id: couponId }).limit(1).get());
  return found ?? null;
}

/** A member's claims of a template (`<templateId>:<openid>`); created by the first claim. */
export const claimsId = (templateId: string, openid: string) => `${templateId}:${openid}`;

/**
 * Takes one of the member's claims of a limited template. A member's first claim creates the counter
 * already moved, with the attempt's mark (one request); when it exists (or appears meanwhile) the
 * guarded move takes it. False when the limit refuses.
 */
async function takeClaim(db: Database, move: MarkedMove, template: CouponTemplateRecord, openid: string, exists: boolean | undefined, now: Date): Promise<boolean> {
  if (exists !== true) {
    try {
      await db.collection(COLLECTIONS.couponClaims).add({ data: { _id: move.id, templateId: template.templateId, openid, count: 1, marks: [{ k: move.mark, at: now }] } });
      return true;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  return moveMarked(db, move, now);
}

/** The counters one issue moves: the member's claims (if the template limits them) and the template's stock. */
function issueMoves(db: Database, template: CouponTemplateRecord, openid: string, mark: string): Array<{ move: MarkedMove; refusal: DomainError }> {
  const _ = db.command;
  const moves: Array<{ move: MarkedMove; refusal: DomainError }> = [];
  if (template.perMemberLimit !== undefined) {
    moves.push({
      move: { collection: COLLECTIONS.couponClaims, id: claimsId(template.templateId, openid), field: 'count', delta: 1, mark, guard: { count: _.lt(template.perMemberLimit) } },
      refusal: new DomainError('LIMIT_REACHED', '已达领取上限'),
    });
  }
  moves.push({
    move: { collection: COLLECTIONS.couponTemplates, id: template._id, field: 'issued', delta: 1, mark, guard: template.totalStock === undefined ? {} : { issued: _.lt(template.totalStock) } },
    refusal: new DomainError('SOLD_OUT', '券已抢光'),
  });
  return moves;
}

/** The mark of one issuing attempt: the coupon it will insert, and which attempt (two may race for one key). */
export const issueMark = (couponId: string) => `issue:${couponId}:${randomUUID().slice(0, 8)}`;
export const couponOfMark = (mark: string) => mark.split(':')[1];

/**
 * The one issuance path every source uses. Never count-then-insert: the member's limit and the
 * template's stock are each taken with a guarded atomic update, and given back if a later step
 * fails, so however many requests arrive at once, stock never goes below zero and no member exceeds
 * a limit. A keyed issue is idempotent through the coupon's id, derived from the key. Both counters
 * carry this attempt's mark (see holds.ts) and the coupon records it (`issueMark`): a function that
 * dies between taking them and inserting the coupon is found by orderTimeout, which gives back exactly
 * the counts no coupon stands for, so `issued` always ends equal to the coupons that exist.
 */
export async function issueCoupon(db: Database, request: IssueRequest): Promise<{ coupon: CouponRecord; created: boolean }> {
  const { template, openid, source, sourceKey, now } = request;
  const couponId = sourceKey ? couponIdFor(template.templateId, openid, sourceKey) : `CP${randomUUID().replace(/-/g, '').slice(0, 22).toUpperCase()}`;
  if (sourceKey && !request.keyFree) {
    const existing = await findCoupon(db, couponId);
    if (existing) return { coupon: existing, created: false };
  }
  const mark = issueMark(couponId);
  const moves = issueMoves(db, template, openid, mark);
  const taken: MarkedMove[] = [];
  try {
    for (const { move, refusal } of moves) {
      const took = move.collection === COLLECTIONS.couponClaims ? await takeClaim(db, move, template, openid, request.claimsExist, now) : await moveMarked(db, move, now);
      if (!took) throw refusal;
      taken.push(move);
    }
    const coupon = newCoupon(template, { couponId, openid, source, sourceKey: sourceKey ?? couponId, issueMark: mark, now, perk: request.perk });
    if (request.alsoInTransaction) {
      const extra = request.alsoInTransaction;
      await withTransaction(db, async (tx: Transaction) => {
        await extra(tx, couponId);
        await tx.collection(COLLECTIONS.coupons).add({ data: coupon });
      });
    } else {
      await db.collection(COLLECTIONS.coupons).add({ data: coupon });
    }
    // The marks stay: the coupon now records the mark, which makes them resolved, and the minute timer
    // clears a counter's resolved marks in one update (markSweep.ts) instead of one request each here.
    return { coupon, created: true };
  } catch (err) {
    for (const move of taken.reverse()) await undoMarked(db, move);
    // The same key issued concurrently: the other request's coupon is the one.
    if (sourceKey && isDuplicateKey(err)) {
      const existing = await findCoupon(db, couponId);
      if (existing) return { coupon: existing, created: false };
    }
    throw err;
  }
}

/** A coupon as first stored: unused, valid from the template's validity at `now`, its terms copied. */
export function newCoupon(template: CouponTemplateRecord, fields: { couponId: string; openid: string; source: CouponSource; sourceKey: string; issueMark: string; now: Date; perk?: CouponPerk }): CouponRecord {
  const { validFrom, validTo } = validityFor(template, fields.now);
  return {
    _id: fields.couponId,
    couponId: fields.couponId,
    templateId: template.templateId,
    openid: fields.openid,
    name: template.name,
    source: fields.source,
    sourceKey: fields.sourceKey,
    status: 'unused',
    validFrom,
    validTo,
    issuedAt: fields.now,
    issueMark: fields.issueMark,
    ...(fields.perk ? { perk: fields.perk } : {}),
    lockedBy: null,
    usedBy: null,
    usedAt: null,
    terms: definedOnly({ kind: template.kind, valueFen: template.valueFen, thresholdFen: template.thresholdFen, payPercent: template.payPercent, maxDiscountFen: template.maxDiscountFen, giftSkuId: template.giftSkuId, scope: template.scope }),
  };
}

/** The database keeps no `undefined`: leave absent terms absent. */
function definedOnly<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
