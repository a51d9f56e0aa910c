import { useEffect, useRef } from 'react';
import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CanvasTouchEvent } from '@tarojs/components';
import { chartKey, drawChart, type DrawnChart } from './draw';
import { DEFAULT_HEIGHT, makeCanvasId, type ChartProps } from './types';
import './index.scss';

export type { ChartProps, ChartSeries, ChartSlice, ChartType } from './types';

/** The mini-program's canvas node: a 2D canvas whose backing store we size. */
interface CanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): unknown;
}

/** How many times to look for the canvas before giving up: Taro may not have set the page's data yet. */
const FIND_TRIES = 20;
const FIND_INTERVAL_MS = 50;

function pixelRatio(): number {
  try {
    return Taro.getWindowInfo().pixelRatio || 2;
  } catch {
    return 2;
  }
}

/**
 * A uCharts chart in the mini-program: a `<Canvas type="2d">` as wide as its container, found with a
 * selector query once rendered, its backing store sized to the device's pixel ratio. Redraws when
 * what it shows changes and when the window is resized; a tap shows the point's tooltip.
 * (The H5 preview has index.h5.tsx.)
 */
export function Chart(props: ChartProps) {
  const idRef = useRef(props.canvasId ?? makeCanvasId());
  const propsRef = useRef(props);
  propsRef.current = props;
  const chartRef = useRef<DrawnChart | null>(null);
  const key = chartKey(props);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const id = idRef.current;

    const draw = (animate: boolean, tries = 0) => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
          if (cancelled) return;
          const found = res?.[0];
          if (!found?.node || !found.width || !found.height) {
            if (tries < FIND_TRIES) timer = setTimeout(() => draw(animate, tries + 1), FIND_INTERVAL_MS);
            return;
          }
          chartRef.current?.stop();
          const node = found.node;
          chartRef.current = drawChart({ canvas: node, context: node.getContext('2d'), width: found.width, height: found.height, pixelRatio: pixelRatio() }, propsRef.current, animate);
        });
    };

    Taro.nextTick(() => draw(true));
    const onResize = () => draw(false);
    Taro.onWindowResize(onResize);
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      Taro.offWindowResize(onResize);
      chartRef.current?.stop();
    };
  }, [key]);

  const onTouch = (event: CanvasTouchEvent) => {
    const touch = event.changedTouches?.[0] ?? event.touches?.[0];
    if (touch) chartRef.current?.touch(touch.x, touch.y);
  };

  return (
    <View className='ops-chart' aria-label={props.label}>
      <Canvas
        type='2d'
        id={idRef.current}
        className='ops-chart__canvas'
        style={{ height: Taro.pxTransform(props.height ?? DEFAULT_HEIGHT) }}
        onTouchStart={onTouch}
        onTouchMove={onTouch}
      />
    </View>
  );
}
