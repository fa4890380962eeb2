import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { TradesTable } from '../components/TradesTable';
import type { Trade } from '../api/types';

const trades: Trade[] = Array.from({ length: 120 }, (_, i) => ({
  entry_time: 1_700_000_000_000 + i * 3_600_000,
  exit_time: i === 119 ? null : 1_700_000_000_000 + i * 3_600_000 + 1_800_000,
  side: 'long',
  entry_price: 100 + i,
  exit_price: i === 119 ? null : 101 + i,
  size: 1,
  pnl: i === 119 ? null : 1,
  fee: 0.1,
}));

describe('TradesTable', () => {
  it('pages through every trade and says where it is', () => {
    render(<TradesTable trades={trades} />);
    expect(screen.getAllByTestId('trade-row')).toHaveLength(50);
    expect(screen.getByTestId('trades-range').textContent).toBe('1–50 of 120');
    expect((screen.getByTestId('trades-prev') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('trades-next'));
    expect(screen.getByTestId('trades-range').textContent).toBe('51–100 of 120');
    expect(screen.getAllByTestId('trade-row')[0].textContent).toContain('51');
    fireEvent.click(screen.getByTestId('trades-next'));
    expect(screen.getByTestId('trades-range').textContent).toBe('101–120 of 120');
    expect(screen.getAllByTestId('trade-row')).toHaveLength(20);
    expect((screen.getByTestId('trades-next') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getAllByTestId('trade-row')[19].textContent).toContain('open');
    fireEvent.click(screen.getByTestId('trades-prev'));
    expect(screen.getByTestId('trades-range').textContent).toBe('51–100 of 120');
  });

  it('has no pager for one page and an empty state for none', () => {
    const { unmount } = render(<TradesTable trades={trades.slice(0, 3)} />);
    expect(screen.getByTestId('trades-range').textContent).toBe('1–3 of 3');
    expect(screen.queryByTestId('trades-next')).toBeNull();
    unmount();
    render(<TradesTable trades={[]} />);
    expect(screen.getByTestId('empty').textContent).toBe('No trades.');
  });
});
