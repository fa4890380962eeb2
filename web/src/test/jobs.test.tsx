import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { useEffect } from 'react';
import { JobProgress } from '../components/JobProgress';
import { SystemSocketProvider } from '../lib/ws';
import { useTrackedJob } from '../lib/useTrackedJob';
import type { Job } from '../api/types';
import { mockFetch, renderWith } from './util';

function Runner({ onDone }: { onDone: (j: Job) => void }) {
  const { setJobId, job } = useTrackedJob(onDone);
  useEffect(() => setJobId('job-1'), [setJobId]);
  return job ? <JobProgress job={job} /> : null;
}

describe('job progress without a WebSocket (polling fallback)', () => {
  it('polls /api/jobs/<id>/ until the job completes, then calls back once', async () => {
    const states: Partial<Job>[] = [
      { status: 'running', progress: 0.25, progress_message: 'step 1' },
      { status: 'running', progress: 0.75, progress_message: 'step 3' },
      { status: 'completed', progress: 1, progress_message: 'done' },
    ];
    let n = 0;
    const { calls } = mockFetch({
      'GET /api/jobs/job-1/': () => ({ body: { id: 'job-1', job_type: 'backtest', ...states[Math.min(n++, states.length - 1)] } }),
    });
    const onDone = vi.fn();
    renderWith(
      <SystemSocketProvider>
        <Runner onDone={onDone} />
      </SystemSocketProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('progress-pct').textContent).toBe('25%'));
    await waitFor(() => expect(screen.getByTestId('progress-pct').textContent).toBe('100%'), { timeout: 4000 });
    expect(screen.getByTestId('job-progress').getAttribute('data-status')).toBe('completed');
    expect(onDone).toHaveBeenCalledTimes(1);
    const polled = calls.length;
    await act(() => new Promise((r) => setTimeout(r, 1300)));
    expect(calls.length).toBe(polled); // polling stopped
  });
});

describe('job progress over the WebSocket', () => {
  it('applies pushed job frames to the progress bar', async () => {
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
    mockFetch({ 'GET /api/jobs/job-1/': { body: { id: 'job-1', job_type: 'backtest', status: 'pending', progress: 0 } } });
    renderWith(
      <SystemSocketProvider>
        <Runner onDone={() => {}} />
      </SystemSocketProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('progress-pct').textContent).toBe('0%'));
    expect(sockets[0].url).toMatch(/^ws:\/\/.*\/ws\/system\/$/);
    act(() => {
      sockets[0].onmessage?.({ data: JSON.stringify({ type: 'hello', server_time: 1 }) });
      sockets[0].onmessage?.({ data: JSON.stringify({ type: 'job', job: { id: 'job-1', job_type: 'backtest', status: 'running', progress: 0.6 } }) });
    });
    await waitFor(() => expect(screen.getByTestId('progress-pct').textContent).toBe('60%'));
  });
});
