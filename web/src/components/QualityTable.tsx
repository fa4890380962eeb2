import type { QualityReport } from '../api/types';
import { fmtDate, fmtInt, fmtNumber } from '../lib/format';
import { StatusBadge, Table, num, td, th } from './ui';

export function QualityTable({ reports }: { reports: QualityReport[] }) {
  return (
    <Table testId="quality-table">
      <thead>
        <tr>
          <th className={th}>Series</th>
          <th className={th + ' ' + num}>Rows</th>
          <th className={th}>Range</th>
          <th className={th + ' ' + num}>Gaps</th>
          <th className={th + ' ' + num}>Missing</th>
          <th className={th + ' ' + num}>Spikes</th>
          <th className={th + ' ' + num}>OHLC viol.</th>
          <th className={th + ' ' + num}>Zero vol.</th>
          <th className={th + ' ' + num}>Stale (h)</th>
          <th className={th}>Result</th>
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => {
          const src = r.source ?? r.exchange ?? '';
          const issues = r.issues_summary ?? [];
          return (
            <tr key={`${src}|${r.symbol}|${r.timeframe}`} data-testid="quality-row">
              <td className={td + ' whitespace-nowrap'}>
                <span className="font-medium">{r.symbol}</span>{' '}
                <span className="text-slate-500 dark:text-slate-400">{r.timeframe} · {src}</span>
              </td>
              <td className={td + ' ' + num}>{fmtInt(r.rows)}</td>
              <td className={td + ' whitespace-nowrap'}>
                {r.date_range ? `${fmtDate(r.date_range[0])} → ${fmtDate(r.date_range[1])}` : '—'}
              </td>
              <td className={td + ' ' + num}>{fmtInt(r.gap_count ?? 0)}</td>
              <td className={td + ' ' + num}>{fmtInt(r.missing_bars ?? 0)}</td>
              <td className={td + ' ' + num}>{fmtInt(r.price_spike_count ?? 0)}</td>
              <td className={td + ' ' + num}>{fmtInt(r.ohlc_violation_count ?? 0)}</td>
              <td className={td + ' ' + num}>{fmtInt(r.zero_volume_count ?? 0)}</td>
              <td className={td + ' ' + num}>
                <span className={r.is_stale ? 'text-amber-600 dark:text-amber-400' : ''}>{fmtNumber(r.stale_hours ?? null, 1)}</span>
              </td>
              <td className={td + ' max-w-[22rem] truncate'} title={issues.join('\n')}>
                <StatusBadge status={r.passed ? 'passed' : 'issues'} />
                {!r.passed && issues.length > 0 && (
                  <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{issues[0]}{issues.length > 1 ? ` (+${issues.length - 1})` : ''}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
