import type { Id, Job } from '../api/types';

/**
 * Which stored result a finished job produced. docs/api.md gives results a `job_id`, so the
 * list is searched; a `result_id` (or `id`/`result_ids`) in job.result is used first if present.
 */
export function resultIdForJob<T extends { id: Id; job_id: Id }>(job: Job, results: T[] | undefined): Id | null {
  const r = job.result as Record<string, unknown> | null | undefined;
  if (r) {
    if (typeof r.result_id === 'number' || typeof r.result_id === 'string') return r.result_id;
    if (Array.isArray(r.result_ids) && r.result_ids.length > 0) return r.result_ids[0] as Id;
  }
  const hit = results?.find((x) => String(x.job_id) === String(job.id));
  if (hit) return hit.id;
  if (r && (typeof r.id === 'number' || typeof r.id === 'string') && String(r.id) !== String(job.id)) return r.id;
  return null;
}

/**
 * Fetch `listPath` until it holds the result of `job` (the row may land a moment after the job
 * reports completed); a few tries, then null.
 */
export async function waitForResultOfJob<T extends { id: Id; job_id: Id }>(
  job: Job,
  fetchList: () => Promise<T[]>,
  tries = 5,
  delayMs = 400,
): Promise<Id | null> {
  for (let i = 0; i < tries; i++) {
    const list = await fetchList().catch(() => undefined);
    const id = resultIdForJob(job, list);
    if (id !== null) return id;
    await new Promise((r) => setTimeout(r, delayMs));
  }
  return null;
}
