import type { DashboardView } from '@contract/admin';
import { formatFen } from '@core/money';
import { SEGMENT_NAMES, SEGMENTS, type Segment } from '@core/segment';

/** How many weeks the dashboard asks for. */
export const DASHBOARD_WEEKS = 8;

/** S1–S6, then the members no run has put in a segment (they never paid). */
export type SegmentKey = Segment | 'none';
export const SEGMENT_KEYS: readonly SegmentKey[] = [...SEGMENTS, 'none'];

/** The segment's colour, the same in every chart and in the moves grid. */
export const SEGMENT_COLORS: Record<SegmentKey, string> = {
  S1: '#5a4a8c',
  S2: '#1fa463',
  S3: '#3cb8b0',
  S4: '#f2c14e',
  S5: '#ff8a3d',
  S6: '#9aa39c',
  none: '#d5d9d2',
};

const isSegment = (key: string): key is Segment => (SEGMENTS as readonly string[]).includes(key);

/** "S1 钻石核心", "未分层". */
export function segmentLabel(key: string): string {
  if (isSegment(key)) return `${key} ${SEGMENT_NAMES[key]}`;
  return key === 'none' ? '未分层' : key;
}

/** "S1", "未分层": where a grid or an axis has little room. */
export function segmentShort(key: string): string {
  return key === 'none' ? '未分层' : key;
}

/** "2026-W21" → "W21" (the year is in the page's header). */
export function weekLabel(week: string): string {
  const m = /-W(\d{2})$/.exec(week);
  return m ? `W${m[1]}` : week;
}

/** A chart value in yuan (charts draw numbers) back to the one money format: 1234.5 → "¥1234.50". */
export function formatYuan(yuan: number): string {
  return formatFen(Math.round(yuan * 100));
}

export const fenToYuan = (fen: number) => fen / 100;

const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * The top of an axis split into `splits` even steps that read well (0, 1500, 3000…; counts in whole
 * numbers): uCharts would otherwise split the largest value itself into steps like 18.75.
 */
export function niceMax(largest: number, splits: number, wholeSteps = false): number {
  if (!(largest > 0)) return splits;
  const raw = largest / splits;
  const scale = 10 ** Math.floor(Math.log10(raw));
  let step = (NICE_STEPS.find((s) => s * scale >= raw - 1e-9) ?? 10) * scale;
  if (wholeSteps) step = Math.max(1, Math.ceil(step));
  return Number((step * splits).toPrecision(12));
}

/** Share of a whole as a whole percent, "0%" for nothing of nothing. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '0%';
}

export interface MovesGrid {
  from: string | null;
  to: string;
  /** Row and column order: S1–S6, 未分层. */
  keys: readonly SegmentKey[];
  /** cells[row][column]: members who were in keys[row] and are now in keys[column]. */
  cells: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
  /** The largest cell, for the heat shading. */
  max: number;
  /** Members who changed segment. */
  moved: number;
}

/** The latest run's moves as a from × to table, or null before the first finished run. */
export function movesGrid(moves: DashboardView['moves']): MovesGrid | null {
  if (!moves.to) return null;
  const index = (key: string) => SEGMENT_KEYS.indexOf(key as SegmentKey);
  const cells = SEGMENT_KEYS.map(() => SEGMENT_KEYS.map(() => 0));
  for (const move of moves.list) {
    const row = index(move.from);
    const column = index(move.to);
    if (row >= 0 && column >= 0) cells[row][column] += move.members;
  }
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = SEGMENT_KEYS.map((_, c) => cells.reduce((sum, row) => sum + row[c], 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const stayed = cells.reduce((sum, row, i) => sum + row[i], 0);
  return { from: moves.from, to: moves.to, keys: SEGMENT_KEYS, cells, rowTotals, columnTotals, total, max: Math.max(0, ...cells.flat()), moved: total - stayed };
}

/** A cell's shade of the brand green: none for 0, deeper with more members. */
export function heat(value: number, max: number): { background: string; color: string } {
  if (value <= 0 || max <= 0) return { background: 'transparent', color: '#9aa39c' };
  const alpha = 0.1 + 0.75 * (value / max);
  return { background: `rgba(31, 164, 99, ${alpha.toFixed(2)})`, color: alpha > 0.5 ? '#ffffff' : '#1f2a22' };
}

export interface Totals {
  orders: number;
  gmvFen: number;
  /** Members in the latest finished run, the never-paid included. */
  members: number;
}

export function totals(view: DashboardView): Totals {
  return {
    orders: view.bySegment.reduce((sum, r) => sum + r.orders, 0),
    gmvFen: view.bySegment.reduce((sum, r) => sum + r.gmvFen, 0),
    members: view.bySegment.reduce((sum, r) => sum + r.members, 0),
  };
}

/** Whether anything has happened yet that the dashboard counts. */
export function hasFigures(view: DashboardView): boolean {
  const t = totals(view);
  return (
    view.segments.length > 0 ||
    t.orders > 0 ||
    view.coupons.length > 0 ||
    view.live.length > 0 ||
    view.paid.active > 0 ||
    view.paid.guaranteeFen > 0 ||
    view.sharers.length > 0 ||
    view.campaigns.length > 0
  );
}

/** The live funnel's steps, in order, with what each counts. */
export const LIVE_STEPS = [
  { key: 'reserved', label: '预约' },
  { key: 'entered', label: '进入' },
  { key: 'watched', label: '看满10分钟' },
  { key: 'claimed', label: '领券' },
  { key: 'ordered', label: '下单' },
] as const;
