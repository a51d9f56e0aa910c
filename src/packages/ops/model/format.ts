import { formatFen } from '@core/money';
import { SEGMENT_NAMES } from '@core/segment';
import { formatShanghaiDateTime } from '@/utils/date';
import { AUDIENCE_TYPE_NAMES, tierName, WEEKDAY_NAMES } from './labels';

/** Money as the console shows it: ¥12.50 (anything else as it is). */
export function yuan(fen: unknown): string {
  return typeof fen === 'number' && Number.isSafeInteger(fen) ? formatFen(fen) : '—';
}

/** A window edge: a Shanghai date as it is, an instant as Shanghai wall time. */
export function edgeText(edge: unknown): string {
  if (typeof edge !== 'string' || !edge) return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(edge) ? edge : formatShanghaiDateTime(edge);
}

export function windowText(from: unknown, to: unknown): string {
  return `${edgeText(from)} 至 ${edgeText(to)}`;
}

export function weekdaysText(days: unknown): string {
  if (!Array.isArray(days) || days.length === 0) return '';
  return `每${days.map((d) => WEEKDAY_NAMES[Number(d) - 1] ?? String(d)).join('、')}`;
}

const segmentName = (s: string) => `${s} ${(SEGMENT_NAMES as Record<string, string>)[s] ?? ''}`.trim();

/** A price list's, coupon's, live session's or banner's audience; absent: everyone. */
export function audienceText(audience: unknown): string {
  if (!audience || typeof audience !== 'object') return '所有人';
  const { type, values = [] } = audience as { type?: string; values?: string[] };
  switch (type) {
    case 'group':
      return `指定微信群（${values.length} 个）`;
    case 'segment':
      return values.map(segmentName).join('、') || '会员分层';
    case 'tier':
      return `${tierName(values[0])}及以上`;
    default:
      return AUDIENCE_TYPE_NAMES[String(type)] ?? String(type);
  }
}

/** A campaign's audience: every condition given must hold. */
export function campaignAudienceText(audience: unknown): string {
  const a = (audience ?? {}) as { segments?: string[]; tiers?: string[]; paid?: boolean; groups?: string[]; new?: boolean; all?: boolean };
  const parts: string[] = [];
  if (a.segments?.length) parts.push(a.segments.map(segmentName).join('、'));
  if (a.tiers?.length) parts.push(a.tiers.map(tierName).join('、'));
  if (a.paid !== undefined) parts.push(a.paid ? '心享会员' : '非心享会员');
  if (a.groups?.length) parts.push(`指定微信群（${a.groups.length} 个）`);
  if (a.new !== undefined) parts.push(a.new ? '新客' : '已下单会员');
  if (parts.length === 0) return a.all ? '全部会员' : '未设置人群';
  return parts.join(' 且 ');
}

/** A coupon's terms: 无门槛 ¥10.00, 满¥59.00减¥10.00, 75折, 赠品. */
export function couponTermsText(t: Record<string, unknown>): string {
  switch (t.kind) {
    case 'cash':
      return `无门槛 ${yuan(t.valueFen)}`;
    case 'threshold':
      return `满${yuan(t.thresholdFen)}减${yuan(t.valueFen)}`;
    case 'discount':
      return `${Number(t.payPercent)}折${typeof t.maxDiscountFen === 'number' ? ` · 最高减${yuan(t.maxDiscountFen)}` : ''}`;
    case 'gift':
      return `赠品 ${String(t.giftSkuId ?? '')}`;
    default:
      return String(t.kind ?? '');
  }
}

export function validityText(validity: unknown): string {
  const v = (validity ?? {}) as { days?: number; from?: string; to?: string };
  if (typeof v.days === 'number') return `领取后 ${v.days} 天有效`;
  return `有效期 ${windowText(v.from, v.to)}`;
}
