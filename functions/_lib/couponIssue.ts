import { randomUUID } from 'node:crypto';
import { validityFor, type CouponSource, type CouponTemplate } from '../../core/couponTemplate';
import { COLLECTIONS, isDuplicateKey, rowsOf, updatedOf } from './collections';
import { DomainError } from './errors';
import { stableId } from './ids';
import type { Database } from './handler';
import { withTransaction, type Transaction } from './transaction';

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
  status: 'unused' | 'locked' | 'used';
  validFrom: Date;
  validTo: Date;
  issuedAt: Date;
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
  /** Work that must commit together with the coupon (e.g. deducting points), in one transaction. */
  alsoInTransaction?: (tx: Transaction, couponId: string) => Promise<void>;
}

export const couponIdFor = (templateId: string, openid: string, sourceKey: string): string => stableId('CP', templateId, openid, sourceKey);

async function findCoupon(db: Database, couponId: string): Promise<CouponRecord | null> {
  const [found] = rowsOf<CouponRecord>(await db.collection(COLLECTIONS.coupons).where({ _id: couponId }).limit(1).get());
  return found ?? null;
}

/** The member's counter for a template; created at zero on first use. */
async function takeMemberSlot(db: Database, templateId: string, openid: string, limit: number): Promise<boolean> {
  const _ = db.command;
  const id = `${templateId}:${openid}`;
  try {
    await db.collection(COLLECTIONS.couponClaims).add({ data: { _id: id, templateId, openid, count: 0 } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return updatedOf(await db.collection(COLLECTIONS.couponClaims).where({ _id: id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } })) === 1;
}

async function giveBackMemberSlot(db: Database, templateId: string, openid: string): Promise<void> {
  await db.collection(COLLECTIONS.couponClaims).where({ _id: `${templateId}:${openid}` }).update({ data: { count: db.command.inc(-1) } });
}

async function takeStock(db: Database, template: CouponTemplateRecord): Promise<boolean> {
  const _ = db.command;
  const where = template.totalStock === undefined ? { _id: template._id } : { _id: template._id, issued: _.lt(template.totalStock) };
  return updatedOf(await db.collection(COLLECTIONS.couponTemplates).where(where).update({ data: { issued: _.inc(1) } })) === 1;
}

async function giveBackStock(db: Database, templateId: string): Promise<void> {
  await db.collection(COLLECTIONS.couponTemplates).where({ _id: templateId }).update({ data: { issued: db.command.inc(-1) } });
}

/**
 * The one issuance path every source uses. Never count-then-insert: the member's limit and the
 * template's stock are each taken with a guarded atomic update, and given back if a later step
 * fails, so however many requests arrive at once, stock never goes below zero and no member exceeds
 * a limit. A keyed issue is idempotent through the coupon's id, derived from the key.
 *
 * Known window: a function that dies after taking the slot and the stock but before inserting the
 * coupon leaves them taken (a retry with the same key may then answer LIMIT_REACHED). It can only
 * under-issue, never over-issue; closing it would need the three writes in one transaction, which
 * turns every storm on a template into transaction conflicts.
 */
export async function issueCoupon(db: Database, request: IssueRequest): Promise<{ coupon: CouponRecord; created: boolean }> {
  const { template, openid, source, sourceKey, now } = request;
  const couponId = sourceKey ? couponIdFor(template.templateId, openid, sourceKey) : `CP${randomUUID().replace(/-/g, '').slice(0, 22).toUpperCase()}`;
  if (sourceKey) {
    const existing = await findCoupon(db, couponId);
    if (existing) return { coupon: existing, created: false };
  }
  const undo: Array<() => Promise<void>> = [];
  try {
    if (template.perMemberLimit !== undefined) {
      if (!(await takeMemberSlot(db, template.templateId, openid, template.perMemberLimit))) throw new DomainError('LIMIT_REACHED', '已达领取上限');
      undo.push(() => giveBackMemberSlot(db, template.templateId, openid));
    }
    if (!(await takeStock(db, template))) throw new DomainError('SOLD_OUT', '券已抢光');
    undo.push(() => giveBackStock(db, template.templateId));
    const { validFrom, validTo } = validityFor(template, now);
    const coupon: CouponRecord = {
      _id: couponId,
      couponId,
      templateId: template.templateId,
      openid,
      name: template.name,
      source,
      sourceKey: sourceKey ?? couponId,
      status: 'unused',
      validFrom,
      validTo,
      issuedAt: now,
      lockedBy: null,
      usedBy: null,
      usedAt: null,
      terms: definedOnly({ kind: template.kind, valueFen: template.valueFen, thresholdFen: template.thresholdFen, payPercent: template.payPercent, maxDiscountFen: template.maxDiscountFen, giftSkuId: template.giftSkuId, scope: template.scope }),
    };
    if (request.alsoInTransaction) {
      const extra = request.alsoInTransaction;
      await withTransaction(db, async (tx: Transaction) => {
        await extra(tx, couponId);
        await tx.collection(COLLECTIONS.coupons).add({ data: coupon });
      });
    } else {
      await db.collection(COLLECTIONS.coupons).add({ data: coupon });
    }
    return { coupon, created: true };
  } catch (err) {
    for (const step of undo.reverse()) await step();
    // The same key issued concurrently: the other request's coupon is the one.
    if (sourceKey && isDuplicateKey(err)) {
      const existing = await findCoupon(db, couponId);
      if (existing) return { coupon: existing, created: false };
    }
    throw err;
  }
}

/** The database keeps no `undefined`: leave absent terms absent. */
function definedOnly<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
