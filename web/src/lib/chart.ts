import { ColorType, type DeepPartial, type ChartOptions, type UTCTimestamp } from 'lightweight-charts';
import type { Theme } from './theme';
import { fmtPrice } from './format';

export function chartOptions(theme: Theme): DeepPartial<ChartOptions> {
  const dark = theme === 'dark';
  const grid = dark ? 'rgba(51,65,85,0.45)' : 'rgba(203,213,225,0.6)';
  const border = dark ? '#334155' : '#cbd5e1';
  return {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: dark ? '#0f172a' : '#ffffff' },
      textColor: dark ? '#cbd5e1' : '#334155',
      fontSize: 11,
      attributionLogo: false,
      panes: { separatorColor: border, separatorHoverColor: dark ? '#475569' : '#94a3b8', enableResize: true },
    },
    grid: { vertLines: { color: grid }, horzLines: { color: grid } },
    rightPriceScale: { borderColor: border },
    timeScale: { borderColor: border, timeVisible: true, secondsVisible: false },
    crosshair: { mode: 0 },
    // Price axes and labels with thousands separators (1,234.56).
    localization: { priceFormatter: (p: number) => fmtPrice(p) },
  };
}

/** Epoch ms -> lightweight-charts UTCTimestamp (seconds). */
export const toTime = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

/** Keep only rows with strictly increasing time (the library requires it). */
export function ascending<T extends { time: UTCTimestamp }>(rows: T[]): T[] {
  const out: T[] = [];
  let last = -Infinity;
  for (const r of rows) {
    if (r.time > last) {
      out.push(r);
      last = r.time;
    }
  }
  return out;
}

export const OVERLAY_COLORS: Record<string, string> = {
  sma_21: '#f59e0b',
  sma_50: '#8b5cf6',
  sma_200: '#ec4899',
  ema_21: '#06b6d4',
  ema_50: '#3b82f6',
  bb_upper: '#94a3b8',
  bb_mid: '#64748b',
  bb_lower: '#94a3b8',
  rsi_14: '#a855f7',
  macd: '#3b82f6',
  macd_signal: '#f97316',
};

/** A visible range of bar indices (lightweight-charts' LogicalRange). */
export interface BarRange {
  from: number;
  to: number;
}

/**
 * The bar range a chart shows after its rows changed: the same bars as before when older bars
 * were put in front (the range moves right by as many bars as were prepended, so the view does
 * not jump), the last `initialBars` for a new series, or null for "fit everything".
 * `saved` is the range shown before and the timestamp of the first row it was computed for.
 */
export function keptRange(
  rows: readonly { timestamp: number }[],
  saved: { range: BarRange; first: number } | null,
  initialBars?: number,
): BarRange | null {
  if (saved) {
    const shift = rows.findIndex((r) => r.timestamp === saved.first);
    if (shift >= 0) return { from: saved.range.from + shift, to: saved.range.to + shift };
  }
  if (initialBars && rows.length > initialBars) return { from: rows.length - initialBars, to: rows.length + 2 };
  return null;
}
