import type { ApiNumber, BacktestMetrics } from '../api/types';
import { apiNumber, fmtInt, fmtNumber, fmtPct, signClass } from '../lib/format';

const ITEMS: { key: keyof BacktestMetrics; label: string; fmt: (v: ApiNumber | undefined) => string; signed?: boolean }[] = [
  { key: 'total_return', label: 'Total return', fmt: (v) => fmtPct(v), signed: true },
  { key: 'sharpe_ratio', label: 'Sharpe', fmt: (v) => fmtNumber(v) },
  { key: 'sortino_ratio', label: 'Sortino', fmt: (v) => fmtNumber(v) },
  { key: 'max_drawdown', label: 'Max drawdown', fmt: (v) => fmtPct(-Math.abs(apiNumber(v))) },
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
          </div>
        );
      })}
    </div>
  );
}
