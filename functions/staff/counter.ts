import type { CounterGift, GiftHandover, InStoreCredit, InStoreRefund, MemberAtCounter } from '@contract/staff';
import { maskName } from '@core/memberCode';
import { formatFen } from '@core/money';
import type { Member } from '@core/member';
import { withExpirySettled } from '@core/tierExpiry';
import { COLLECTIONS, rowsOf, updatedOf } from '@lib/platform/collections';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import type { StaffRecord } from '@lib/data/roles';
import type { CounterUse, ReceiptRecord } from '@lib/data/inStore';
import type { CouponRecord } from '@lib/workflows/couponIssue';
import { creditReceiptOnce, refundReceiptOnce } from '@lib/workflows/inStoreCredit';
import { resolveMemberCode } from './memberCode';

type CounterMember = Pick<Member, 'openid' | 'tier' | 'growth' | 'tierExpiresAt' | 'nickName' | 'phoneTail'>;
type GiftCoupon = CouponRecord & { usedInStore?: CounterUse };

async function memberOf(ctx: CallContext, openid: string): Promise<CounterMember> {
  const [member] = rowsOf<CounterMember>(await ctx.db.collection(COLLECTIONS.members).where({ _id: openid }).limit(1).get());
  if (!member) throw new DomainError('NOT_FOUND', '会员不存在');
  return member;
}

/** A gift coupon the member could take now: unused, in its validity, with a product to hand over. */
const usableGift = (c: CouponRecord, now: Date) => c.status === 'unused' && c.terms.kind === 'gift' && !!c.terms.giftSkuId && c.validFrom.getTime() <= now.getTime() && now.getTime() < c.validTo.getTime();

/** The names of these products, and which of them this store carries (has a shelf record for). */
async function productsHere(ctx: CallContext, storeId: string, skuIds: string[]): Promise<{ names: Map<string, string>; carried: Set<string> }> {
  const _ = ctx.db.command;
  const unique = [...new Set(skuIds)];
  const [products, shelf] = await Promise.all([
    ctx.db.collection(COLLECTIONS.products).where({ _id: _.in(unique) }).limit(unique.length).field({ _id: true, name: true }).get(),
    ctx.db.collection(COLLECTIONS.stock).where({ _id: _.in(unique.map((sku) => `${storeId}:${sku}`)) }).limit(unique.length).field({ _id: true, skuId: true }).get(),
  ]);
  return {
    names: new Map(rowsOf<{ _id: string; name: string }>(products).map((p) => [p._id, p.name])),
    carried: new Set(rowsOf<{ skuId: string }>(shelf).map((s) => s.skuId)),
  };
}

/** Who showed the code (masked name, phone tail, tier as of now) and the gift coupons they may take at this store now. */
export async function memberAtCounter(staff: StaffRecord, memberCode: string, ctx: CallContext): Promise<MemberAtCounter> {
  const openid = await resolveMemberCode(ctx, memberCode);
  const _ = ctx.db.command;
  const [member, coupons] = await Promise.all([
    memberOf(ctx, openid),
    ctx.db.collection(COLLECTIONS.coupons).where({ openid, status: 'unused', 'terms.kind': 'gift', validTo: _.gt(ctx.now) }).orderBy('validTo', 'asc').limit(50).get(),
  ]);
  const gifts = rowsOf<CouponRecord>(coupons).filter((c) => usableGift(c, ctx.now));
  const here = gifts.length ? await productsHere(ctx, staff.storeId, gifts.map((g) => g.terms.giftSkuId!)) : { names: new Map<string, string>(), carried: new Set<string>() };
  return {
    memberName: maskName(member.nickName),
    phoneTail: member.phoneTail ?? null,
    tier: withExpirySettled(member, ctx.now).member.tier,
    gifts: gifts
      .filter((g) => here.carried.has(g.terms.giftSkuId!))
      .map((g): CounterGift => ({ couponId: g.couponId, name: g.name, skuId: g.terms.giftSkuId!, productName: here.names.get(g.terms.giftSkuId!) ?? g.name, validTo: g.validTo.toISOString() })),
  };
}

function creditView(receipt: ReceiptRecord): InStoreCredit {
  return {
    receiptNo: receipt.receiptNo,
    amountFen: receipt.amountFen,
    memberName: receipt.memberName,
    growthEarned: receipt.growthEarned,
    pointsEarned: receipt.pointsEarned,
    growth: receipt.after.growth,
    points: receipt.after.points,
    tier: receipt.after.tier,
    creditedAt: receipt.creditedAt.toISOString(),
  };
}

const clerkOf = (staff: StaffRecord) => ({ openid: staff.openid, storeId: staff.storeId, name: staff.name });

/**
 * Credits a till receipt to the member who showed the code, once per (store, receipt). The same
 * receipt again for the same member and amount answers the first credit (a double scan, a retry); for
 * another member or another amount it is NOT_ELIGIBLE, naming what differs, and nothing changes.
 */
export async function creditInStore(staff: StaffRecord, input: { memberCode: string; receiptNo: string; amountFen: number }, ctx: CallContext): Promise<InStoreCredit> {
  const openid = await resolveMemberCode(ctx, input.memberCode);
  const { receipt } = await creditReceiptOnce(ctx.db, { clerk: clerkOf(staff), openid, receiptNo: input.receiptNo, amountFen: input.amountFen, now: ctx.now });
  if (receipt.refundedAt) throw new DomainError('NOT_ELIGIBLE', `小票 ${receipt.receiptNo} 已退款，不能再积分`);
  if (receipt.openid !== openid) throw new DomainError('NOT_ELIGIBLE', `小票 ${receipt.receiptNo} 已为另一位会员积分，不能重复积分`);
  if (receipt.amountFen !== input.amountFen) throw new DomainError('NOT_ELIGIBLE', `小票 ${receipt.receiptNo} 已按 ${formatFen(receipt.amountFen)} 积分，金额不一致，请核对小票`);
  return creditView(receipt);
}

/** Reverses a receipt of this store (refunded at the till), once; a repeat answers the recorded refund. */
export async function refundInStore(staff: StaffRecord, receiptNo: string, ctx: CallContext): Promise<InStoreRefund> {
  const { receipt } = await refundReceiptOnce(ctx.db, { clerk: clerkOf(staff), receiptNo, now: ctx.now });
  const refund = receipt.refund!;
  return {
    receiptNo: receipt.receiptNo,
    growthReversed: refund.growthReversed,
    pointsReversed: refund.pointsReversed,
    growth: refund.after.growth,
    points: refund.after.points,
    tier: refund.after.tier,
    refundedAt: receipt.refundedAt!.toISOString(),
  };
}

function alreadyHandedOver(use: CounterUse | undefined): DomainError {
  const by = use?.staffName ?? null;
  return new DomainError('ALREADY_REDEEMED', '该赠品券已领取', { redeemedAt: use?.at ? new Date(use.at).toISOString() : null, redeemedBy: by });
}

/**
 * Hands over a gift coupon's product at the counter: one guarded update turns the member's unused
 * coupon into used and carries its record (store, clerk, time, product) in the same write, so of two
 * concurrent taps exactly one wins and the other is ALREADY_REDEEMED. The store must carry the product.
 */
export async function redeemGift(staff: StaffRecord, input: { memberCode: string; couponId: string }, ctx: CallContext): Promise<GiftHandover> {
  const { db, now, openid: clerk } = ctx;
  const owner = await resolveMemberCode(ctx, input.memberCode);
  const [coupon] = rowsOf<GiftCoupon>(await db.collection(COLLECTIONS.coupons).where({ _id: input.couponId }).limit(1).get());
  if (!coupon || coupon.openid !== owner || coupon.terms.kind !== 'gift' || !coupon.terms.giftSkuId) throw new DomainError('NOT_FOUND', '该会员没有这张赠品券');
  if (coupon.status === 'used') throw coupon.usedInStore ? alreadyHandedOver(coupon.usedInStore) : new DomainError('NOT_ELIGIBLE', '该赠品券已在线上订单中使用');
  if (!usableGift(coupon, now)) throw new DomainError('NOT_ELIGIBLE', coupon.status === 'locked' ? '该赠品券正被一笔待支付订单占用' : '该赠品券已失效或不在有效期内');
  const skuId = coupon.terms.giftSkuId;
  const [here, member] = await Promise.all([productsHere(ctx, staff.storeId, [skuId]), memberOf(ctx, owner)]);
  if (!here.carried.has(skuId)) throw new DomainError('NOT_ELIGIBLE', '本店暂无该赠品，请到其他门店领取');
  const use: CounterUse = { storeId: staff.storeId, staffOpenid: clerk, staffName: staff.name ?? null, at: now, skuId, productName: here.names.get(skuId) ?? coupon.name, memberName: maskName(member.nickName) };
  const res = await db
    .collection(COLLECTIONS.coupons)
    .where({ _id: coupon._id, openid: owner, status: 'unused' })
    .update({ data: { status: 'used', usedBy: null, usedAt: now, usedInStore: use } });
  if (updatedOf(res) !== 1) {
    const [current] = rowsOf<GiftCoupon>(await db.collection(COLLECTIONS.coupons).where({ _id: coupon._id }).limit(1).get());
    if (current?.status === 'used' && current.usedInStore) throw alreadyHandedOver(current.usedInStore);
    throw new DomainError('NOT_ELIGIBLE', '该赠品券已不可用，请刷新');
  }
  return { couponId: coupon.couponId, skuId, productName: use.productName, at: now.toISOString() };
}
