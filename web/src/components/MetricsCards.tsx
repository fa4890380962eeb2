import type { ApiNumber, BacktestMetrics } from '../api/types';
import { fmtDrawdownAmount, fmtDrawdownPct, fmtInt, fmtNumber, fmtPct, signClass } from '../lib/format';

interface Item {
  key: keyof BacktestMetrics;
  label: string;
  fmt: (v: ApiNumber | undefined) => string;
  signed?: boolean;
  /** A second, smaller line from another field (the drawdown's cash amount). */
  sub?: { key: keyof BacktestMetrics; fmt: (v: ApiNumber | undefined) => string };
}

const ITEMS: Item[] = [
  { key: 'total_return', label: 'Total return', fmt: (v) => fmtPct(v), signed: true },
  { key: 'sharpe_ratio', label: 'Sharpe', fmt: (v) => fmtNumber(v) },
  { key: 'sortino_ratio', label: 'Sortino', fmt: (v) => fmtNumber(v) },
  { key: 'max_drawdown_pct', label: 'Max drawdown', fmt: (v) => fmtDrawdownPct(v), sub: { key: 'max_drawdown_amount', fmt: fmtDrawdownAmount } },
  { key: 'win_rate', label: 'Win rate', fmt: (v) => fmtPct(v, 1) },
  { key: 'profit_factor', label: 'Profit factor', fmt: (v) => fmtNumber(v) },
  { key: 'num_trades', label: 'Trades', fmt: (v) => fmtInt(v) },
  { key: 'final_value', label: 'Final value', fmt: (v) => fmtNumber(v) },
];

export function MetricsCards({ metrics }: { metrics: BacktestMetrics }) {
  return (
    <div data-testid="metrics" className="grid grid-cols-2 gap-3 md:grid-cols-4">
      {ITEMS.map((it) => {
        const v = metrics[it.key] as ApiNumber | undefined;
        return (
          <div key={String(it.key)} data-testid={`metric-${String(it.key)}`} className="rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800">
            <div className="text-[11px] font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{it.label}</div>
            <div className={`text-lg font-semibold tabular-nums ${it.signed ? signClass(v) : ''}`}>{it.fmt(v)}</div>
            {it.sub && (
              <div data-testid={`metric-${String(it.sub.key)}`} className="text-xs tabular-nums text-slate-500 dark:text-slate-400">
                {it.sub.fmt(metrics[it.sub.key] as ApiNumber | undefined)}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
