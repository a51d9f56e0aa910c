import type { OrderView, RefundView, TimelineStatus } from '@contract/order';
import { formatFen } from '@core/money';
import { formatCountdown, formatShanghaiDateTime } from '@/components/order-card/format';

/** The coloured banner at the top of the detail: where the order stands and what to do next. */
export interface BannerView {
  tone: 'waiting' | 'ready' | 'done' | 'closed';
  title: string;
  subtitle: string;
}

export function bannerView(order: OrderView, nowMs: number): BannerView {
  switch (order.status) {
    case 'pending_payment': {
      const remainingMs = order.expiresAt ? Date.parse(order.expiresAt) - nowMs : 0;
      return {
        tone: 'waiting',
        title: '待支付',
        subtitle: remainingMs > 0 ? `剩余 ${formatCountdown(remainingMs)}，超时订单将自动取消` : '支付已超时，订单即将自动取消',
      };
    }
    case 'paid':
      return {
        tone: 'ready',
        title: '待提货',
        subtitle: order.refundedFen > 0 ? `已退款 ${formatFen(order.refundedFen)}，其余商品请到店出示取货码提货` : '已支付，请到店出示取货码提货',
      };
    case 'picked_up': {
      const picked = order.pickedUpAt ? `已于 ${formatShanghaiDateTime(order.pickedUpAt)} 提货` : '已提货';
      return { tone: 'done', title: '已完成', subtitle: order.refundedFen > 0 ? `${picked}，已退款 ${formatFen(order.refundedFen)}` : picked };
    }
    case 'cancelled':
      return { tone: 'closed', title: '已取消', subtitle: order.cancelledAt ? `订单已于 ${formatShanghaiDateTime(order.cancelledAt)} 取消` : '订单已取消' };
    case 'refunded': {
      // Partial refunds add up to the payable exactly; an order refunded whole before them has no refunds listed.
      const back = formatFen(order.refundedFen > 0 ? order.refundedFen : order.payableFen);
      return {
        tone: 'closed',
        title: '已退款',
        subtitle: order.refundedAt ? `${back} 已于 ${formatShanghaiDateTime(order.refundedAt)} 原路退回` : `${back} 已原路退回`,
      };
    }
  }
}

export interface AmountRow {
  key: string;
  label: string;
  value: string;
  /** A discount reads in the accent colour with a minus sign. */
  discount: boolean;
}

/** 95 → "95折", 85 → "85折", 90 → "9折". */
function zheOf(percent: number): string {
  return `${percent % 10 === 0 ? percent / 10 : percent}折`;
}

/**
 * The price breakdown as the server computed it (nothing recalculated here): goods at each line's own
 * price, then every order-level discount. The rows always sum to the payable amount.
 */
export function amountRows(order: OrderView): AmountRow[] {
  const rows: AmountRow[] = [{ key: 'subtotal', label: '商品金额', value: formatFen(order.subtotalFen), discount: false }];
  if (order.paidMemberDiscountFen > 0) {
    const zhe = order.paidMemberPercent !== null ? `（${zheOf(order.paidMemberPercent)}）` : '';
    rows.push({ key: 'paid-member', label: `心享会员折扣${zhe}`, value: formatFen(-order.paidMemberDiscountFen), discount: true });
  }
  if (order.couponDiscountFen > 0) rows.push({ key: 'coupon', label: '优惠券', value: formatFen(-order.couponDiscountFen), discount: true });
  if (order.pointsDiscountFen > 0) rows.push({ key: 'points', label: `积分抵扣（${order.pointsUsed} 积分）`, value: formatFen(-order.pointsDiscountFen), discount: true });
  return rows;
}

/** What member prices saved against list prices, shown beside the goods amount; null when nothing. */
export function priceSavingText(order: OrderView): string | null {
  const saved = order.listTotalFen - order.subtotalFen;
  return saved > 0 ? `会员/专享价已省 ${formatFen(saved)}` : null;
}

/** "获得 36 果粒值 · 36 积分" once the order has been paid and not refunded. */
export function earnedText(order: OrderView): string | null {
  if (order.status !== 'paid' && order.status !== 'picked_up') return null;
  if (order.growthEarned <= 0 && order.pointsEarned <= 0) return null;
  return `获得 ${order.growthEarned} 果粒值 · ${order.pointsEarned} 积分`;
}

const TIMELINE_TITLES: Record<TimelineStatus, string> = {
  placed: '下单',
  paid: '支付',
  picked_up: '提货',
  partially_refunded: '部分退款',
  refunded: '已退款',
  cancelled: '已取消',
};

export interface TimelineRow {
  key: string;
  status: TimelineStatus;
  title: string;
  /** The refund's amount ("¥12.34"), on refund steps. */
  amount: string | null;
  time: string;
}

/** 订单进度: what happened to the order, oldest first, each at its Shanghai time. */
export function timelineRows(order: Pick<OrderView, 'timeline'>): TimelineRow[] {
  return order.timeline.map((step, i) => ({
    key: `${step.status}-${i}`,
    status: step.status,
    title: TIMELINE_TITLES[step.status],
    amount: step.refundFen !== undefined ? formatFen(step.refundFen) : null,
    time: formatShanghaiDateTime(step.at),
  }));
}

export interface RefundRowView {
  key: string;
  amount: string;
  time: string;
  /** "丹东99草莓 ×1、鲜牛奶 ×2". */
  goods: string;
}

/** 退款记录: each refund, oldest first. */
export function refundRows(refunds: readonly RefundView[]): RefundRowView[] {
  return refunds.map((r) => ({
    key: r.refundId,
    amount: formatFen(r.refundFen),
    time: formatShanghaiDateTime(r.at),
    goods: r.lines.map((l) => `${l.name} ×${l.qty}`).join('、'),
  }));
}

/** "已退 2 件" beside the first line of each SKU that has refunded units (a SKU may span two priced lines). */
export function refundedNotes(order: Pick<OrderView, 'lines' | 'refundedQty'>): Array<string | null> {
  const noted = new Set<string>();
  return order.lines.map((line) => {
    const qty = order.refundedQty[line.skuId] ?? 0;
    if (qty <= 0 || noted.has(line.skuId)) return null;
    noted.add(line.skuId);
    return `已退 ${qty} 件`;
  });
}

/** Refund reasons offered (三无退货 after pickup: any reason will do, none is questioned). */
export const REFUND_REASONS = ['品质问题', '不新鲜', '少件/漏件', '与描述不符', '不想要了'] as const;
