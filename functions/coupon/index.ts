import { couponContract } from '@contract/coupon';
import { issuableAt, OFFER_BLOCK_TEXT, offerBlock } from '@core/couponTemplate';
import { buyerOf, type Member } from '@core/member';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import { issueCoupon, type CouponTemplateRecord } from '@lib/workflows/couponIssue';
import { DomainError } from '@lib/platform/errors';
import { defineFunction, type CallContext } from '@lib/platform/handler';
import { addLedgerEntry, memberInTx } from '@lib/data/ledger';
import { loadOrCreateMember } from '@lib/data/members';
import { fetchAll } from '@lib/platform/paging';
import type { Transaction } from '@lib/platform/transaction';
import { offerView, walletView } from '@lib/data/couponViews';
import { assertCanTake, readTaking } from './taking';
import { walletPage } from './wallet';

async function claimedCounts(ctx: CallContext, templateIds: string[]): Promise<Map<string, number>> {
  const _ = ctx.db.command;
  if (!templateIds.length) return new Map();
  const rows = rowsOf<{ templateId: string; count: number }>(
    await ctx.db.collection(COLLECTIONS.couponClaims).where({ _id: _.in(templateIds.map((t) => `${t}:${ctx.openid}`)) }).limit(1000).get(),
  );
  return new Map(rows.map((r) => [r.templateId, r.count]));
}

function blockedReason(template: CouponTemplateRecord, member: Member, claimed: number, now: Date): string | null {
  const block = offerBlock(template, buyerOf(member, now), claimed, now);
  return block ? OFFER_BLOCK_TEXT[block] : null;
}

/** Everything a member may be offered must also be checked again when they take it. */
async function offers(ctx: CallContext, where: Record<string, unknown>, filter: (t: CouponTemplateRecord) => boolean) {
  const member = await loadOrCreateMember(ctx);
  // Only the templates on offer are read (by index), never every template the shop ever made.
  const templates = (await fetchAll<CouponTemplateRecord>(ctx.db, COLLECTIONS.couponTemplates, where, { marks: false })).filter((t) => t.active !== false && filter(t));
  const claimed = await claimedCounts(ctx, templates.map((t) => t.templateId));
  return {
    member,
    offers: templates.filter((t) => issuableAt(t, ctx.now)).map((t) => offerView(t, claimed.get(t.templateId) ?? 0, blockedReason(t, member, claimed.get(t.templateId) ?? 0, ctx.now), ctx.now)),
  };
}

export const main = defineFunction(couponContract, {
  async wallet({ status, cursor }, ctx) {
    return walletPage(ctx, status, cursor);
  },

  async centre(_request, ctx) {
    return { offers: (await offers(ctx, { claimable: true }, (t) => !!t.claimable)).offers };
  },

  async mall(_request, ctx) {
    const result = await offers(ctx, { pointsCost: ctx.db.command.gte(0) }, (t) => t.pointsCost !== undefined);
    return { offers: result.offers, points: result.member.points };
  },

  async claim({ templateId }, ctx) {
    const taking = await readTaking(ctx, templateId);
    if (!taking.template.claimable) throw new DomainError('NOT_ELIGIBLE', '该券不能直接领取');
    assertCanTake(taking, ctx.now);
    const { coupon } = await issueCoupon(ctx.db, { template: taking.template, openid: ctx.openid, source: 'claim', sourceKey: null, now: ctx.now, claimsExist: taking.claims !== null });
    return walletView(coupon, ctx.now);
  },

  /** Points mall: the points are deducted in the same transaction that creates the coupon, once. */
  async exchange({ templateId }, ctx) {
    const taking = await readTaking(ctx, templateId);
    const { template, member } = taking;
    const cost = template.pointsCost;
    if (cost === undefined) throw new DomainError('NOT_ELIGIBLE', '该券不能用积分兑换');
    assertCanTake(taking, ctx.now);
    if (member.points < cost) throw new DomainError('NOT_ELIGIBLE', `积分不足，还差 ${cost - member.points} 积分`);
    let pointsLeft = member.points;
    const { coupon } = await issueCoupon(ctx.db, {
      template,
      openid: ctx.openid,
      source: 'points',
      sourceKey: null,
      now: ctx.now,
      claimsExist: taking.claims !== null,
      async alsoInTransaction(tx: Transaction, couponId: string) {
        const current = await memberInTx(tx, ctx.openid);
        if (current.points < cost) throw new DomainError('NOT_ELIGIBLE', `积分不足，还差 ${cost - current.points} 积分`);
        pointsLeft = current.points - cost;
        await tx.collection(COLLECTIONS.members).doc(ctx.openid).update({ data: { points: pointsLeft } });
        await addLedgerEntry(tx, { key: `points:exchange:${couponId}`, openid: ctx.openid, kind: 'points', delta: -cost, balance: pointsLeft, reason: `积分兑换：${template.name}`, ref: couponId, at: ctx.now });
      },
    });
    return { ...walletView(coupon, ctx.now), pointsLeft };
  },
});
