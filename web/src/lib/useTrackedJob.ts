import { useEffect, useRef, useState } from 'react';
import { isTerminal, useJob } from '../api/hooks';
import type { Id, Job } from '../api/types';

/** The job a page started: its live state, and a callback run once when it finishes. */
export function useTrackedJob(onDone?: (job: Job) => void) {
  const [jobId, setJobId] = useState<Id | null>(null);
  const job = useJob(jobId);
  const done = useRef<string | null>(null);
  const cb = useRef(onDone);
  cb.current = onDone;

  useEffect(() => {
    const j = job.data;
    if (j && jobId !== null && String(j.id) === String(jobId) && isTerminal(j) && done.current !== String(jobId)) {
      done.current = String(jobId);
      cb.current?.(j);
    }
  }, [job.data, jobId]);

  return { jobId, setJobId, job: job.data, jobError: job.error, running: !!jobId && !isTerminal(job.data) };
}
