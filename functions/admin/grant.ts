import { randomUUID } from 'node:crypto';
import type { AdminResponses } from '@contract/admin';
import { grantDays } from '@core/membership';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import { addLedgerEntry, existsInTx, memberInTx } from '@lib/data/ledger';
import { loadOrCreateMember } from '@lib/data/members';
import { withTransaction, type Transaction } from '@lib/platform/transaction';
import { issueCoupon, type CouponTemplateRecord } from '@lib/workflows/couponIssue';
import { audit } from './audit';

export interface GrantRequest {
  openid: string;
  kind: 'points' | 'coupon' | 'paid' | 'trial';
  points?: number;
  reason?: string;
  templateId?: string;
  grantId?: string;
  plan?: 'lite' | 'premium';
  days?: number;
}

/** 运营发放: points, a coupon, a paid or trial card, creating the member if needed; audited. */
export async function grant(ctx: CallContext, request: GrantRequest): Promise<AdminResponses['grant']> {
  const result = await grantOnce(ctx, request);
  const { openid, ...given } = result;
  await audit(ctx.db, ctx, { action: 'grant', entity: 'member', id: openid, before: null, after: { ...request, ...given } });
  return result;
}

async function grantOnce(ctx: CallContext, { openid, kind, points = 0, reason = '', templateId, grantId, plan, days }: GrantRequest): Promise<AdminResponses['grant']> {
  await loadOrCreateMember({ db: ctx.db, openid, now: ctx.now });
  if (kind === 'paid' || kind === 'trial') {
    // A trial or operator-granted card: from now, or from the current end; no fee, so no guarantee.
    const termId = `grant-${grantId ?? randomUUID()}`;
    const card = await withTransaction(ctx.db, async (tx: Transaction) => {
      const member = await memberInTx(tx, openid);
      if (member.paid?.terms?.some((t) => t.termId === termId)) return member.paid;
      const next = grantDays(member.paid, plan!, days!, termId, ctx.now, kind === 'trial');
      await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { paid: next } });
      return next;
    });
    return { openid, paidExpiresAt: card.expiresAt.toISOString() };
  }
  if (kind === 'coupon') {
    const [template] = rowsOf<CouponTemplateRecord>(await ctx.db.collection(COLLECTIONS.couponTemplates).where({ _id: templateId }).field({ marks: false }).limit(1).get());
    if (!template) throw new DomainError('NOT_FOUND', '券模板不存在');
    const { coupon } = await issueCoupon(ctx.db, { template, openid, source: 'grant', sourceKey: grantId ? `grant:${grantId}` : null, now: ctx.now });
    return { openid, couponId: coupon.couponId };
  }
  const key = `points:grant:${grantId ?? randomUUID()}`;
  const balance = await withTransaction(ctx.db, async (tx: Transaction) => {
    const member = await memberInTx(tx, openid);
    // A repeated grant (same grantId) finds its ledger entry and changes nothing.
    if (await existsInTx(tx, COLLECTIONS.ledger, key)) return member.points;
    const next = Math.max(0, member.points + points);
    await tx.collection(COLLECTIONS.members).doc(openid).update({ data: { points: next } });
    await addLedgerEntry(tx, { key, openid, kind: 'points', delta: next - member.points, balance: next, reason: `运营发放：${reason}`, ref: ctx.openid, at: ctx.now });
    return next;
  });
  return { openid, points: balance };
}
