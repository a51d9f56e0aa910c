import { randomUUID } from 'node:crypto';
import { validityFor, type CouponPerk, type CouponSource, type CouponTemplate } from '@core/couponTemplate';
import { COLLECTIONS, isDuplicateKey, rowsOf } from '../platform/collections';
import { DomainError } from '../platform/errors';
import { stableId } from '../platform/ids';
import type { Database } from '../platform/handler';
import { clearMark, moveMarked, undoMarked, type MarkedMove } from './holds';
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
}

export const couponIdFor = (templateId: string, openid: string, sourceKey: string): string => stableId('CP', templateId, openid, sourceKey);

async function findCoupon(db: Database, couponId: string): Promise<CouponRecord | null> {
  const [found] = rowsOf<CouponRecord>(await db.collection(COLLECTIONS.coupons).where({ _id: couponId }).limit(1).get());
  return found ?? null;
}

/** A member's claims of a template (`<templateId>:<openid>`); created at zero on first use. */
const claimsId = (templateId: string, openid: string) => `${templateId}:${openid}`;

async function ensureClaims(db: Database, templateId: string, openid: string): Promise<void> {
  try {
    await db.collection(COLLECTIONS.couponClaims).add({ data: { _id: claimsId(templateId, openid), templateId, openid, count: 0 } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
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
  if (sourceKey) {
    const existing = await findCoupon(db, couponId);
    if (existing) return { coupon: existing, created: false };
  }
  const mark = issueMark(couponId);
  const moves = issueMoves(db, template, openid, mark);
  const taken: MarkedMove[] = [];
  try {
    if (template.perMemberLimit !== undefined) await ensureClaims(db, template.templateId, openid);
    for (const { move, refusal } of moves) {
      if (!(await moveMarked(db, move, now))) throw refusal;
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
    await clearMarks(db, taken, mark);
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

/** The coupon now stands for the counts: the marks are no longer needed (the timer clears any left). */
async function clearMarks(db: Database, moves: readonly MarkedMove[], mark: string): Promise<void> {
  try {
    for (const move of moves) await clearMark(db, move.collection, move.id, mark);
  } catch (err) {
    console.error('[issueCoupon] marks left for the timer', mark, err);
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
