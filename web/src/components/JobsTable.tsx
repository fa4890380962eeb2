import { Link } from 'react-router';
import { isTerminal, type Job } from '../api/types';
import { fmtTime } from '../lib/format';
import { ProgressBar, jobMessage } from './JobProgress';
import { StatusBadge, Table, td, th } from './ui';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** What a job works on, from its parameters: "sma_cross · sample BTC/USDT 1h" (or what is known). */
export function jobSubject(job: Job): string {
  const p = job.params ?? {};
  const series = [str(p.exchange), str(p.symbol), str(p.timeframe)].filter(Boolean).join(' ');
  const parts = [str(p.strategy), series || null];
  if (job.job_type === 'generate_sample') {
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const symbols = list(p.symbols);
    if (symbols.length) parts.push(`${symbols.join(', ')} ${list(p.timeframes).join(', ')}`.trim());
  }
  return parts.filter(Boolean).join(' · ');
}

const RESULT_PAGES: Record<string, string> = { backtest: '/backtest', screening: '/screening' };

/** The page that shows a finished job's stored result, or null when there is none. */
export function jobResultLink(job: Job): string | null {
  const page = RESULT_PAGES[job.job_type];
  const id = job.result?.result_id;
  if (!page || job.status !== 'completed' || id === undefined || id === null) return null;
  return `${page}?result=${encodeURIComponent(String(id))}`;
}

/** The error of a failed job, the final state of another finished one, or the current step. */
const rowMessage = (j: Job): string => j.error ?? (isTerminal(j) ? jobMessage(j) : (j.progress_message ?? ''));

export function JobsTable({ jobs }: { jobs: Job[] }) {
  return (
    <Table testId="jobs-table">
      <thead>
        <tr>
          <th className={th}>Job</th>
          <th className={th}>Type</th>
          <th className={th}>Strategy · series</th>
          <th className={th}>Status</th>
          <th className={th + ' w-40'}>Progress</th>
          <th className={th}>Created</th>
          <th className={th}>Message</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => {
          const link = jobResultLink(j);
          return (
            <tr key={String(j.id)} data-testid="job-row" data-job-id={String(j.id)}>
              <td className={td + ' font-mono text-xs'} title={String(j.id)}>
                {link ? (
                  <Link data-testid="job-result-link" className="text-sky-600 underline dark:text-sky-400" to={link} title="Open the result">
                    {String(j.id).slice(0, 8)}
                  </Link>
                ) : (
                  String(j.id).slice(0, 8)
                )}
              </td>
              <td className={td}>{j.job_type}</td>
              <td className={td + ' whitespace-nowrap'} data-testid="job-subject">{jobSubject(j)}</td>
              <td className={td}><StatusBadge status={j.status} /></td>
              <td className={td}>
                <div className="flex items-center gap-2">
                  <div className="flex-1"><ProgressBar value={j.progress} status={j.status} /></div>
                  <span className="w-9 text-right text-xs tabular-nums">{Math.round((j.progress ?? 0) * 100)}%</span>
                </div>
              </td>
              <td className={td + ' whitespace-nowrap'}>{fmtTime(j.created_at)}</td>
              <td className={td + ' max-w-xs truncate text-slate-500 dark:text-slate-400'} data-testid="job-message" title={rowMessage(j)}>
                {rowMessage(j)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
