import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import { JobProgress } from '../components/JobProgress';
import { SystemSocketProvider } from '../lib/ws';
import { useRunJob } from '../lib/useRunJob';
import type { Id, Job } from '../api/types';
import { mockFetch, renderWith } from './util';

/** A page in miniature: a run button, the job's progress, the start error, and a list query. */
function Runner({ onResult }: { onResult?: (id: Id) => void }) {
  const runner = useRunJob<{ strategy: string }>('/api/backtest/run/', { invalidate: [['things']], onResult });
  useQuery({ queryKey: ['things'], queryFn: () => get<unknown[]>('/api/things/') });
  return (
    <div>
      <button data-testid="run" disabled={runner.active} onClick={() => void runner.run({ strategy: 'sma_cross' })}>
        run
      </button>
      {runner.error && <p data-testid="run-error">{runner.error}</p>}
      {runner.job && <JobProgress job={runner.job} onCancel={runner.cancel} cancelling={runner.cancelling} />}
    </div>
  );
}

const job = (over: Partial<Job>): Job => ({ id: 'job-1', job_type: 'backtest', status: 'pending', progress: 0, ...over });

/** Job states served one per poll; the last one repeats. */
function jobRoutes(states: Partial<Job>[]) {
  let n = 0;
  return {
    'POST /api/backtest/run/': { status: 202, body: { job_id: 'job-1' } },
    'GET /api/jobs/job-1/': () => ({ body: job(states[Math.min(n++, states.length - 1)]) }),
    'GET /api/things/': { body: [] },
  };
}

const count = (calls: { url: string; method: string }[], method: string, url: string) =>
  calls.filter((c) => c.method === method && c.url.split('?')[0] === url).length;

describe('useRunJob (polling fallback, no WebSocket)', () => {
  it('follows the job to completion and reports the result id the job names, once', async () => {
    const { calls } = mockFetch(
      jobRoutes([
        { status: 'running', progress: 0.25, progress_message: 'step 1' },
        { status: 'completed', progress: 1, result: { result_id: 42, metrics: {} } },
      ]),
    );
    const onResult = vi.fn();
    renderWith(<Runner onResult={onResult} />);
    await waitFor(() => expect(count(calls, 'GET', '/api/things/')).toBe(1));
    fireEvent.click(screen.getByTestId('run'));
    await waitFor(() => expect(screen.getByTestId('progress-pct').textContent).toBe('25%'));
    expect((screen.getByTestId('run') as HTMLButtonElement).disabled).toBe(true);
    await waitFor(() => expect(onResult).toHaveBeenCalledWith(42), { timeout: 4000 });
    expect(screen.getByTestId('job-progress').getAttribute('data-terminal')).toBe('true');
    expect((screen.getByTestId('run') as HTMLButtonElement).disabled).toBe(false);
    // The queries named in `invalidate` are fetched again once the job has finished.
    await waitFor(() => expect(count(calls, 'GET', '/api/things/')).toBe(2));
    const polled = count(calls, 'GET', '/api/jobs/job-1/');
    await act(() => new Promise((r) => setTimeout(r, 1300)));
    expect(count(calls, 'GET', '/api/jobs/job-1/')).toBe(polled); // polling stopped
    expect(onResult).toHaveBeenCalledTimes(1);
    expect(calls.every((c) => !c.url.includes('/results/'))).toBe(true); // no result-list lookup
  });

  it('reports no result for a failed job and frees the run button', async () => {
    mockFetch(jobRoutes([{ status: 'failed', progress: 0.2, error: 'no stored series' }]));
    const onResult = vi.fn();
    renderWith(<Runner onResult={onResult} />);
    fireEvent.click(screen.getByTestId('run'));
    expect(await screen.findByText('no stored series')).toBeTruthy();
    expect(screen.getByTestId('job-progress').getAttribute('data-terminal')).toBe('true');
    expect((screen.getByTestId('run') as HTMLButtonElement).disabled).toBe(false);
    expect(onResult).not.toHaveBeenCalled();
  });

  it('reports nothing for a completed job that stored no result', async () => {
    mockFetch(jobRoutes([{ status: 'completed', progress: 1, result: { files: [] } }]));
    const onResult = vi.fn();
    renderWith(<Runner onResult={onResult} />);
    fireEvent.click(screen.getByTestId('run'));
    await waitFor(() => expect(screen.getByTestId('job-progress').getAttribute('data-status')).toBe('completed'));
    expect(onResult).not.toHaveBeenCalled();
  });

  it('shows why the server refused to start the job', async () => {
    const { calls } = mockFetch({
      'POST /api/backtest/run/': { status: 400, body: { error: 'unknown strategy: nope' } },
      'GET /api/things/': { body: [] },
    });
    renderWith(<Runner />);
    fireEvent.click(screen.getByTestId('run'));
    expect((await screen.findByTestId('run-error')).textContent).toBe('unknown strategy: nope');
    expect(screen.queryByTestId('job-progress')).toBeNull();
    expect((screen.getByTestId('run') as HTMLButtonElement).disabled).toBe(false);
    expect(calls.some((c) => c.url.startsWith('/api/jobs/'))).toBe(false);
  });

  it('cancels the job it started', async () => {
    const { calls } = mockFetch({
      ...jobRoutes([{ status: 'running', progress: 0.5 }]),
      'POST /api/jobs/job-1/cancel/': { body: job({ status: 'cancelled', progress: 0.5 }) },
    });
    renderWith(<Runner />);
    fireEvent.click(screen.getByTestId('run'));
    fireEvent.click(await screen.findByTestId('cancel-job'));
    await waitFor(() => expect(screen.getByTestId('job-progress').getAttribute('data-status')).toBe('cancelled'));
    expect(count(calls, 'POST', '/api/jobs/job-1/cancel/')).toBe(1);
    expect(screen.queryByTestId('cancel-job')).toBeNull();
  });
});

describe('useRunJob over the WebSocket', () => {
  it('applies pushed job frames to the progress bar and reports the result id', async () => {
    const sockets: FakeSocket[] = [];
    class FakeSocket {
      onopen: (() => void) | null = null;
      onmessage: ((e: { data: string }) => void) | null = null;
      onclose: (() => void) | null = null;
      onerror: (() => void) | null = null;
      url: string;
      constructor(url: string) {
        this.url = url;
        sockets.push(this);
        setTimeout(() => this.onopen?.(), 0);
      }
      close() {}
    }
    vi.stubGlobal('WebSocket', FakeSocket);
    mockFetch(jobRoutes([{ status: 'pending', progress: 0 }]));
    const onResult = vi.fn();
    renderWith(
      <SystemSocketProvider>
        <Runner onResult={onResult} />
      </SystemSocketProvider>,
    );
    fireEvent.click(screen.getByTestId('run'));
    await waitFor(() => expect(screen.getByTestId('progress-pct').textContent).toBe('0%'));
    expect(sockets[0].url).toMatch(/^ws:\/\/.*\/ws\/system\/$/);
    const push = (j: Partial<Job>) =>
      act(() => sockets[0].onmessage?.({ data: JSON.stringify({ type: 'job', job: job(j) }) }));
    act(() => sockets[0].onmessage?.({ data: JSON.stringify({ type: 'hello', server_time: 1 }) }));
    push({ status: 'running', progress: 0.6 });
    await waitFor(() => expect(screen.getByTestId('progress-pct').textContent).toBe('60%'));
    push({ status: 'completed', progress: 1, result: { result_id: 7 } });
    await waitFor(() => expect(onResult).toHaveBeenCalledWith(7));
  });
});
