import { useEffect, useRef, type PointerEvent } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { chartKey, drawChart, type DrawnChart } from './draw';
import { DEFAULT_HEIGHT, makeCanvasId, type ChartProps } from './types';
import './index.scss';

export type { ChartProps, ChartSeries, ChartSlice, ChartType } from './types';

/**
 * The same chart in the H5 preview, on a plain <canvas>. Taro H5's <Canvas> is a web component that
 * resets its canvas to its CSS size (1×) whenever it renders again, and its selector query only
 * hands out the element when it knows the canvas is `type="2d"`: a canvas of our own, reached by a
 * ref, keeps the backing store we size for the screen's pixel ratio. It follows its container's
 * width (phone or desktop) and redraws when that changes; a tap, or the mouse, shows the tooltip.
 */
export function Chart(props: ChartProps) {
  const idRef = useRef(props.canvasId ?? makeCanvasId());
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const chartRef = useRef<DrawnChart | null>(null);
  const key = chartKey(props);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let drawnWidth = 0;
    let frame = 0;
    const draw = (animate: boolean) => {
      const { width, height } = canvas.getBoundingClientRect();
      const context = canvas.getContext('2d');
      if (!width || !height || !context) return;
      drawnWidth = width;
      chartRef.current?.stop();
      chartRef.current = drawChart({ canvas, context, width, height, pixelRatio: window.devicePixelRatio || 1 }, propsRef.current, animate);
    };
    draw(true);
    // Resizing the window (or turning the phone) changes the container's width: draw again at the new size.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (Math.abs(canvas.getBoundingClientRect().width - drawnWidth) >= 1) draw(false);
      });
    });
    observer.observe(canvas);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      chartRef.current?.stop();
    };
  }, [key]);

  const onPointer = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.type === 'pointermove' && event.pointerType !== 'mouse') return;
    const rect = event.currentTarget.getBoundingClientRect();
    chartRef.current?.touch(event.clientX - rect.left, event.clientY - rect.top);
  };

  return (
    <View className='ops-chart' aria-label={props.label}>
      <canvas
        ref={canvasRef}
        id={idRef.current}
        className='ops-chart__canvas'
        data-testid='ops-chart-canvas'
        style={{ height: Taro.pxTransform(props.height ?? DEFAULT_HEIGHT) }}
        onPointerDown={onPointer}
        onPointerMove={onPointer}
      />
    </View>
  );
}
