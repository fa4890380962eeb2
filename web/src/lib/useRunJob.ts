import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { errorMessage } from '../api/client';
import { useCancelJob, useJob, useStartJob } from '../api/hooks';
import { isTerminal, type Id, type Job } from '../api/types';

export interface RunJobOptions {
  /** Queries to refresh once the job has finished, whatever its outcome (KPIs always are). */
  invalidate?: QueryKey[];
  /**
   * Called once when the job completes with the id of the result it stored
   * (`job.result.result_id`, docs/api.md); not called for a job that stored none.
   */
  onResult?: (resultId: Id) => void;
}

export interface RunJob<TBody> {
  /** POSTs the body to the run endpoint and follows the job it returns. */
  run: (body: TBody) => Promise<void>;
  /** The job this page started last, as the WebSocket or polling last reported it. */
  job: Job | undefined;
  /** True from the POST until the job reaches a terminal state. */
  active: boolean;
  /** Why the POST was refused (bad request, no session, ...) or the job could not be read, or null. */
  error: string | null;
  cancel: () => void;
  cancelling: boolean;
}

/** The stored result a finished job names, or null. */
export function resultIdOf(job: Job): Id | null {
  return job.result?.result_id ?? null;
}

/**
 * Starts a job (backtest, screen, sample data) and follows it to its end: progress from the
 * system WebSocket with polling as the fallback (useJob), cancel, and on completion the
 * refreshed queries and the id of the stored result.
 */
export function useRunJob<TBody>(path: string, options: RunJobOptions = {}): RunJob<TBody> {
  const qc = useQueryClient();
  const start = useStartJob<TBody>(path);
  const cancel = useCancelJob();
  const [jobId, setJobId] = useState<Id | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useJob(jobId);
  const job = query.data !== undefined && jobId !== null && String(query.data.id) === String(jobId) ? query.data : undefined;
  const finished = useRef<string | null>(null);
  const opts = useRef(options);
  opts.current = options;

  useEffect(() => {
    if (!job || !isTerminal(job) || finished.current === String(job.id)) return;
    finished.current = String(job.id);
    for (const queryKey of [['kpis'], ...(opts.current.invalidate ?? [])]) qc.invalidateQueries({ queryKey });
    const resultId = job.status === 'completed' ? resultIdOf(job) : null;
    if (resultId !== null) opts.current.onResult?.(resultId);
  }, [job, qc]);

  const { mutateAsync } = start;
  const run = useCallback(
    async (body: TBody) => {
      setError(null);
      try {
        setJobId((await mutateAsync(body)).job_id);
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [mutateAsync],
  );

  const { mutate } = cancel;
  return {
    run,
    job,
    active: start.isPending || (jobId !== null && !isTerminal(job) && !query.isError),
    error: error ?? (query.isError ? errorMessage(query.error) : null),
    cancel: useCallback(() => {
      if (jobId !== null) mutate(jobId);
    }, [jobId, mutate]),
    cancelling: cancel.isPending,
  };
}
