import { membershipContract, type PlanView } from '@contract/membership';
import type { CreatedOrder } from '@contract/order';
import type { PaidPlan } from '@core/member';
import { activeCard, currentTerm, monthKey, quotePurchase, weekKey } from '@core/membership';
import { grantTemplates, loadPlans, type PlanConfig } from '@lib/workflows/benefits';
import { COLLECTIONS, rowsOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import { membershipOrderId, type MembershipOrderRecord } from '@lib/data/membershipOrders';
import { defineFunction, type CallContext } from '@lib/platform/handler';
import { loadOrCreateMember } from '@lib/data/members';
import { PAYMENT_WINDOW_MS } from '@lib/data/orders';
import { requestPayment } from '@lib/platform/payment';
import { walletView } from '@lib/data/couponViews';


const BENEFITS: Record<PaidPlan, string[]> = {
  lite: ['全场95折，周五85折（折上折）', '心享专属价', '每月券包', '积分双倍'],
  premium: ['全场95折，周五85折（折上折）', '心享专属价', '每月券包 + 每周惊喜礼', '生日75折券', '积分双倍', '优先客服'],
};


/** A card purchase answered like `order.create`. */
function purchaseAnswer(record: MembershipOrderRecord, payment: CreatedOrder['payment']): CreatedOrder {
  const status = record.status === 'refunding' ? 'refunded' : record.status;
  return { orderId: record.orderId, status, payableFen: record.priceFen, outTradeNo: record.orderId, payment, expiresAt: record.expiresAt.toISOString() };
}

async function claimPack(ctx: CallContext, pick: (plan: PlanConfig) => string[], source: 'monthly' | 'weekly', key: string, already: string) {
  const member = await loadOrCreateMember(ctx);
  const card = activeCard(member.paid, ctx.now);
  if (!card) throw new DomainError('NOT_ELIGIBLE', '开通心享会员后可领取');
  const plans = await loadPlans(ctx.db);
  const templates = pick(plans[card.plan]);
  if (!templates.length) throw new DomainError('NOT_ELIGIBLE', '本期暂无可领取的券');
  const { created, existing } = await grantTemplates(ctx.db, templates, ctx.openid, source, key, ctx.now, { perk: 'paidCard' });
  if (!created.length && existing.length) throw new DomainError('LIMIT_REACHED', already);
  if (!created.length) throw new DomainError('SOLD_OUT', '券已领完，请下期再来');
  return { coupons: created.map((c) => walletView(c, ctx.now)) };
}

export const main = defineFunction(membershipContract, {
  async plans(_request, ctx) {
    const [member, plans] = await Promise.all([loadOrCreateMember(ctx), loadPlans(ctx.db)]);
    const prices = { lite: plans.lite.priceFen, premium: plans.premium.priceFen };
    return (['lite', 'premium'] as const).map((plan): PlanView => {
      const check = quotePurchase(member.paid, plan, ctx.now, prices);
      return { plan, name: plans[plan].name, priceFen: plans[plan].priceFen, benefits: BENEFITS[plan], forMe: check.ok ? { kind: check.quote.kind, priceFen: check.quote.priceFen, creditFen: check.quote.creditFen } : { blocked: check.reason } };
    });
  },

  async status(_request, ctx) {
    const member = await loadOrCreateMember(ctx);
    const card = activeCard(member.paid, ctx.now);
    const term = card ? currentTerm(card, ctx.now) : undefined;
    const _ = ctx.db.command;
    const keys = [`monthly:${monthKey(ctx.now)}`, `weekly:${weekKey(ctx.now)}`];
    const claimed = rowsOf<{ sourceKey: string }>(await ctx.db.collection(COLLECTIONS.coupons).where({ openid: ctx.openid, sourceKey: _.in(keys) }).limit(100).get());
    return {
      card: card
        ? {
            plan: card.plan,
            expiresAt: card.expiresAt.toISOString(),
            term: term ? { startsAt: term.startsAt.toISOString(), endsAt: term.endsAt.toISOString(), feeFen: term.feeFen, savedFen: term.savedFen, trial: !!term.trial } : null,
          }
        : null,
      monthlyPackClaimed: claimed.some((c) => c.sourceKey === keys[0]),
      weeklyGiftClaimed: claimed.some((c) => c.sourceKey === keys[1]),
    };
  },

  /** Buying a card goes through the same cloud payment as orders; the callback activates it once. */
  async purchase({ plan, requestId }, ctx) {
    const orderId = membershipOrderId(ctx.openid, requestId);
    const [existing] = rowsOf<MembershipOrderRecord>(await ctx.db.collection(COLLECTIONS.membershipOrders).where({ _id: orderId }).limit(1).get());
    if (existing) return purchaseAnswer(existing, existing.payment);
    const _ = ctx.db.command;
    const pending = rowsOf<MembershipOrderRecord>(await ctx.db.collection(COLLECTIONS.membershipOrders).where({ openid: ctx.openid, status: 'pending_payment', expiresAt: _.gt(ctx.now) }).limit(1).get());
    // One purchase at a time: the same card again is the order already waiting (pay it); another is refused.
    if (pending.length) {
      const waiting = pending[0];
      if (waiting.plan !== plan) throw new DomainError('NOT_ELIGIBLE', '有一笔会员卡订单正在支付，请完成或 15 分钟后再试');
      return purchaseAnswer(waiting, waiting.payment);
    }
    const [member, plans] = await Promise.all([loadOrCreateMember(ctx), loadPlans(ctx.db)]);
    const check = quotePurchase(member.paid, plan, ctx.now, { lite: plans.lite.priceFen, premium: plans.premium.priceFen });
    if (!check.ok) throw new DomainError('NOT_ELIGIBLE', check.reason);
    const record: MembershipOrderRecord = {
      _id: orderId,
      orderId,
      openid: ctx.openid,
      requestId,
      plan,
      kind: check.quote.kind,
      priceFen: check.quote.priceFen,
      creditFen: check.quote.creditFen,
      status: 'pending_payment',
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + PAYMENT_WINDOW_MS),
      payment: null,
      paidAt: null,
    };
    await ctx.db.collection(COLLECTIONS.membershipOrders).add({ data: record });
    const payment = await requestPayment({ outTradeNo: orderId, totalFen: record.priceFen, body: `果粒鲜选心享${plans[plan].name}`, nonce: orderId.slice(-16) });
    await ctx.db.collection(COLLECTIONS.membershipOrders).doc(orderId).update({ data: { payment } });
    return purchaseAnswer(record, payment);
  },

  claimMonthlyPack: (_request, ctx) => claimPack(ctx, (p) => p.monthlyPack, 'monthly', `monthly:${monthKey(ctx.now)}`, '本月券包已领取，下月再来'),

  claimWeeklyGift: (_request, ctx) => claimPack(ctx, (p) => p.weeklyGift, 'weekly', `weekly:${weekKey(ctx.now)}`, '本周惊喜礼已领取'),
});
