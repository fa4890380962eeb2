import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { DownloadOutcome, Ticker, VenueHealth } from '../api/types';
import { fmtInt, fmtPrice, fmtTime } from '../lib/format';
import { Table, num, td, th } from './ui';

/** A small inline SVG line of the prices (nothing for fewer than two points). */
export function Sparkline({ values, width = 80, height = 22 }: { values: number[]; width?: number; height?: number }) {
  if (values.length < 2) return <span data-testid="sparkline-empty" className="text-xs text-slate-400">–</span>;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const pts = values
    .map((v, i) => `${((i / (values.length - 1)) * width).toFixed(1)},${(height - 1 - ((v - lo) / span) * (height - 2)).toFixed(1)}`)
    .join(' ');
  const up = values[values.length - 1] >= values[0];
  return (
    <svg data-testid="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden>
      <polyline points={pts} fill="none" stroke={up ? '#10b981' : '#ef4444'} strokeWidth={1.3} />
    </svg>
  );
}

export function changeClass(pct: number): string {
  return pct > 0 ? 'text-emerald-600 dark:text-emerald-400' : pct < 0 ? 'text-red-600 dark:text-red-400' : '';
}

/** The watchlist's prices: last, 24 h change and a sparkline of the recent updates. */
export function TickerTable({ tickers, history }: { tickers: Ticker[]; history: Record<string, number[]> }) {
  return (
    <Table testId="ticker-table">
      <thead>
        <tr>
          <th className={th}>Symbol</th>
          <th className={`${th} ${num}`}>Last</th>
          <th className={`${th} ${num}`}>24h</th>
          <th className={th}>Trend</th>
        </tr>
      </thead>
      <tbody>
        {tickers.map((t) => (
          <tr key={t.symbol} data-testid="ticker-row">
            <td className={td}>{t.symbol}</td>
            <td className={`${td} ${num}`}>{fmtPrice(t.last)}</td>
            <td className={`${td} ${num} ${changeClass(t.change_pct_24h)}`} data-testid="ticker-change">
              {t.change_pct_24h > 0 ? '+' : ''}
              {t.change_pct_24h.toFixed(2)} %
            </td>
            <td className={td}>
              <Sparkline values={history[t.symbol] ?? [t.last]} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

export type HealthLevel = 'green' | 'amber' | 'red' | 'none';

/** green: every venue closed and reachable; red: a venue open or not available; amber: half-open or recent failures. */
export function healthLevel(rows: VenueHealth[] | undefined): HealthLevel {
  if (!rows || rows.length === 0) return 'none';
  if (rows.some((r) => !r.available || r.breaker === 'open')) return 'red';
  if (rows.some((r) => r.breaker === 'half_open' || r.last_error_ms > r.last_success_ms)) return 'amber';
  return 'green';
}

export function healthTooltip(rows: VenueHealth[] | undefined): string {
  if (!rows || rows.length === 0) return 'No venue used yet';
  return rows
    .map((r) => {
      const state = r.available ? `breaker ${r.breaker.replace('_', '-')}, ${r.last_latency_ms.toFixed(0)} ms` : 'unreachable';
      return `${r.venue}: ${state}${r.last_error ? ` — last error: ${r.last_error}` : ''}`;
    })
    .join('\n');
}

const DOT: Record<HealthLevel, string> = {
  green: 'bg-emerald-500',
  amber: 'bg-amber-400',
  red: 'bg-red-500',
  none: 'bg-slate-400',
};

/** Exchange health for the header: a coloured dot, details in the tooltip. */
export function ExchangeHealthBadge() {
  const q = useQuery({
    queryKey: ['exchange-health'],
    queryFn: ({ signal }) => get<VenueHealth[]>('/api/exchange/health/', signal),
    refetchInterval: 15000,
    retry: false,
  });
  const level = q.isError ? 'red' : healthLevel(q.data);
  const tip = q.isError ? 'Exchange health unavailable' : healthTooltip(q.data);
  const label = level === 'none' ? 'Exchanges' : level === 'green' ? 'Exchanges OK' : level === 'amber' ? 'Exchanges degraded' : 'Exchange down';
  return (
    <div data-testid="exchange-health" data-level={level} title={tip} className="flex items-center gap-2 px-3 py-1 text-xs text-slate-500 dark:text-slate-400">
      <span className={`h-2 w-2 rounded-full ${DOT[level]}`} />
      {label}
    </div>
  );
}

/** Per-series outcome of a download job. */
export function DownloadResults({ series }: { series: DownloadOutcome[] }) {
  return (
    <Table testId="download-results">
      <thead>
        <tr>
          <th className={th}>Series</th>
          <th className={`${th} ${num}`}>New bars</th>
          <th className={th}>Last bar</th>
          <th className={th}>Status</th>
        </tr>
      </thead>
      <tbody>
        {series.map((s) => (
          <tr key={`${s.symbol} ${s.timeframe}`} data-testid="download-row" data-status={s.status}>
            <td className={td}>
              {s.symbol} {s.timeframe}
            </td>
            <td className={`${td} ${num}`}>{fmtInt(s.new_bars)}</td>
            <td className={td}>{s.last ? fmtTime(s.last) : '–'}</td>
            <td className={`${td} ${s.status === 'ok' ? '' : 'text-red-600 dark:text-red-400'}`}>{s.status === 'ok' ? 'ok' : s.error}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
