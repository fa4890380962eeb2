import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { JobsTable, jobResultLink, jobSubject } from '../components/JobsTable';
import { pageTitle } from '../components/Layout';
import type { Job } from '../api/types';

const job = (over: Partial<Job>): Job => ({ id: 'abcdef123456', job_type: 'backtest', status: 'completed', progress: 1, ...over });

describe('recent jobs', () => {
  it('says what a job worked on', () => {
    expect(jobSubject(job({ params: { strategy: 'sma_cross', exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h' } }))).toBe(
      'sma_cross · sample BTC/USDT 1h',
    );
    expect(jobSubject(job({ job_type: 'generate_sample', params: { exchange: 'sample', symbols: ['BTC/USDT', 'ETH/USDT'], timeframes: ['1h'] } }))).toBe(
      'sample · BTC/USDT, ETH/USDT 1h',
    );
    expect(jobSubject(job({ params: undefined }))).toBe('');
    expect(jobSubject(job({ params: { strategy: 42, symbol: '' } }))).toBe('');
  });

  it('links a completed backtest or screen to its result, nothing else', () => {
    expect(jobResultLink(job({ result: { result_id: 17 } }))).toBe('/backtest?result=17');
    expect(jobResultLink(job({ job_type: 'screening', result: { result_id: 'a b' } }))).toBe('/screening?result=a%20b');
    expect(jobResultLink(job({ status: 'failed', result: { result_id: 17 } }))).toBeNull();
    expect(jobResultLink(job({ result: null }))).toBeNull();
    expect(jobResultLink(job({ job_type: 'generate_sample', result: { result_id: 3 } }))).toBeNull();
  });

  it('renders the subject and the link in the table', () => {
    render(
      <MemoryRouter>
        <JobsTable
          jobs={[
            job({ params: { strategy: 'sma_cross', symbol: 'BTC/USDT' }, result: { result_id: 5 } }),
            job({ id: 'running1', status: 'running', progress: 0.5 }),
          ]}
        />
      </MemoryRouter>,
    );
    expect(screen.getAllByTestId('job-subject')[0].textContent).toBe('sma_cross · BTC/USDT');
    const links = screen.getAllByTestId('job-result-link');
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute('href')).toBe('/backtest?result=5');
  });
});

describe('recent jobs messages', () => {
  it('a finished job shows its final state, an active one its step', () => {
    render(
      <MemoryRouter>
        <JobsTable
          jobs={[
            job({ progress_message: 'loading data', started_at: '2024-01-01T00:00:00Z', completed_at: '2024-01-01T00:01:05Z' }),
            job({ id: 'f', status: 'failed', progress_message: 'loading data', error: 'no data' }),
            job({ id: 'r', status: 'running', progress: 0.1, progress_message: 'loading data' }),
          ]}
        />
      </MemoryRouter>,
    );
    expect(screen.getAllByTestId('job-message').map((e) => e.textContent)).toEqual(['done in 1 min 5 s', 'no data', 'loading data']);
  });
});

describe('page titles', () => {
  it('follow the page', () => {
    expect(pageTitle('/')).toBe('Dashboard · aitp');
    expect(pageTitle('/market')).toBe('Market Analysis · aitp');
    expect(pageTitle('/backtest')).toBe('Backtesting · aitp');
    expect(pageTitle('/screening/x')).toBe('Screening · aitp');
    expect(pageTitle('/nowhere')).toBe('aitp');
  });
});
