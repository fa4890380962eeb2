import { useEffect, useRef } from 'react';
import { CandlestickSeries, createChart, createSeriesMarkers, type SeriesMarker, type UTCTimestamp } from 'lightweight-charts';
import type { IndicatorRow, Trade } from '../api/types';
import { ascending, chartOptions, toTime } from '../lib/chart';
import { fmtPrice } from '../lib/format';
import { useTheme } from '../lib/theme';

const ms = (t: number | string) => (typeof t === 'number' ? t : Date.parse(t));

/** Entry (green arrow below the bar) and exit (red arrow above) markers of the trades that fall
 * inside the bars shown, in time order as the chart library requires. */
export function tradeMarkers(trades: Trade[], first: number, last: number): SeriesMarker<UTCTimestamp>[] {
  const out: SeriesMarker<UTCTimestamp>[] = [];
  for (const t of trades) {
    const entry = ms(t.entry_time);
    if (entry >= first && entry <= last) {
      out.push({ time: toTime(entry), position: 'belowBar', shape: 'arrowUp', color: '#10b981', text: `buy ${fmtPrice(t.entry_price)}` });
    }
    if (t.exit_time !== null) {
      const exit = ms(t.exit_time);
      if (exit >= first && exit <= last) {
        out.push({ time: toTime(exit), position: 'aboveBar', shape: 'arrowDown', color: '#f43f5e', text: `sell ${fmtPrice(t.exit_price)}` });
      }
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

/** The run's price as candlesticks with its entries and exits marked. */
export function TradeChart({ rows, trades, height = 360 }: { rows: IndicatorRow[]; trades: Trade[]; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const { theme } = useTheme();
  const markers = rows.length ? tradeMarkers(trades, rows[0].timestamp, rows[rows.length - 1].timestamp) : [];

  useEffect(() => {
    const el = ref.current;
    if (!el || rows.length === 0) return;
    const chart = createChart(el, chartOptions(theme));
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: '#10b981',
      downColor: '#f43f5e',
      borderVisible: false,
      wickUpColor: '#10b981',
      wickDownColor: '#f43f5e',
    });
    candles.setData(ascending(rows.map((r) => ({ time: toTime(r.timestamp), open: r.open, high: r.high, low: r.low, close: r.close }))));
    createSeriesMarkers(candles, markers);
    chart.timeScale().fitContent();
    return () => chart.remove();
    // markers derive from rows and trades
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, trades, theme]);

  return <div ref={ref} data-testid="trade-chart" data-bars={rows.length} data-markers={markers.length} className="w-full overflow-hidden rounded-lg" style={{ height }} />;
}
