import type { Heatmap as HeatmapData } from '../api/types';

/** Diverging colour: red for negative Sharpe, green for positive, grey for null. */
export function heatColor(v: number | null | undefined, maxAbs: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'rgba(148,163,184,0.18)';
  const t = maxAbs > 0 ? Math.max(-1, Math.min(1, v / maxAbs)) : 0;
  const a = 0.15 + 0.85 * Math.abs(t);
  return t >= 0 ? `rgba(16,185,129,${a.toFixed(3)})` : `rgba(244,63,94,${a.toFixed(3)})`;
}

const fmtAxis = (v: number | string) => (typeof v === 'number' ? String(+v.toFixed(4)) : v);

export function Heatmap({ data, title = 'Sharpe ratio' }: { data: HeatmapData; title?: string }) {
  const { x, y, z } = data;
  let maxAbs = 0;
  for (const row of z) for (const v of row) if (v !== null && Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
  const showText = x.length <= 16;
  return (
    <div data-testid="heatmap" className="overflow-x-auto">
      <div className="mb-2 flex items-center justify-between text-xs text-slate-500 dark:text-slate-400">
        <span>
          {title}: rows {data.y_label}, columns {data.x_label}
        </span>
        <span className="flex items-center gap-1">
          <span className="inline-block h-3 w-3 rounded-sm" style={{ background: heatColor(-maxAbs, maxAbs) }} />
          {(-maxAbs).toFixed(2)}
          <span className="mx-1 inline-block h-3 w-3 rounded-sm" style={{ background: heatColor(0, maxAbs) }} />
          0
          <span className="ml-1 inline-block h-3 w-3 rounded-sm" style={{ background: heatColor(maxAbs, maxAbs) }} />
          {maxAbs.toFixed(2)}
        </span>
      </div>
      <table className="border-separate border-spacing-0.5 text-xs">
        <thead>
          <tr>
            <th className="px-1 text-right font-medium text-slate-500 dark:text-slate-400">
              {data.y_label} \ {data.x_label}
            </th>
            {x.map((xv, i) => (
              <th key={i} className="px-1 text-center font-medium tabular-nums text-slate-500 dark:text-slate-400">
                {fmtAxis(xv)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {y.map((yv, r) => (
            <tr key={r}>
              <th className="px-1 text-right font-medium tabular-nums text-slate-500 dark:text-slate-400">{fmtAxis(yv)}</th>
              {x.map((xv, c) => {
                const v = z[r]?.[c] ?? null;
                return (
                  <td
                    key={c}
                    data-testid="heatmap-cell"
                    title={`${data.y_label}=${fmtAxis(yv)}, ${data.x_label}=${fmtAxis(xv)}: ${v === null ? 'n/a' : v.toFixed(3)}`}
                    className="h-9 min-w-14 rounded-sm px-1 text-center tabular-nums text-slate-900 dark:text-slate-50"
                    style={{ background: heatColor(v, maxAbs) }}
                  >
                    {showText ? (v === null ? '' : v.toFixed(2)) : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
