import type { LedgerLine } from '@contract/member';
import { TIER_NAMES, tierRank } from '@core/tier';
import { formatShanghaiDateTime as formatDateTime } from '@/utils/date';

export type LedgerKind = 'growth' | 'points';

export interface LedgerTab {
  kind: LedgerKind;
  title: string;
  /** The balance's name in sentences. */
  unit: string;
  empty: string;
  emptyHint: string;
}

export const LEDGER_TABS: readonly LedgerTab[] = [
  { kind: 'growth', title: '果粒值', unit: '果粒值', empty: '还没有果粒值记录', emptyHint: '每笔订单实付 ¥1 得 1 果粒值，支付成功后到账' },
  { kind: 'points', title: '积分', unit: '积分', empty: '还没有积分记录', emptyHint: '每笔订单实付 ¥1 得 1 积分，心享会员双倍' },
];

/** `?kind=` of the route; anything else is the growth history. */
export function kindFromParam(param: string | undefined): LedgerKind {
  return param === 'points' ? 'points' : 'growth';
}

/** An ISO instant as Shanghai wall time, "2026-11-27 12:00"; nothing for a malformed one. */
export function formatShanghaiDateTime(instant: string): string {
  return Number.isNaN(Date.parse(instant)) ? '' : formatDateTime(instant);
}

export interface LedgerRowView {
  key: string;
  title: string;
  time: string;
  /** "+199" / "-50"; null for a tier line, which moves no balance. */
  delta: string | null;
  tone: 'plus' | 'minus' | 'zero';
  /** "余额 2799". */
  balance: string;
  /** A tier line's change, e.g. "银卡 → 金卡". */
  tierChange: { text: string; direction: 'up' | 'down' } | null;
  /** A shortfall a refund could not take back. */
  note: string | null;
}

/** One history line as shown. `index` keeps keys unique: one payment writes several lines at one instant. */
export function ledgerRowView(line: LedgerLine, index: number, tab: LedgerTab): LedgerRowView {
  const key = `${line.at}:${line.kind}:${line.ref}:${index}`;
  const time = formatShanghaiDateTime(line.at);
  const balance = `余额 ${line.balance}`;
  if (line.kind === 'tier' && line.fromTier && line.toTier) {
    const from = TIER_NAMES[line.fromTier];
    const to = TIER_NAMES[line.toTier];
    // The function names the change in the reason too (成长值升级：普卡→银卡): show it once, as the chip.
    const suffix = `：${from}→${to}`;
    const title = line.reason.endsWith(suffix) ? line.reason.slice(0, -suffix.length) : line.reason;
    const direction = tierRank(line.toTier) >= tierRank(line.fromTier) ? 'up' : 'down';
    return { key, title: title || '等级变更', time, delta: null, tone: 'zero', balance: `果粒值 ${line.balance}`, tierChange: { text: `${from} → ${to}`, direction }, note: null };
  }
  const tone = line.delta > 0 ? 'plus' : line.delta < 0 ? 'minus' : 'zero';
  const delta = line.delta > 0 ? `+${line.delta}` : String(line.delta);
  const note = line.shortfall ? `${tab.unit}不足，${line.shortfall} ${tab.unit}未能扣回` : null;
  return { key, title: line.reason, time, delta, tone, balance, tierChange: null, note };
}

/** What one history (growth or points) holds while the member pages through it. */
export interface LedgerState {
  lines: LedgerLine[];
  /** The next page's cursor; null when the oldest line is in. */
  cursor: string | null;
  /** At least one page has arrived. */
  loaded: boolean;
  loading: boolean;
  error: string | null;
}

export const EMPTY_LEDGER: LedgerState = { lines: [], cursor: null, loaded: false, loading: false, error: null };

export function hasMore(state: LedgerState): boolean {
  return !state.loaded || state.cursor !== null;
}
