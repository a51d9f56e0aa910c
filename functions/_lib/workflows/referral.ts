import { couponSummary } from '@core/coupon';
import { DEFAULT_REFERRAL_TEMPLATES, referralKeys } from '@core/referral';
import { COLLECTIONS, docOf, rowsOf } from '../platform/collections';
import type { Database } from '../platform/handler';
import type { Transaction } from '../platform/transaction';
import { withTransaction } from '../platform/transaction';
import { SETTINGS } from '../data/settings';
import { loadTemplates } from '../data/liveData';
import { ensureSystemTemplate } from '../data/systemTemplates';
import type { OrderRecord } from '../data/orders';
import { couponIdFor, issueCoupon, type CouponTemplateRecord } from './couponIssue';
import { REVOKE_REASONS, revokeUnusedInTx } from './rewards';

/** What an invitee's first paid order owes, recorded on the order in the payment's transaction. */
export interface ReferralOwed {
  inviter: string;
  inviterTemplateId: string;
  inviteeTemplateId: string;
}

/** The templates in force (the operators' `referralRule`, or the defaults), read inside the payment's transaction. */
export async function referralOwedInTx(tx: Transaction, inviter: string): Promise<ReferralOwed> {
  let rule: { inviterTemplateId?: string; inviteeTemplateId?: string } = {};
  try {
    rule = docOf<typeof rule>(await tx.collection(COLLECTIONS.settings).doc(SETTINGS.referralRule).get());
  } catch {
    // No rule set: the defaults.
  }
  return {
    inviter,
    inviterTemplateId: rule.inviterTemplateId ?? DEFAULT_REFERRAL_TEMPLATES.inviter.templateId,
    inviteeTemplateId: rule.inviteeTemplateId ?? DEFAULT_REFERRAL_TEMPLATES.invitee.templateId,
  };
}

const DEFAULTS: Record<string, CouponTemplateRecord> = Object.fromEntries(
  Object.values(DEFAULT_REFERRAL_TEMPLATES).map((t) => [t.templateId, { _id: t.templateId, ...t }]),
);

/** What an invitation pays now (the operators' rule, or the defaults), as each coupon reads on its face. */
export async function referralOffer(db: Database): Promise<{ inviter: string; invitee: string }> {
  const [rule] = rowsOf<{ inviterTemplateId?: string; inviteeTemplateId?: string }>(await db.collection(COLLECTIONS.settings).where({ _id: SETTINGS.referralRule }).limit(1).get());
  const ids = { inviter: rule?.inviterTemplateId ?? DEFAULT_REFERRAL_TEMPLATES.inviter.templateId, invitee: rule?.inviteeTemplateId ?? DEFAULT_REFERRAL_TEMPLATES.invitee.templateId };
  const templates = rule ? await loadTemplates(db, [ids.inviter, ids.invitee]) : new Map<string, CouponTemplateRecord>();
  const face = (templateId: string) => {
    const t = templates.get(templateId) ?? DEFAULTS[templateId];
    return t ? couponSummary(t) : '';
  };
  return { inviter: face(ids.inviter), invitee: face(ids.invitee) };
}

/**
 * Pays an invitation: the inviter's reward and the invitee's gift, each under a key of its own, so
 * however many payment callbacks arrive at once each coupon exists once. The due mark on the invitee
 * (`referralDue`, set with the payment) is cleared after; a crash in between is finished by the next
 * delivery of the callback. A refund that committed meanwhile is caught by reading the order again.
 */
export async function grantDueReferral(db: Database, order: Pick<OrderRecord, '_id' | 'openid'> & { referral?: ReferralOwed | null }, now: Date): Promise<string[]> {
  const owed = order.referral;
  if (!owed) return [];
  const [member] = rowsOf<{ referralDue?: string }>(await db.collection(COLLECTIONS.members).where({ _id: order.openid }).limit(1).get());
  if (member?.referralDue !== order._id) return [];
  const templates = await loadTemplates(db, [owed.inviterTemplateId, owed.inviteeTemplateId]);
  const template = async (templateId: string) => {
    const found = templates.get(templateId);
    if (found || !DEFAULTS[templateId]) return found;
    await ensureSystemTemplate(db, DEFAULTS[templateId]);
    return DEFAULTS[templateId];
  };
  const keys = referralKeys(order.openid);
  const issued: string[] = [];
  for (const [openid, templateId, key] of [
    [owed.inviter, owed.inviterTemplateId, keys.inviter],
    [order.openid, owed.inviteeTemplateId, keys.invitee],
  ] as const) {
    const t = await template(templateId);
    if (!t || t.active === false) continue;
    try {
      issued.push((await issueCoupon(db, { template: t, openid, source: 'referral', sourceKey: key, now })).coupon.couponId);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code !== 'SOLD_OUT' && code !== 'LIMIT_REACHED') throw err;
    }
  }
  await db.collection(COLLECTIONS.members).where({ _id: order.openid, referralDue: order._id }).update({ data: { referralDue: db.command.remove() } });
  const [current] = rowsOf<{ status: string }>(await db.collection(COLLECTIONS.orders).where({ _id: order._id }).limit(1).get());
  if (current?.status === 'refunded') await withTransaction(db, (tx: Transaction) => revokeReferralInTx(tx, order.openid, owed, now));
  return issued;
}

/** Takes back the invitation's coupons that are still unused (a refund of the first paid order). */
export async function revokeReferralInTx(tx: Transaction, invitee: string, owed: ReferralOwed, now: Date): Promise<string[]> {
  const keys = referralKeys(invitee);
  const revoked: string[] = [];
  for (const couponId of [couponIdFor(owed.inviterTemplateId, owed.inviter, keys.inviter), couponIdFor(owed.inviteeTemplateId, invitee, keys.invitee)]) {
    if (await revokeUnusedInTx(tx, couponId, REVOKE_REASONS.referral, now)) revoked.push(couponId);
  }
  return revoked;
}
