import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { KpiCards } from '../components/KpiCards';
import { JobProgress, ProgressBar, fmtDuration } from '../components/JobProgress';
import { Heatmap, heatColor } from '../components/Heatmap';
import { ThemeToggle } from '../components/ThemeToggle';
import { MetricsCards } from '../components/MetricsCards';
import { ThemeProvider, THEME_KEY } from '../lib/theme';
import type { Job } from '../api/types';

describe('KpiCards', () => {
  it('renders the numbers', () => {
    render(
      <KpiCards kpis={{ data_files: 4, total_bars: 123456, backtests: 7, screens: 2, jobs: { running: 1, pending: 2, completed: 9, failed: 1, cancelled: 0 } }} />,
    );
    expect(screen.getByTestId('kpi-data-files').textContent).toContain('4');
    expect(screen.getByTestId('kpi-total-bars').textContent).toContain('123,456');
    expect(screen.getByTestId('kpi-backtests').textContent).toContain('7');
    expect(screen.getByTestId('kpi-screens').textContent).toContain('2');
    expect(screen.getByTestId('kpi-active-jobs').textContent).toContain('3');
    expect(screen.getByTestId('kpi-active-jobs').textContent).toContain('1 running · 2 pending');
    expect(screen.getByTestId('kpi-finished-jobs').textContent).toContain('9');
  });

  it('copes with missing job counts', () => {
    render(<KpiCards kpis={{ data_files: 0, total_bars: 0, backtests: 0, screens: 0, jobs: {} }} />);
    expect(screen.getAllByTestId('kpi-value').map((e) => e.textContent)).toEqual(['0', '0', '0', '0', '0', '0']);
  });
});

describe('job progress bar', () => {
  const job = (over: Partial<Job>): Job => ({ id: 'j1', job_type: 'backtest', status: 'running', progress: 0.42, progress_message: 'bar 420 of 1000', ...over });

  it('shows the percentage, width and message', () => {
    render(<JobProgress job={job({})} />);
    const bar = screen.getByTestId('progress-bar');
    expect(bar.getAttribute('aria-valuenow')).toBe('42');
    expect((screen.getByTestId('progress-fill') as HTMLElement).style.width).toBe('42%');
    expect(screen.getByTestId('progress-pct').textContent).toBe('42%');
    expect(screen.getByText('bar 420 of 1000')).toBeTruthy();
    expect(screen.getByTestId('job-progress').getAttribute('data-status')).toBe('running');
  });

  it('clamps out-of-range values', () => {
    render(<ProgressBar value={1.7} />);
    expect(screen.getByTestId('progress-bar').getAttribute('aria-valuenow')).toBe('100');
  });

  it('shows the error of a failed job and no cancel button', () => {
    render(<JobProgress job={job({ status: 'failed', error: 'no data' })} onCancel={() => {}} />);
    expect(screen.getByText('no data')).toBeTruthy();
    expect(screen.queryByTestId('cancel-job')).toBeNull();
  });

  // Issue 18 item 5: a finished job shows its final state, never a step left from the run.
  it('shows a finished job\'s final state, not its last step', () => {
    const times = { started_at: '2024-01-01T00:00:01Z', completed_at: '2024-01-01T00:00:04.200Z' };
    const { rerender } = render(<JobProgress job={job({ status: 'completed', progress: 1, progress_message: 'loading data', ...times })} />);
    expect(screen.getByTestId('job-message').textContent).toBe('done in 3.2 s');
    expect(screen.queryByText('loading data')).toBeNull();
    rerender(<JobProgress job={job({ status: 'failed', progress_message: 'loading data', error: 'no data', ...times })} />);
    expect(screen.getByTestId('job-message').textContent).toBe('failed after 3.2 s');
    rerender(<JobProgress job={job({ status: 'cancelled', progress_message: 'loading data', started_at: null, completed_at: times.completed_at })} />);
    expect(screen.getByTestId('job-message').textContent).toBe('cancelled');
    rerender(<JobProgress job={job({ status: 'running', progress_message: 'loading data', ...times })} />);
    expect(screen.getByTestId('job-message').textContent).toBe('loading data');
  });

  it('writes durations as the server does', () => {
    expect(fmtDuration(3200)).toBe('3.2 s');
    expect(fmtDuration(65_000)).toBe('1 min 5 s');
    expect(fmtDuration((2 * 3600 + 5 * 60 + 30) * 1000)).toBe('2 h 5 min');
  });

  it('offers cancel while running', () => {
    let n = 0;
    render(<JobProgress job={job({})} onCancel={() => n++} />);
    fireEvent.click(screen.getByTestId('cancel-job'));
    expect(n).toBe(1);
  });
});

describe('Heatmap', () => {
  const data = { x_label: 'fast', y_label: 'slow', x: [5, 10, 20], y: [50, 100], z: [[1.5, -0.5, null], [0.2, 2.0, -1.0]] };

  it('renders one cell per (x, y)', () => {
    render(<Heatmap data={data} />);
    const cells = screen.getAllByTestId('heatmap-cell');
    expect(cells).toHaveLength(6);
    expect(cells[0].textContent).toBe('1.50');
    expect(cells[2].textContent).toBe('');
    expect(cells[2].getAttribute('title')).toContain('n/a');
    expect(cells[4].getAttribute('title')).toBe('slow=100, fast=10: 2.000');
  });

  it('colours positive green, negative red, null grey', () => {
    expect(heatColor(2, 2)).toMatch(/^rgba\(16,185,129,1\.000\)$/);
    expect(heatColor(-1, 2)).toMatch(/^rgba\(244,63,94/);
    expect(heatColor(null, 2)).toMatch(/148,163,184/);
  });
});

describe('MetricsCards', () => {
  it('formats the metrics', () => {
    render(<MetricsCards metrics={{ total_return: 0.1234, sharpe_ratio: 1.5, max_drawdown_pct: 0.2, max_drawdown_amount: 2000, num_trades: 12, win_rate: null }} />);
    expect(screen.getByTestId('metric-total_return').textContent).toContain('12.34%');
    expect(screen.getByTestId('metric-sharpe_ratio').textContent).toContain('1.50');
    expect(screen.getByTestId('metric-max_drawdown_pct').textContent).toContain('-20.00%');
    expect(screen.getByTestId('metric-max_drawdown_amount').textContent).toBe('-2,000.00');
    expect(screen.getByTestId('metric-num_trades').textContent).toContain('12');
    expect(screen.getByTestId('metric-win_rate').textContent).toContain('—');
  });

  it('shows infinite ratios as ∞ and keeps the sign colour', () => {
    render(<MetricsCards metrics={{ total_return: 'inf', sharpe_ratio: '-inf', profit_factor: 'inf', max_drawdown_pct: 0 }} />);
    expect(screen.getByTestId('metric-profit_factor').textContent).toContain('∞');
    expect(screen.getByTestId('metric-sharpe_ratio').textContent).toContain('−∞');
    expect(screen.getByTestId('metric-total_return').innerHTML).toContain('text-emerald-600');
    expect(screen.getByTestId('metric-max_drawdown_pct').textContent).toContain('0.00%');
    expect(screen.getByTestId('metric-max_drawdown_pct').textContent).not.toContain('-0.00%');
    expect(screen.getByTestId('metric-max_drawdown_amount').textContent).toBe('—');
  });
});

describe('ThemeToggle', () => {
  it('toggles and persists the theme in localStorage', () => {
    localStorage.setItem(THEME_KEY, 'dark');
    const { unmount } = render(
      <ThemeProvider>
        <ThemeToggle />
      </ThemeProvider>,
    );
    expect(document.documentElement.classList.contains('dark')).toBe(true);
    fireEvent.click(screen.getByTestId('theme-toggle'));
    expect(localStorage.getItem(THEME_KEY)).toBe('light');
    expect(document.documentElement.classList.contains('dark')).toBe(false);
    unmount();
    render(
      <ThemeProvider>
        <ThemeToggle />
      </ThemeProvider>,
    );
    expect(screen.getByTestId('theme-toggle').getAttribute('data-theme')).toBe('light');
    fireEvent.click(screen.getByTestId('theme-toggle'));
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
    expect(document.documentElement.classList.contains('dark')).toBe(true);
  });
});
