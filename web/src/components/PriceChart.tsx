import { useEffect, useRef, useState } from 'react';
import { CandlestickSeries, HistogramSeries, LineSeries, createChart, type UTCTimestamp } from 'lightweight-charts';
import type { IndicatorRow } from '../api/types';
import { useTheme } from '../lib/theme';
import { OVERLAY_COLORS, ascending, chartOptions, keptRange, toTime, type BarRange } from '../lib/chart';
import { fmtNumber, fmtPrice, fmtTime } from '../lib/format';

export interface Overlays {
  sma: boolean;
  ema: boolean;
  bb: boolean;
  rsi: boolean;
  macd: boolean;
  volume: boolean;
}

export const OVERLAY_COLUMNS = {
  sma: ['sma_21', 'sma_50', 'sma_200'],
  ema: ['ema_21', 'ema_50'],
  bb: ['bb_upper', 'bb_mid', 'bb_lower'],
} as const;

function line(rows: IndicatorRow[], col: string) {
  const out: { time: UTCTimestamp; value: number }[] = [];
  for (const r of rows) {
    const v = r[col];
    if (typeof v === 'number' && Number.isFinite(v)) out.push({ time: toTime(r.timestamp), value: v });
  }
  return ascending(out);
}

/** The values under the crosshair: time, OHLC, volume and the indicators drawn. */
export function readoutItems(row: IndicatorRow, overlays: Overlays): [string, string][] {
  const items: [string, string][] = [
    ['', fmtTime(row.timestamp)],
    ['O', fmtPrice(row.open)],
    ['H', fmtPrice(row.high)],
    ['L', fmtPrice(row.low)],
    ['C', fmtPrice(row.close)],
  ];
  if (overlays.volume) items.push(['Vol', fmtNumber(row.volume ?? null, 0)]);
  const cols: string[] = [];
  if (overlays.sma) cols.push(...OVERLAY_COLUMNS.sma);
  if (overlays.ema) cols.push(...OVERLAY_COLUMNS.ema);
  if (overlays.bb) cols.push(...OVERLAY_COLUMNS.bb);
  if (overlays.rsi) cols.push('rsi_14');
  if (overlays.macd) cols.push('macd', 'macd_signal', 'macd_hist');
  for (const c of cols) {
    const v = row[c];
    items.push([c, typeof v === 'number' ? fmtPrice(v) : '—']);
  }
  return items;
}

/** Bars from the left edge at which the chart asks for older bars. */
const NEAR_START_BARS = 10;

/** Candlesticks with optional overlays; RSI and MACD in their own panes below; a readout of the
 * bar under the crosshair (the last bar when the pointer is elsewhere). With `onReachStart` the
 * chart first shows the last `initialBars` bars and calls it when the user scrolls or zooms to
 * within a few bars of the first one; when older rows are then put in front, the view stays on
 * the same bars. Give it a `key` per series so a new series starts afresh. */
export function PriceChart({
  rows,
  overlays,
  height = 560,
  onReachStart,
  initialBars,
}: {
  rows: IndicatorRow[];
  overlays: Overlays;
  height?: number;
  onReachStart?: () => void;
  initialBars?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { theme } = useTheme();
  const [hover, setHover] = useState<IndicatorRow | null>(null);
  const view = useRef<{ range: BarRange; first: number } | null>(null);
  const reachStart = useRef(onReachStart);
  useEffect(() => {
    reachStart.current = onReachStart;
  }, [onReachStart]);

  useEffect(() => {
    const el = ref.current;
    if (!el || rows.length === 0) return;
    const chart = createChart(el, chartOptions(theme));
    const candles = chart.addSeries(
      CandlestickSeries,
      {
        upColor: '#10b981',
        downColor: '#f43f5e',
        borderVisible: false,
        wickUpColor: '#10b981',
        wickDownColor: '#f43f5e',
      },
      0,
    );
    candles.setData(
      ascending(rows.map((r) => ({ time: toTime(r.timestamp), open: r.open, high: r.high, low: r.low, close: r.close }))),
    );

    const cols: string[] = [];
    if (overlays.sma) cols.push(...OVERLAY_COLUMNS.sma);
    if (overlays.ema) cols.push(...OVERLAY_COLUMNS.ema);
    if (overlays.bb) cols.push(...OVERLAY_COLUMNS.bb);
    for (const c of cols) {
      const data = line(rows, c);
      if (data.length === 0) continue;
      chart
        .addSeries(
          LineSeries,
          {
            color: OVERLAY_COLORS[c] ?? '#94a3b8',
            lineWidth: 1,
            lineStyle: c.startsWith('bb_') && c !== 'bb_mid' ? 2 : 0,
            title: c,
            priceLineVisible: false,
            lastValueVisible: false,
            crosshairMarkerVisible: false,
          },
          0,
        )
        .setData(data);
    }

    // Leave room at the bottom of the price pane for the volume bars.
    candles.priceScale().applyOptions({ scaleMargins: { top: 0.06, bottom: overlays.volume ? 0.2 : 0.06 } });
    if (overlays.volume) {
      const vol = chart.addSeries(
        HistogramSeries,
        { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false },
        0,
      );
      vol.priceScale().applyOptions({ scaleMargins: { top: 0.82, bottom: 0 } });
      vol.setData(
        ascending(
          rows.map((r) => ({
            time: toTime(r.timestamp),
            value: r.volume ?? 0,
            color: r.close >= r.open ? 'rgba(16,185,129,0.35)' : 'rgba(244,63,94,0.35)',
          })),
        ),
      );
    }

    let pane = 1;
    if (overlays.rsi) {
      const rsi = chart.addSeries(
        LineSeries,
        { color: OVERLAY_COLORS.rsi_14, lineWidth: 1, title: 'RSI 14', priceLineVisible: false },
        pane,
      );
      rsi.setData(line(rows, 'rsi_14'));
      rsi.createPriceLine({ price: 70, color: '#f43f5e', lineWidth: 1, lineStyle: 2, axisLabelVisible: false, title: '' });
      rsi.createPriceLine({ price: 30, color: '#10b981', lineWidth: 1, lineStyle: 2, axisLabelVisible: false, title: '' });
      pane++;
    }
    if (overlays.macd) {
      const hist = chart.addSeries(
        HistogramSeries,
        { title: 'MACD hist', priceLineVisible: false, lastValueVisible: false },
        pane,
      );
      hist.setData(
        ascending(
          rows
            .filter((r) => typeof r.macd_hist === 'number')
            .map((r) => ({
              time: toTime(r.timestamp),
              value: r.macd_hist as number,
              color: (r.macd_hist as number) >= 0 ? 'rgba(16,185,129,0.6)' : 'rgba(244,63,94,0.6)',
            })),
        ),
      );
      chart.addSeries(LineSeries, { color: OVERLAY_COLORS.macd, lineWidth: 1, title: 'MACD', priceLineVisible: false }, pane).setData(line(rows, 'macd'));
      chart
        .addSeries(LineSeries, { color: OVERLAY_COLORS.macd_signal, lineWidth: 1, title: 'Signal', priceLineVisible: false }, pane)
        .setData(line(rows, 'macd_signal'));
    }
    const panes = chart.panes();
    panes.forEach((p, i) => p.setStretchFactor(i === 0 ? 3 : 1));
    const timeScale = chart.timeScale();
    const range = keptRange(rows, view.current, initialBars);
    if (range) timeScale.setVisibleLogicalRange(range);
    else timeScale.fitContent();
    const first = rows[0].timestamp;
    const onRange = (r: BarRange | null) => {
      if (!r) return;
      view.current = { range: { from: r.from, to: r.to }, first };
      if (r.from < NEAR_START_BARS) reachStart.current?.();
    };
    timeScale.subscribeVisibleLogicalRangeChange(onRange);
    const byTime = new Map<number, IndicatorRow>(rows.map((r) => [toTime(r.timestamp), r]));
    const onMove = (param: { time?: unknown }) => setHover(typeof param.time === 'number' ? (byTime.get(param.time) ?? null) : null);
    chart.subscribeCrosshairMove(onMove);
    return () => {
      timeScale.unsubscribeVisibleLogicalRangeChange(onRange);
      chart.unsubscribeCrosshairMove(onMove);
      chart.remove();
    };
  }, [rows, overlays, theme, initialBars]);

  const shown = hover ?? rows.at(-1) ?? null;
  return (
    <div className="relative">
      {shown && (
        <div
          data-testid="crosshair-readout"
          className="pointer-events-none absolute left-2 top-1 z-10 flex max-w-[calc(100%-5rem)] flex-wrap gap-x-3 rounded bg-white/80 px-2 py-0.5 text-[11px] tabular-nums text-slate-700 dark:bg-slate-900/80 dark:text-slate-200"
        >
          {readoutItems(shown, overlays).map(([k, v]) => (
            <span key={k || 'time'}>
              {k && <span className="text-slate-400">{k} </span>}
              {v}
            </span>
          ))}
        </div>
      )}
      <div
        ref={ref}
        data-testid="price-chart"
        data-bars={rows.length}
        data-panes={1 + (overlays.rsi ? 1 : 0) + (overlays.macd ? 1 : 0)}
        className="w-full overflow-hidden rounded-lg"
        style={{ height }}
      />
    </div>
  );
}
