import { useState } from 'react';
import type { Trade } from '../api/types';
import { fmtInt, fmtNumber, fmtTime, signClass } from '../lib/format';
import { Empty, Table, btnSecondary, num, td, th } from './ui';

export const TRADES_PAGE_SIZE = 50;

/** Every trade of a run, a page at a time, with "51–100 of 9,623" and previous/next. */
export function TradesTable({ trades, pageSize = TRADES_PAGE_SIZE }: { trades: Trade[]; pageSize?: number }) {
  const [page, setPage] = useState(0);
  if (trades.length === 0) return <Empty>No trades.</Empty>;
  const pages = Math.ceil(trades.length / pageSize);
  const current = Math.min(page, pages - 1);
  const first = current * pageSize;
  const rows = trades.slice(first, first + pageSize);
  return (
    <div className="space-y-2">
      <Table testId="trades-table">
        <thead>
          <tr>
            <th className={th + ' ' + num}>#</th>
            <th className={th}>Entry</th>
            <th className={th}>Exit</th>
            <th className={th}>Side</th>
            <th className={th + ' ' + num}>Entry price</th>
            <th className={th + ' ' + num}>Exit price</th>
            <th className={th + ' ' + num}>Size</th>
            <th className={th + ' ' + num}>P&amp;L</th>
            <th className={th + ' ' + num}>Fee</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t, i) => (
            <tr key={first + i} data-testid="trade-row">
              <td className={td + ' ' + num + ' text-slate-400'}>{fmtInt(first + i + 1)}</td>
              <td className={td + ' whitespace-nowrap'}>{fmtTime(t.entry_time)}</td>
              <td className={td + ' whitespace-nowrap'}>{t.exit_time === null ? 'open' : fmtTime(t.exit_time)}</td>
              <td className={td}>{t.side}</td>
              <td className={td + ' ' + num}>{fmtNumber(t.entry_price)}</td>
              <td className={td + ' ' + num}>{fmtNumber(t.exit_price)}</td>
              <td className={td + ' ' + num}>{fmtNumber(t.size, 4)}</td>
              <td className={td + ' ' + num + ' ' + signClass(t.pnl)}>{fmtNumber(t.pnl)}</td>
              <td className={td + ' ' + num}>{fmtNumber(t.fee)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="flex items-center justify-between gap-2 text-xs text-slate-500 dark:text-slate-400" data-testid="trades-pager">
        <span data-testid="trades-range">
          {fmtInt(first + 1)}–{fmtInt(first + rows.length)} of {fmtInt(trades.length)}
        </span>
        {pages > 1 && (
          <div className="flex items-center gap-2">
            <button type="button" className={btnSecondary} data-testid="trades-prev" disabled={current === 0} onClick={() => setPage(current - 1)}>
              Previous
            </button>
            <span>
              page {fmtInt(current + 1)} of {fmtInt(pages)}
            </span>
            <button type="button" className={btnSecondary} data-testid="trades-next" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
              Next
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
