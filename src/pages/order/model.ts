import type { OrderView } from '@contract/order';
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
      return { tone: 'ready', title: '待提货', subtitle: '已支付，请到店出示取货码提货' };
    case 'picked_up':
      return {
        tone: 'done',
        title: '已完成',
        subtitle: order.pickedUpAt ? `已于 ${formatShanghaiDateTime(order.pickedUpAt)} 提货` : '已提货',
      };
    case 'cancelled':
      return { tone: 'closed', title: '已取消', subtitle: order.cancelledAt ? `订单已于 ${formatShanghaiDateTime(order.cancelledAt)} 取消` : '订单已取消' };
    case 'refunded':
      return {
        tone: 'closed',
        title: '已退款',
        subtitle: order.refundedAt ? `${formatFen(order.payableFen)} 已于 ${formatShanghaiDateTime(order.refundedAt)} 原路退回` : `${formatFen(order.payableFen)} 已原路退回`,
      };
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

export interface TimeRow {
  label: string;
  value: string;
}

export function timeRows(order: OrderView): TimeRow[] {
  const rows: TimeRow[] = [{ label: '下单时间', value: formatShanghaiDateTime(order.createdAt) }];
  if (order.paidAt) rows.push({ label: '支付时间', value: formatShanghaiDateTime(order.paidAt) });
  if (order.pickedUpAt) rows.push({ label: '提货时间', value: formatShanghaiDateTime(order.pickedUpAt) });
  if (order.cancelledAt) rows.push({ label: '取消时间', value: formatShanghaiDateTime(order.cancelledAt) });
  if (order.refundedAt) rows.push({ label: '退款时间', value: formatShanghaiDateTime(order.refundedAt) });
  return rows;
}

/** Refund reasons offered after pickup (三无退货: any reason will do, none is questioned). */
export const REFUND_REASONS = ['品质问题', '不新鲜', '少件/漏件', '与描述不符', '不想要了'] as const;
