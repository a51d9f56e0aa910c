/** What the operators' console draws: uCharts' chart types this wrapper sets up. `mix`: columns and lines on two axes. */
export type ChartType = 'column' | 'line' | 'bar' | 'pie' | 'ring' | 'funnel' | 'mix';

/** One slice of a pie, ring or funnel. */
export interface ChartSlice {
  name: string;
  value: number;
  color?: string;
}

/**
 * A series. Column, line, bar and mix charts: one number per category. Pie, ring and funnel charts: one
 * series whose data are the slices.
 */
export interface ChartSeries {
  name: string;
  data: number[] | ChartSlice[];
  color?: string;
  /** In a mix chart: how this series is drawn, and on which y axis (0 left, 1 right). */
  type?: 'column' | 'line';
  index?: number;
  /** A value's label on the chart (data labels) and in the tooltip. */
  format?: (value: number) => string;
}

export interface ChartProps {
  type: ChartType;
  categories?: string[];
  series: ChartSeries[];
  /**
   * uCharts options merged over the wrapper's defaults (`extra`, `yAxis`, `legend`, `dataLabel`…). Sizes
   * (font sizes, widths) in a 375-wide phone's CSS px: they grow with the chart, as its own labels do
   * on a desktop. Plain data only: it is compared by value to decide when to redraw.
   */
  options?: Record<string, unknown>;
  /** Height in design px (the stylesheets' 750-wide unit, 2 per CSS px on a 375-wide phone); the width is the container's. */
  height?: number;
  /** The canvas id (the mini-program finds the canvas by it); made up when absent. */
  canvasId?: string;
  /** A short description for screen readers and tests. */
  label?: string;
}

export const DEFAULT_HEIGHT = 440;

let made = 0;
/** A canvas id unique in the page: the mini-program selects canvases by id. */
export function makeCanvasId(): string {
  made += 1;
  return `ops-chart-${made}`;
}
