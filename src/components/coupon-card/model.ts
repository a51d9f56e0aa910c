import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { OfferView, WalletCouponView } from '@contract/coupon';
import type { CouponKind } from '@contract/vocabulary';
import { formatFen } from '@core/money';
import { couponValidUntil, formatShanghaiDateTime } from '@/utils/date';
import { appliesToText, type NameOf } from '@/utils/couponUse';

dayjs.extend(utc);

/**
 * What a coupon card shows, derived from the server's views only: the face value, the condition
 * under it, and the texts on the right. No coupon rule is evaluated on the client.
 */
export interface CouponFace {
  /** "¥" before the amount (cash, threshold), absent for 折 and 赠品. */
  prefix: string | null;
  /** "15.00", "7.5", "赠品". */
  amount: string;
  /** "折" for discount coupons. */
  suffix: string | null;
  /** Under the value: "满¥99.00可用", "无门槛", "最高减¥20.00". */
  condition: string;
}

/** unused = ready to use; locked = held by an unpaid order (待支付订单占用); used / expired are greyed. */
export type CouponCardState = 'unused' | 'locked' | 'used' | 'expired';

export interface CouponCardView {
  id: string;
  face: CouponFace;
  name: string;
  summary: string;
  /** "有效期至 2026-12-02" or the offer's "领取后 7 天内有效". */
  validity: string;
  /** What it applies to: "适用：当季鲜果", "赠品：鲜牛奶 950ml", "全场通用"; null when the server did not say. */
  scope: string | null;
  /** The source badge (直播专享, 积分兑换…); null when the card has none. */
  badge: string | null;
  state: CouponCardState;
  /** Why an 已失效 coupon was taken back (its order was refunded …); absent when it simply expired. */
  invalidReason?: string | null;
}

export { formatShanghaiDateTime };

/** The one way a coupon's end is written (utils/date couponValidUntil): the last day it works, inclusive. */
export function validUntilText(validTo: string): string {
  return couponValidUntil(validTo);
}

/** 75 (what is paid, in percent) → "7.5". */
function rateText(payPercent: number): string {
  return String(payPercent / 10);
}

function splitMoney(amountFen: number): { prefix: string; amount: string } {
  const text = formatFen(amountFen); // "¥15.00": the symbol is drawn smaller than the amount
  return text.startsWith('¥') ? { prefix: '¥', amount: text.slice(1) } : { prefix: '', amount: text };
}

export function walletFace(c: Pick<WalletCouponView, 'kind' | 'valueFen' | 'thresholdFen' | 'discountRate' | 'maxDiscountFen'>): CouponFace {
  const threshold = c.thresholdFen ? `满${formatFen(c.thresholdFen)}可用` : null;
  switch (c.kind) {
    case 'cash':
    case 'threshold':
      return { ...splitMoney(c.valueFen ?? 0), suffix: null, condition: threshold ?? '无门槛' };
    case 'discount':
      return {
        prefix: null,
        amount: rateText(c.discountRate ?? 100),
        suffix: '折',
        condition: threshold ?? (c.maxDiscountFen !== null ? `最高减${formatFen(c.maxDiscountFen)}` : '无门槛'),
      };
    case 'gift':
    default:
      return { prefix: null, amount: '赠品', suffix: null, condition: '到店领取' };
  }
}

export function walletCardView(c: WalletCouponView, nameOf?: NameOf): CouponCardView {
  return { id: c.couponId, face: walletFace(c), name: c.name, summary: c.summary, validity: validUntilText(c.validTo), scope: appliesToText(c.appliesTo, nameOf), badge: c.sourceName, state: c.status, invalidReason: c.invalidReason };
}

/**
 * An offer (claim centre, points mall) carries its face only as the server's summary text
 * ("满¥99.00减¥15.00", "无门槛减¥5.00", "满¥50.007.5折 最高减¥20.00", "赠品券"), so the big value
 * is read back from it. The summary itself is always shown too, so a text this misses stays legible.
 */
export function offerFace(kind: CouponKind, summary: string): CouponFace {
  const threshold = summary.match(/^满(¥\d+\.\d{2})/);
  const condition = threshold ? `满${threshold[1]}可用` : null;
  if (kind === 'cash' || kind === 'threshold') {
    const off = summary.match(/减¥(\d+\.\d{2})/);
    if (off) return { prefix: '¥', amount: off[1], suffix: null, condition: condition ?? '无门槛' };
  }
  if (kind === 'discount') {
    const rate = summary.match(/(\d(?:\.\d)?)折/);
    const cap = summary.match(/最高减(¥\d+\.\d{2})/);
    if (rate) return { prefix: null, amount: rate[1], suffix: '折', condition: condition ?? (cap ? `最高减${cap[1]}` : '无门槛') };
  }
  if (kind === 'gift') return { prefix: null, amount: '赠品', suffix: null, condition: '到店领取' };
  return { prefix: null, amount: '券', suffix: null, condition: summary };
}

export function offerCardView(o: OfferView, nameOf?: NameOf): CouponCardView {
  return { id: o.templateId, face: offerFace(o.kind, o.summary), name: o.name, summary: o.summary, validity: o.validityText, scope: appliesToText(o.appliesTo, nameOf), badge: null, state: 'unused' };
}

/** "剩余 12 张" or "不限量". */
export function stockText(remaining: number | null): string {
  return remaining === null ? '不限量' : `剩余 ${remaining} 张`;
}
