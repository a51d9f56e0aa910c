import type { QuoteLineView, QuoteView } from '@contract/order';
import { buildQuote, isPaidMemberFriday, maxPointsFor, POINTS_PER_YUAN, quoteTotals, type Quote } from '@core/checkout';
import { chooseBestCoupon, couponSummary } from '@core/coupon';
import type { Buyer } from '@core/catalog';
import { buyerOf, type Member } from '@core/member';
import { membershipSavedFen } from '@core/membership';
import { activePriceLists, type PriceList } from '@core/priceList';
import { priceLine, type UsageLookup } from '@core/pricing';
import { asWalletCoupon, loadMemberWithCoupons } from '@lib/workflows/couponUse';
import type { CouponRecord } from '@lib/workflows/couponIssue';
import { appliesToOf } from '@lib/data/couponViews';
import { loadPriceLists, loadProducts, loadStore, loadUsage, type ProductRecord, type StoreRecord } from '@lib/data/catalogData';
import { DomainError } from '@lib/platform/errors';
import type { CallContext } from '@lib/platform/handler';
import type { PriceListTake } from '@lib/data/orders';

export interface PricingRequest {
  storeId: string;
  items: Array<{ skuId: string; qty: number }>;
  points?: number;
  couponId?: string;
}

export interface PricedOrder {
  member: Member;
  store: StoreRecord;
  products: Map<string, ProductRecord>;
  quote: Quote;
  view: QuoteView;
  membershipSavingsFen: number;
  /** The template of the coupon applied, for the dashboard's redemption by template. */
  couponTemplateId: string | null;
  couponCampaignId: string | null;
  /** Price-list units the order uses, with the limits to hold at creation. */
  takes: Array<PriceListTake & { totalQty?: number; perMemberQty?: number }>;
}

/** Prices an order on the server from the member's record, never from anything the client sent but ids and quantities. */
export async function priceOrder(ctx: CallContext, request: PricingRequest): Promise<PricedOrder> {
  const { db, now, openid } = ctx;
  const skuIds = request.items.map((i) => i.skuId);
  const [{ member, wallet }, store, products, lists] = await Promise.all([loadMemberWithCoupons(ctx), loadStore(db, request.storeId), loadProducts(db, skuIds), loadPriceLists(db)]);
  const missing = skuIds.find((id) => !products.has(id));
  if (missing) throw new DomainError('NOT_FOUND', '商品不存在或已下架', { skuId: missing });
  const buyer = buyerOf(member, now);
  const active = activePriceLists(lists, buyer, now);
  const usage = await loadUsage(db, active, openid);
  const segments = request.items.flatMap((item) => priceLine(products.get(item.skuId)!, item.qty, buyer, active, usage));
  const base = { segments, products, paidMember: buyer.paid, now, pointsRequested: request.points ?? 0, pointsBalance: member.points };
  // Coupons see the lines after the paid member's discount; points come after the coupon.
  const beforeCoupon = buildQuote(base);
  const couponLines = beforeCoupon.lines.map((l) => ({ ...l, category: products.get(l.skuId)!.category }));
  const { best, choices } = chooseBestCoupon(wallet.map(asWalletCoupon), couponLines, now);
  let couponDiscountFen = 0;
  if (request.couponId) {
    const chosen = choices.find((c) => c.couponId === request.couponId);
    if (!chosen) throw new DomainError('NOT_ELIGIBLE', '优惠券不可用（已使用、已过期或不属于你）');
    if (!chosen.check.applies) throw new DomainError('NOT_ELIGIBLE', `优惠券不可用：${chosen.check.reason}`);
    couponDiscountFen = chosen.check.discountFen;
  }
  const quote = buildQuote({ ...base, couponDiscountFen });
  const membershipSavingsFen = buyer.paid ? membershipSavings(quote, request, wallet, { products, lists, buyer, usage, now }) : 0;

  const takes: PricedOrder['takes'] = [];
  for (const line of quote.lines) {
    if (!line.priceListId) continue;
    const item = active.find((l) => l.priceListId === line.priceListId)?.items.find((i) => i.skuId === line.skuId);
    if (!item || (item.totalQty === undefined && item.perMemberQty === undefined)) continue;
    takes.push({
      priceListId: line.priceListId,
      skuId: line.skuId,
      qty: line.qty,
      limitedTotal: item.totalQty !== undefined,
      limitedMember: item.perMemberQty !== undefined,
      ...(item.totalQty !== undefined ? { totalQty: item.totalQty } : {}),
      ...(item.perMemberQty !== undefined ? { perMemberQty: item.perMemberQty } : {}),
    });
  }

  const lines: QuoteLineView[] = quote.lines.map((l) => {
    const product = products.get(l.skuId)!;
    return {
      skuId: l.skuId,
      name: product.name,
      unit: product.unit,
      qty: l.qty,
      unitPriceFen: l.unitPriceFen,
      listPriceFen: l.listPriceFen,
      priceSource: l.priceSource,
      priceLabel: l.priceLabel,
      reason: l.reason,
      amountFen: l.amountFen,
      paidMemberDiscountFen: l.paidMemberDiscountFen,
    };
  });
  const dueBeforePoints = quote.subtotalFen - quote.paidMemberDiscountFen - quote.couponDiscountFen;
  const view: QuoteView = {
    lines,
    ...quoteTotals(quote),
    pointsAvailable: maxPointsFor(dueBeforePoints, member.points),
    pointsPerYuan: POINTS_PER_YUAN,
    paidMemberFriday: quote.paidMemberPercent !== null && isPaidMemberFriday(now),
    bestCouponId: best,
    couponId: request.couponId ?? null,
    coupons: wallet.map((c) => {
      const check = choices.find((x) => x.couponId === c.couponId)!.check;
      return {
        couponId: c.couponId,
        name: c.name,
        summary: couponSummary(c.terms),
        validTo: c.validTo.toISOString(),
        applies: check.applies,
        discountFen: check.applies ? check.discountFen : 0,
        reason: check.applies ? null : check.reason,
        appliesTo: appliesToOf(c.terms),
      };
    }),
  };
  const chosen = wallet.find((c) => c.couponId === request.couponId) as (CouponRecord & { campaignId?: string }) | undefined;
  const couponTemplateId = chosen?.templateId ?? null;
  // A campaign's coupon: the dashboard counts the orders it brought for the campaign.
  const couponCampaignId = chosen?.campaignId ?? null;
  return { member, store, products, quote, view, takes, membershipSavingsFen, couponTemplateId, couponCampaignId };
}

/**
 * What the paid membership saved on this order, for the 开卡保本 guarantee: the 心享 prices against
 * what the member would pay without the card, the paid member's discount, and a pack coupon used.
 */
function membershipSavings(quote: Quote, request: PricingRequest, wallet: CouponRecord[], input: { products: Map<string, ProductRecord>; lists: PriceList[]; buyer: Buyer; usage: UsageLookup; now: Date }): number {
  const withoutCard: Buyer = { ...input.buyer, paid: false };
  const listsWithoutCard = activePriceLists(input.lists, withoutCard, input.now);
  const subtotalWithout = request.items.flatMap((i) => priceLine(input.products.get(i.skuId)!, i.qty, withoutCard, listsWithoutCard, input.usage)).reduce((sum, l) => sum + l.amountFen, 0);
  const coupon = wallet.find((c) => c.couponId === request.couponId);
  return membershipSavedFen({ ...quote, subtotalWithoutCardFen: subtotalWithout, couponIsCardPerk: coupon?.perk === 'paidCard' });
}
