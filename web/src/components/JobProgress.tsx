import { isTerminal, type Job, type JobStatus } from '../api/types';
import { StatusBadge, btnSecondary } from './ui';

const BAR_COLOUR: Record<JobStatus, string> = {
  pending: 'bg-sky-500',
  running: 'bg-sky-500',
  completed: 'bg-emerald-500',
  failed: 'bg-rose-500',
  cancelled: 'bg-amber-500',
};

export function ProgressBar({ value, status = 'running' }: { value: number; status?: JobStatus }) {
  const pct = Math.max(0, Math.min(100, Math.round((Number.isFinite(value) ? value : 0) * 100)));
  const color = BAR_COLOUR[status];
  return (
    <div
      data-testid="progress-bar"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
    >
      <div data-testid="progress-fill" className={`h-full rounded-full transition-[width] duration-300 ${color}`} style={{ width: `${pct}%` }} />
    </div>
  );
}

/** "3.2 s", "1 min 5 s", "2 h 5 min" (the server's finished_job_message uses the same steps). */
export function fmtDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

const FINISHED_WORD: Record<string, string> = { completed: 'done', failed: 'failed', cancelled: 'cancelled' };

/**
 * What a job's message line says: the current step while it is active; once it has finished,
 * its final state ("done in 3.2 s", "failed after 1.0 s", "cancelled") and never a step left
 * over from the run (records written before the server cleared it still hold "loading data").
 */
export function jobMessage(job: Job): string {
  if (!isTerminal(job)) return job.progress_message || job.job_type;
  const word = FINISHED_WORD[job.status] ?? job.status;
  const from = job.started_at ? Date.parse(job.started_at) : NaN;
  const to = job.completed_at ? Date.parse(job.completed_at) : NaN;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return word;
  return `${word} ${job.status === 'completed' ? 'in' : 'after'} ${fmtDuration(Math.max(0, to - from))}`;
}

/**
 * Progress of one job: bar, percentage, message, status, error and a cancel button while it
 * runs. `data-terminal` says whether the job has finished (the browser tests wait for it).
 */
export function JobProgress({ job, onCancel, cancelling }: { job: Job; onCancel?: () => void; cancelling?: boolean }) {
  const pct = Math.round((job.progress ?? 0) * 100);
  const finished = isTerminal(job);
  return (
    <div data-testid="job-progress" data-status={job.status} data-terminal={String(finished)} data-job-id={String(job.id)} className="space-y-2 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <div className="flex items-center justify-between gap-2 text-sm">
        <div className="flex items-center gap-2">
          <StatusBadge status={job.status} />
          <span data-testid="job-message" className="text-slate-600 dark:text-slate-400">{jobMessage(job)}</span>
        </div>
        <div className="flex items-center gap-2">
          <span data-testid="progress-pct" className="tabular-nums text-slate-700 dark:text-slate-300">{pct}%</span>
          {!finished && onCancel && (
            <button type="button" className={btnSecondary + ' !py-0.5 text-xs'} onClick={onCancel} disabled={cancelling} data-testid="cancel-job">
              Cancel
            </button>
          )}
        </div>
      </div>
      <ProgressBar value={job.progress ?? 0} status={job.status} />
      {job.error && <p className="text-sm text-rose-600 dark:text-rose-400">{job.error}</p>}
    </div>
  );
}
