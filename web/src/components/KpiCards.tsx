import { ACTIVE_JOB_STATUSES, type Kpis } from '../api/types';
import { fmtInt } from '../lib/format';

interface Item {
  id: string;
  label: string;
  value: string;
  hint?: string;
}

export function KpiCards({ kpis }: { kpis: Kpis }) {
  const j = kpis.jobs ?? {};
  const items: Item[] = [
    { id: 'data-files', label: 'Data files', value: fmtInt(kpis.data_files) },
    { id: 'total-bars', label: 'Total bars', value: fmtInt(kpis.total_bars) },
    { id: 'backtests', label: 'Backtests', value: fmtInt(kpis.backtests) },
    { id: 'screens', label: 'Screens', value: fmtInt(kpis.screens) },
    {
      id: 'active-jobs',
      label: 'Active jobs',
      value: fmtInt(ACTIVE_JOB_STATUSES.reduce((n, s) => n + (j[s] ?? 0), 0)),
      hint: `${fmtInt(j.running ?? 0)} running · ${fmtInt(j.pending ?? 0)} pending`,
    },
    {
      id: 'finished-jobs',
      label: 'Finished jobs',
      value: fmtInt(j.completed ?? 0),
      hint: `${fmtInt(j.failed ?? 0)} failed · ${fmtInt(j.cancelled ?? 0)} cancelled`,
    },
  ];
  return (
    <div data-testid="kpi-cards" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {items.map((it) => (
        <div
          key={it.id}
          data-testid={`kpi-${it.id}`}
          className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          <div className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{it.label}</div>
          <div data-testid="kpi-value" className="mt-1 text-2xl font-semibold tabular-nums text-slate-900 dark:text-slate-100">
            {it.value}
          </div>
          {it.hint && <div className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{it.hint}</div>}
        </div>
      ))}
    </div>
  );
}
