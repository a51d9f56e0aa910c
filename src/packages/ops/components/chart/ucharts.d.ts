/**
 * The part of uCharts 2.5 (`@qiun/ucharts`, an untyped ES module) the chart wrapper uses. Options are
 * uCharts' own: sizes in canvas pixels for `width`/`height`, in CSS pixels (times `pixelRatio`) for
 * everything else.
 */
declare module '@qiun/ucharts' {
  export interface UChartsOptions {
    type: string;
    /** A canvas 2D context: the mini-program's canvas node's, or the browser's. */
    context: unknown;
    /** Canvas pixels. */
    width: number;
    height: number;
    pixelRatio?: number;
    categories?: string[];
    series: unknown[];
    [option: string]: unknown;
  }

  /** A touch at canvas-relative CSS pixels, the shape of a mini-program canvas touch event. */
  export interface UChartsTouchEvent {
    changedTouches: Array<{ x: number; y: number }>;
  }

  export default class UCharts {
    constructor(options: UChartsOptions);
    opts: UChartsOptions;
    updateData(data: Partial<UChartsOptions>): void;
    stopAnimation(): void;
    showToolTip(event: UChartsTouchEvent, option?: { formatter?: (item: { name: string; data: unknown }, category: string | null | undefined, index: number) => string }): void;
    touchLegend(event: UChartsTouchEvent): void;
    /** `renderComplete`: the drawing (and its animation) is done. */
    addEventListener(type: 'renderComplete' | 'scrollLeft' | 'scrollRight', listener: () => void): void;
  }
}
