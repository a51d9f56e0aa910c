import UCharts, { type UChartsOptions } from '@qiun/ucharts';
import { DEFAULT_HEIGHT, type ChartProps, type ChartSeries, type ChartSlice } from './types';

/**
 * The one place that turns a <Chart>'s props into a uCharts drawing, for both platforms: the
 * mini-program's canvas node and the H5 preview's <canvas> give the same 2D context. Only the ops
 * subpackage imports this file, so uCharts stays out of the main package.
 */

/** Series colours: the brand's leaf green first, then colours that stay apart from it and each other. */
export const PALETTE = ['#1fa463', '#ff8a3d', '#4c7dd9', '#f2c14e', '#9b6dd6', '#e5484d', '#3cb8b0', '#9aa39c', '#7a5c3e'];

const TEXT = '#5f6b63';
const GRID = '#eceee8';

/** A canvas the chart draws on: its backing store is resized to the CSS size times the pixel ratio. */
export interface CanvasSurface {
  canvas: { width: number; height: number };
  context: unknown;
  /** CSS pixels. */
  width: number;
  height: number;
  pixelRatio: number;
}

/** What a drawn chart answers to: a touch at canvas-relative CSS pixels shows that point's tooltip. */
export interface DrawnChart {
  touch(x: number, y: number): void;
  stop(): void;
}

const isSlices = (data: ChartSeries['data']): data is ChartSlice[] => data.length > 0 && typeof data[0] === 'object';
const plain = (value: number) => String(value);

type Extra = Record<string, unknown>;

/** uCharts reads some per-type `extra` blocks without checking them: each type gets its own. */
function extraFor(props: ChartProps, unit: number): Extra {
  switch (props.type) {
    case 'column':
      return { column: { type: 'group', width: 24 * unit, categoryGap: 2, seriesGap: 2, activeBgOpacity: 0.06, linearType: 'none' } };
    case 'bar':
      return { bar: { type: 'group', width: 14 * unit, categoryGap: 2, seriesGap: 2, activeBgOpacity: 0.06, linearType: 'none' } };
    case 'mix':
      return { mix: { column: { width: 24 * unit, categoryGap: 2, seriesGap: 2 }, line: { width: 2 * unit } }, column: { categoryGap: 2, seriesGap: 2, activeBgOpacity: 0.06 } };
    case 'line':
      return { line: { type: 'straight', width: 2 * unit, activeType: 'hollow' } };
    case 'pie':
      return { pie: { activeOpacity: 0.5, activeRadius: 6 * unit, offsetAngle: -90, labelWidth: 10 * unit, border: true, borderWidth: 2, borderColor: '#FFFFFF' } };
    case 'ring':
      return { ring: { ringWidth: 22 * unit, activeOpacity: 0.5, activeRadius: 6 * unit, offsetAngle: -90, labelWidth: 10 * unit, border: true, borderWidth: 2, borderColor: '#FFFFFF' } };
    case 'funnel':
      return { funnel: { activeOpacity: 0.3, activeWidth: 6 * unit, border: true, borderWidth: 2, borderColor: '#FFFFFF', fillOpacity: 1, labelAlign: 'right', type: 'triangle', minSize: 0 } };
  }
}

/**
 * Axes. Columns and lines: categories across, values up from 0. Bars: the other way round, and uCharts
 * then takes its categories from `categories` only while `yAxis.data` is empty.
 */
function axesFor(type: ChartProps['type'], fontSize: number, unit: number): Record<string, unknown> {
  const categoryAxis = { disableGrid: true, fontSize, fontColor: TEXT, axisLineColor: GRID, lineHeight: fontSize + 6 };
  if (type === 'bar') {
    return {
      xAxis: { boundaryGap: 'justify', disableGrid: false, gridType: 'dash', gridColor: GRID, dashLength: 4 * unit, min: 0, axisLine: false, fontSize, fontColor: TEXT, splitNumber: 4 },
      yAxis: { fontSize, fontColor: TEXT, gridColor: GRID, disableGrid: true },
    };
  }
  return {
    xAxis: categoryAxis,
    yAxis: { gridType: 'dash', gridColor: GRID, dashLength: 4 * unit, splitNumber: 4, fontSize, data: [{ min: 0, fontSize, fontColor: TEXT, axisLine: false }] },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `over` laid onto `base`, objects merged key by key (arrays and values replaced). */
export function mergeOptions(base: Record<string, unknown>, over: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!over) return base;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const before = out[key];
    out[key] = isRecord(before) && isRecord(value) ? mergeOptions(before, value) : value;
  }
  return out;
}

/** Option keys that are sizes: given in a phone's CSS px, they grow with the chart as the defaults do. */
const SIZE_KEYS = new Set(['fontSize', 'titleFontSize', 'lineHeight', 'itemGap', 'width', 'ringWidth', 'labelWidth', 'activeRadius', 'activeWidth']);

/** `options` with every size scaled by `unit` (the chart's size over a phone's). */
export function scaleSizes(options: Record<string, unknown>, unit: number): Record<string, unknown> {
  const scale = (value: unknown, key: string): unknown => {
    if (typeof value === 'number' && SIZE_KEYS.has(key)) return value * unit;
    if (Array.isArray(value)) return value.map((v) => scale(v, ''));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scale(v, k)]));
    return value;
  };
  return scale(options, '') as Record<string, unknown>;
}

/**
 * The series as uCharts wants them, as copies (uCharts writes colours and layout into the series it
 * is given): numbers with their label formatter, or a pie's slices with their label text.
 */
function toUChartsSeries(props: ChartProps): unknown[] {
  return props.series.map((s, i) => {
    const format = s.format ?? plain;
    const color = s.color ?? PALETTE[i % PALETTE.length];
    if (isSlices(s.data)) {
      return {
        name: s.name,
        data: s.data.map((slice, j) => ({ name: slice.name, value: slice.value, color: slice.color ?? PALETTE[j % PALETTE.length], labelText: `${slice.name} ${format(slice.value)}` })),
      };
    }
    return { name: s.name, data: [...s.data], color, type: s.type, index: s.index, formatter: (value: number) => format(value) };
  });
}

/** The tooltip's line for one point: the series' name and its value in the series' own format. */
function tooltipText(props: ChartProps) {
  return (item: { name: string; data: unknown }) => {
    const owner = props.series.find((s) => s.name === item.name) ?? (props.series.length === 1 ? props.series[0] : undefined);
    const format = owner?.format ?? plain;
    return typeof item.data === 'number' ? `${item.name}: ${format(item.data)}` : String(item.name);
  };
}

/** Draws `props` on `surface` (resizing its backing store, which clears it) and answers the drawn chart. */
export function drawChart(surface: CanvasSurface, props: ChartProps, animate: boolean): DrawnChart {
  const { canvas, context, width, height, pixelRatio } = surface;
  canvas.width = Math.round(width * pixelRatio);
  canvas.height = Math.round(height * pixelRatio);
  // The design asked for `height` design px, i.e. height / 2 CSS px on a 375-wide phone; where the
  // page is drawn larger (a desktop browser, a wide phone) the labels grow with it.
  const unit = Math.min(2.4, Math.max(0.8, height / ((props.height ?? DEFAULT_HEIGHT) / 2)));
  const fontSize = Math.round(11 * unit);
  const slices = props.type === 'pie' || props.type === 'ring' || props.type === 'funnel';
  const base: Record<string, unknown> = {
    type: props.type,
    context,
    width: canvas.width,
    height: canvas.height,
    pixelRatio,
    categories: props.categories ?? [],
    series: toUChartsSeries(props),
    animation: animate,
    duration: 500,
    background: '#FFFFFF',
    color: PALETTE,
    fontSize,
    fontColor: TEXT,
    padding: slices ? [8 * unit, 8 * unit, 8 * unit, 8 * unit] : [12 * unit, 12 * unit, 4 * unit, 4 * unit],
    dataLabel: slices,
    legend: { show: true, position: 'bottom', float: 'center', fontSize, lineHeight: fontSize + 4, itemGap: 8 * unit, padding: 4 * unit, margin: 4 * unit },
    ...axesFor(props.type, fontSize, unit),
    extra: { ...extraFor(props, unit), tooltip: { showBox: true, bgColor: '#1f2a22', bgOpacity: 0.85, fontColor: '#FFFFFF', legendShape: 'circle', fontSize } },
  };
  const chart = new UCharts(mergeOptions(base, props.options && scaleSizes(props.options, unit)) as unknown as UChartsOptions);
  const formatter = tooltipText(props);
  // uCharts finds the touched point in what its drawing laid out: a touch before that has nothing to show.
  let drawn = false;
  chart.addEventListener('renderComplete', () => {
    drawn = true;
  });
  return {
    touch: (x, y) => {
      if (!drawn) return;
      try {
        chart.showToolTip({ changedTouches: [{ x, y }] }, { formatter });
      } catch {
        // A touch uCharts cannot place (outside every point) shows nothing.
      }
    },
    stop: () => chart.stopAnimation(),
  };
}

/** A stable text of what a chart shows: it redraws when this changes, not on every render. */
export function chartKey(props: ChartProps): string {
  return JSON.stringify([props.type, props.categories, props.series, props.options, props.height]);
}
