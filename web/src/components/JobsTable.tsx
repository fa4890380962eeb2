import type { Job } from '../api/types';
import { fmtTime } from '../lib/format';
import { ProgressBar } from './JobProgress';
import { StatusBadge, Table, td, th } from './ui';

export function JobsTable({ jobs }: { jobs: Job[] }) {
  return (
    <Table testId="jobs-table">
      <thead>
        <tr>
          <th className={th}>Job</th>
          <th className={th}>Type</th>
          <th className={th}>Status</th>
          <th className={th + ' w-40'}>Progress</th>
          <th className={th}>Created</th>
          <th className={th}>Message</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <tr key={String(j.id)} data-testid="job-row">
            <td className={td + ' font-mono text-xs'} title={String(j.id)}>{String(j.id).slice(0, 8)}</td>
            <td className={td}>{j.job_type}</td>
            <td className={td}><StatusBadge status={j.status} /></td>
            <td className={td}>
              <div className="flex items-center gap-2">
                <div className="flex-1"><ProgressBar value={j.progress} status={j.status} /></div>
                <span className="w-9 text-right text-xs tabular-nums">{Math.round((j.progress ?? 0) * 100)}%</span>
              </div>
            </td>
            <td className={td + ' whitespace-nowrap'}>{fmtTime(j.created_at)}</td>
            <td className={td + ' max-w-xs truncate text-slate-500 dark:text-slate-400'} title={j.error ?? j.progress_message ?? ''}>
              {j.error ?? j.progress_message ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
