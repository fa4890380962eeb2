import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';

vi.mock('lightweight-charts', () => {
  const series = { setData: () => {}, createPriceLine: () => ({}), priceScale: () => ({ applyOptions: () => {} }) };
  return {
    ColorType: { Solid: 'solid' },
    LineSeries: {},
    AreaSeries: {},
    CandlestickSeries: {},
    HistogramSeries: {},
    createChart: () => ({
      addSeries: () => series,
      panes: () => [{ setStretchFactor: () => {} }, { setStretchFactor: () => {} }],
      timeScale: () => ({ fitContent: () => {} }),
      remove: () => {},
    }),
  };
});

import DashboardPage from '../pages/Dashboard';
import BacktestPage from '../pages/Backtest';
import ScreeningPage from '../pages/Screening';
import { setCsrfToken } from '../api/client';
import { mockFetch, renderWith } from './util';

const FILE = { exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', rows: 2160, first: 1_700_000_000_000, last: 1_707_000_000_000, size_bytes: 100000, file: 'sample/BTC_USDT_1h.parquet' };
const METRICS = { total_return: 0.1, sharpe_ratio: 1.2, sortino_ratio: 1.5, max_drawdown_pct: 0.08, max_drawdown_amount: 880, win_rate: 0.5, profit_factor: 1.4, num_trades: 10, final_value: 11000 };

describe('Dashboard page', () => {
  it('shows KPIs, recent jobs and data coverage', async () => {
    mockFetch({
      'GET /api/dashboard/kpis/': { body: { data_files: 1, total_bars: 2160, backtests: 3, screens: 1, jobs: { completed: 4 } } },
      'GET /api/jobs/': { body: [{ id: 'a1', job_type: 'backtest', status: 'completed', progress: 1, created_at: '2024-01-01T00:00:00Z' }] },
      'GET /api/data/': { body: [FILE] },
    });
    renderWith(<DashboardPage />);
    expect((await screen.findByTestId('kpi-total-bars')).textContent).toContain('2,160');
    expect(await screen.findAllByTestId('job-row')).toHaveLength(1);
    expect(await screen.findAllByTestId('data-row')).toHaveLength(1);
  });

  it('shows an error with retry when the API fails', async () => {
    mockFetch({
      'GET /api/dashboard/kpis/': { status: 500, body: { error: 'database is locked' } },
      'GET /api/jobs/': { body: [] },
      'GET /api/data/': { body: [] },
    });
    renderWith(<DashboardPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('database is locked');
    expect(await screen.findAllByTestId('empty')).toHaveLength(2);
  });
});

describe('Backtest page', () => {
  it('runs a backtest: POST with CSRF, progress, then metrics and the equity chart of the result the job names', async () => {
    setCsrfToken('csrf-1');
    let jobPolls = 0;
    const { calls } = mockFetch({
      'GET /api/backtest/strategies/': { body: [{ name: 'sma_cross', description: 'SMA crossover', params: { fast: 10, slow: 30 } }] },
      'GET /api/data/': { body: [FILE] },
      // The history never lists the new result: the page must take its id from the job.
      'GET /api/backtest/results/': { body: [] },
      'POST /api/backtest/run/': { status: 202, body: { job_id: 'job-9' } },
      'GET /api/jobs/job-9/': () => {
        const finished = ++jobPolls >= 2;
        return {
          body: { id: 'job-9', job_type: 'backtest', status: finished ? 'completed' : 'running', progress: finished ? 1 : 0.5, result: finished ? { result_id: 7 } : null },
        };
      },
      'GET /api/backtest/results/7/': {
        body: {
          id: 7, job_id: 'job-9', exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_cross', metrics: METRICS,
          created_at: '2024-01-01T00:00:00Z', params: { fast: 10, slow: 30 }, trades: [],
          equity_curve: [
            { timestamp: 1_700_000_000_000, equity: 10000, drawdown: 0 },
            { timestamp: 1_700_003_600_000, equity: 11000, drawdown: 0 },
          ],
        },
      },
    });
    renderWith(<BacktestPage />);
    expect(await screen.findByTestId('empty')).toBeTruthy(); // no history yet
    await waitFor(() => expect((screen.getByTestId('param-fast') as HTMLInputElement).value).toBe('10'));
    fireEvent.change(screen.getByTestId('param-fast'), { target: { value: '12' } });
    await waitFor(() => expect((screen.getByTestId('run-backtest') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('run-backtest'));
    await screen.findByTestId('progress-bar');
    const run = calls.find((c) => c.method === 'POST')!;
    expect(run.url).toBe('/api/backtest/run/');
    expect(run.headers['X-CSRFToken']).toBe('csrf-1');
    expect(run.body).toMatchObject({ exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_cross', params: { fast: 12, slow: 30 }, cash: 10000, fees: 0.001 });
    const chart = await screen.findByTestId('equity-chart', {}, { timeout: 5000 });
    expect(chart.getAttribute('data-points')).toBe('2');
    expect(screen.getByTestId('metric-total_return').textContent).toContain('10.00%');
    expect(screen.getByTestId('backtest-detail').getAttribute('data-job-id')).toBe('job-9');
    expect(screen.getByTestId('export-csv').getAttribute('href')).toBe('/api/backtest/export/?id=7');
    // The history is refreshed once the job is done.
    await waitFor(() => expect(calls.filter((c) => c.url.startsWith('/api/backtest/results/?')).length).toBe(2));
  });

  it('says which number field is empty instead of starting a job that fails', async () => {
    const { calls } = mockFetch({
      'GET /api/backtest/strategies/': { body: [{ name: 'sma_crossover', description: '', params: { fast: 10, slow: 30 } }] },
      'GET /api/data/': { body: [FILE] },
      'GET /api/backtest/results/': { body: [] },
    });
    renderWith(<BacktestPage />);
    await waitFor(() => expect((screen.getByTestId('param-fast') as HTMLInputElement).value).toBe('10'));
    fireEvent.change(screen.getByTestId('param-fast'), { target: { value: '' } });
    await waitFor(() => expect((screen.getByTestId('run-backtest') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('run-backtest'));
    expect((await screen.findByTestId('error')).textContent).toContain('fast: enter a number.');
    fireEvent.change(screen.getByTestId('param-fast'), { target: { value: '12' } });
    fireEvent.change(screen.getByTestId('backtest-cash'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('run-backtest'));
    await waitFor(() => expect(screen.getByTestId('error').textContent).toContain('Cash: enter a number.'));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});

describe('Screening page', () => {
  it('lists strategies and renders the heat-map of the latest result', async () => {
    mockFetch({
      'GET /api/screening/strategies/': { body: [{ name: 'sma_crossover', description: 'SMA', combinations: 4 }] },
      'GET /api/data/': { body: [FILE] },
      'GET /api/screening/results/': {
        body: [{ id: 3, job_id: 'j', exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_crossover', total_combinations: 4, top_sharpe: 1.1, top_return: 0.2, created_at: '2024-01-01T00:00:00Z' }],
      },
      'GET /api/screening/results/3/': {
        body: {
          id: 3, job_id: 'j', exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_crossover', total_combinations: 4, top_sharpe: 1.1,
          top_return: 0.2, created_at: '2024-01-01T00:00:00Z',
          top_results: [{ params: { fast: 5, slow: 20 }, total_return: 0.2, sharpe_ratio: 1.1, max_drawdown_pct: 0.1, win_rate: 0.5, profit_factor: 1.3, num_trades: 8 }],
          heatmap: { x_label: 'fast', y_label: 'slow', x: [5, 10], y: [20, 30], z: [[1.1, 0.4], [null, -0.2]] },
        },
      },
    });
    renderWith(<ScreeningPage />);
    expect(await screen.findAllByTestId('strategy-item')).toHaveLength(1);
    expect(await screen.findAllByTestId('heatmap-cell')).toHaveLength(4);
    expect(screen.getAllByTestId('top-result-row')).toHaveLength(1);
  });

  it('runs a screen and shows the result the job names, infinite Sharpe ratios as ∞', async () => {
    let jobPolls = 0;
    mockFetch({
      'GET /api/screening/strategies/': { body: [{ name: 'sma_crossover', description: 'SMA', combinations: 4 }] },
      'GET /api/data/': { body: [FILE] },
      'GET /api/screening/results/': { body: [] },
      'POST /api/screening/run/': { status: 202, body: { job_id: 'job-4' } },
      'GET /api/jobs/job-4/': () => {
        const finished = ++jobPolls >= 2;
        return {
          body: { id: 'job-4', job_type: 'screening', status: finished ? 'completed' : 'running', progress: finished ? 1 : 0.5, result: finished ? { result_id: 12, result_ids: [12] } : null },
        };
      },
      'GET /api/screening/results/12/': {
        body: {
          id: 12, job_id: 'job-4', exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_crossover', total_combinations: 4, top_sharpe: null,
          top_return: 0.2, created_at: '2024-01-01T00:00:00Z', heatmap: null,
          top_results: [
            { params: { fast: 50, slow: 200 }, total_return: 0, sharpe_ratio: 'inf', max_drawdown_pct: 0, win_rate: null, profit_factor: null, num_trades: 0 },
            { params: { fast: 5, slow: 20 }, total_return: 0.2, sharpe_ratio: 1.1, max_drawdown_pct: 0.1, win_rate: 0.5, profit_factor: 'inf', num_trades: 8 },
          ],
        },
      },
    });
    renderWith(<ScreeningPage />);
    expect(await screen.findByText('No screens yet: run one above.')).toBeTruthy();
    await waitFor(() => expect((screen.getByTestId('run-screen') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('run-screen'));
    const rows = await screen.findAllByTestId('top-result-row', {}, { timeout: 5000 });
    expect(rows).toHaveLength(2);
    expect(screen.getByTestId('screen-detail').getAttribute('data-job-id')).toBe('job-4');
    expect(rows[0].children[1].textContent).toBe('∞');
    expect(rows[1].children[5].textContent).toBe('∞');
    expect(rows[0].children[4].textContent).toBe('—');
    expect(screen.getByTestId('heatmap-card').textContent).toContain('No heat-map');
  });
});

describe('Backtest compare', () => {
  it('compares the selected results and marks the best value', async () => {
    const item = (id: number, total_return: number) => ({
      id, job_id: `j${id}`, exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_cross',
      metrics: { ...METRICS, total_return }, created_at: '2024-01-01T00:00:00Z',
    });
    const { calls } = mockFetch({
      'GET /api/backtest/strategies/': { body: [{ name: 'sma_cross', description: '', params: {} }] },
      'GET /api/data/': { body: [FILE] },
      'GET /api/backtest/results/': { body: [item(2, -0.1), item(1, 0.3)] },
      'GET /api/backtest/results/2/': { body: { ...item(2, -0.1), equity_curve: [], trades: [], params: {} } },
      'GET /api/backtest/compare/': { body: [item(2, -0.1), item(1, 0.3)] },
    });
    renderWith(<BacktestPage />);
    const checks = await screen.findAllByTestId('compare-check');
    expect((screen.getByTestId('compare-button') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(checks[0]);
    fireEvent.click(checks[1]);
    fireEvent.click(screen.getByTestId('compare-button'));
    const table = await screen.findByTestId('compare-table');
    expect(calls.some((c) => c.url === '/api/backtest/compare/?ids=2,1')).toBe(true);
    const best = table.querySelector('[data-best=true]');
    expect(best?.textContent).toBe('30.00%');
  });

  // Issue 18 item 5: one drawdown display. The API's positive max_drawdown_pct / _amount are
  // shown as the fall below the peak, the same in the card, the history and the comparison.
  it('shows the drawdown the same way in the cards, the history and the comparison', async () => {
    // Equity 100 -> 120 -> 90 -> 130: 30 below the 120 peak, 25 %; the other run fell 10 %.
    const item = (id: number, pct: number, amount: number) => ({
      id, job_id: `j${id}`, exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_cross',
      metrics: { ...METRICS, max_drawdown_pct: pct, max_drawdown_amount: amount }, created_at: '2024-01-01T00:00:00Z',
    });
    const list = [item(2, 0.25, 30), item(1, 0.1, 12)];
    mockFetch({
      'GET /api/backtest/strategies/': { body: [{ name: 'sma_cross', description: '', params: {} }] },
      'GET /api/data/': { body: [FILE] },
      'GET /api/backtest/results/': { body: list },
      'GET /api/backtest/results/2/': { body: { ...list[0], equity_curve: [], trades: [], params: {} } },
      'GET /api/backtest/compare/': { body: list },
    });
    renderWith(<BacktestPage />);
    const card = await screen.findByTestId('metric-max_drawdown_pct');
    expect(card.textContent).toContain('-25.00%');
    expect(screen.getByTestId('metric-max_drawdown_amount').textContent).toBe('-30.00');
    expect(screen.getAllByTestId('history-drawdown').map((e) => e.textContent)).toEqual(['-25.00%', '-10.00%']);
    for (const c of screen.getAllByTestId('compare-check')) fireEvent.click(c);
    fireEvent.click(screen.getByTestId('compare-button'));
    const table = await screen.findByTestId('compare-table');
    const row = (label: string) => [...table.querySelectorAll('tbody tr')].find((tr) => tr.querySelector('td')?.textContent === label)!;
    const cells = (label: string) => [...row(label).querySelectorAll('td')].slice(1).map((td) => td.textContent);
    expect(cells('Max drawdown')).toEqual(['-25.00%', '-10.00%']);
    expect(cells('Max drawdown (cash)')).toEqual(['-30.00', '-12.00']);
    expect(row('Max drawdown').querySelector('[data-best=true]')?.textContent).toBe('-10.00%'); // the smaller fall
  });

  it('counts an infinite profit factor as the best one', async () => {
    const item = (id: number, profit_factor: number | 'inf' | null) => ({
      id, job_id: `j${id}`, exchange: 'sample', symbol: 'BTC/USDT', timeframe: '1h', strategy: 'sma_cross',
      metrics: { ...METRICS, profit_factor }, created_at: '2024-01-01T00:00:00Z',
    });
    const list = [item(1, 1.4), item(2, 'inf'), item(3, null)];
    mockFetch({
      'GET /api/backtest/strategies/': { body: [{ name: 'sma_cross', description: '', params: {} }] },
      'GET /api/data/': { body: [FILE] },
      'GET /api/backtest/results/': { body: list },
      'GET /api/backtest/results/1/': { body: { ...list[0], equity_curve: [], trades: [], params: {} } },
      'GET /api/backtest/compare/': { body: list },
    });
    renderWith(<BacktestPage />);
    const checks = await screen.findAllByTestId('compare-check');
    for (const c of checks) fireEvent.click(c);
    fireEvent.click(screen.getByTestId('compare-button'));
    const table = await screen.findByTestId('compare-table');
    const row = [...table.querySelectorAll('tbody tr')].find((tr) => tr.textContent?.startsWith('Profit factor'))!;
    expect([...row.querySelectorAll('td')].slice(1).map((td) => td.textContent)).toEqual(['1.40', '∞', '—']);
    expect(row.querySelector('[data-best=true]')?.textContent).toBe('∞');
  });
});
