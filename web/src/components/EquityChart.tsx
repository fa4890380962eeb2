import { useEffect, useRef } from 'react';
import { AreaSeries, LineSeries, createChart } from 'lightweight-charts';
import type { EquityPoint } from '../api/types';
import { useTheme } from '../lib/theme';
import { ascending, chartOptions, toTime } from '../lib/chart';
import { Empty } from './ui';

/** Equity line (top pane) and drawdown area in percent (bottom pane). */
export function EquityChart({ points, height = 420 }: { points: EquityPoint[]; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const { theme } = useTheme();

  useEffect(() => {
    const el = ref.current;
    if (!el || points.length === 0) return;
    const chart = createChart(el, chartOptions(theme));
    const equity = chart.addSeries(
      LineSeries,
      { color: '#0ea5e9', lineWidth: 2, title: 'Equity', priceLineVisible: false },
      0,
    );
    equity.setData(ascending(points.map((p) => ({ time: toTime(p.timestamp), value: p.equity }))));
    const dd = chart.addSeries(
      AreaSeries,
      {
        lineColor: '#f43f5e',
        topColor: 'rgba(244,63,94,0.05)',
        bottomColor: 'rgba(244,63,94,0.45)',
        lineWidth: 1,
        title: 'Drawdown %',
        priceLineVisible: false,
        invertFilledArea: true,
        priceFormat: { type: 'custom', formatter: (v: number) => `${v.toFixed(1)}%`, minMove: 0.01 },
      },
      1,
    );
    dd.setData(
      ascending(points.map((p) => ({ time: toTime(p.timestamp), value: -Math.abs(p.drawdown ?? 0) * 100 }))),
    );
    const panes = chart.panes();
    if (panes[1]) panes[1].setStretchFactor(0.45);
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [points, theme]);

  if (points.length === 0) return <Empty>No equity curve in this result.</Empty>;
  return (
    <div
      ref={ref}
      data-testid="equity-chart"
      data-points={points.length}
      className="w-full overflow-hidden rounded-lg"
      style={{ height }}
    />
  );
}
