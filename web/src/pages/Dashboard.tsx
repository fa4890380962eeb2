import { Link } from 'react-router';
import { useDataFiles, useJobs, useKpis } from '../api/hooks';
import { DataFilesTable } from '../components/DataFilesTable';
import { JobsTable } from '../components/JobsTable';
import { KpiCards } from '../components/KpiCards';
import { TickerTable } from '../components/Market';
import { useTickerFeed } from '../lib/tickers';
import { QueryView, noItems } from '../components/QueryView';
import { Card, Empty, Loading, PageHeader } from '../components/ui';
import { useState } from 'react';

const WATCHLISTS = ['crypto', 'equity', 'forex'];

/** Live prices of a watchlist (pushed every 10 s, REST as the fallback). */
export function WatchlistCard() {
  const [name, setName] = useState('crypto');
  const feed = useTickerFeed(name);
  return (
    <Card
      title="Watchlist"
      testId="watchlist-card"
      actions={
        <div className="flex items-center gap-2 text-xs">
          {feed.live && <span className="text-emerald-600 dark:text-emerald-400">live</span>}
          <select data-testid="watchlist-select" className="rounded border border-slate-300 bg-transparent px-1 py-0.5 dark:border-slate-700" value={name} onChange={(e) => setName(e.target.value)}>
            {WATCHLISTS.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </div>
      }
    >
      {feed.loading ? (
        <Loading label="Asking the venue…" />
      ) : feed.error ? (
        <div data-testid="watchlist-unreachable" className="text-sm text-amber-700 dark:text-amber-400">
          Venue unreachable: no live prices. {feed.error}
        </div>
      ) : feed.tickers.length === 0 ? (
        <Empty>No prices.</Empty>
      ) : (
        <TickerTable tickers={feed.tickers} history={feed.history} />
      )}
    </Card>
  );
}

export default function DashboardPage() {
  const kpis = useKpis();
  const jobs = useJobs(10);
  const data = useDataFiles();

  return (
    <div className="space-y-5">
      <PageHeader title="Dashboard" subtitle="Platform overview: data, research runs and jobs." />
      <QueryView query={kpis}>{(k) => <KpiCards kpis={k} />}</QueryView>

      <WatchlistCard />

      <Card title="Recent jobs" testId="recent-jobs">
        <QueryView
          query={jobs}
          isEmpty={noItems}
          empty={
            <>
              No jobs yet. Start one from <Link className="text-sky-600 underline" to="/backtest">Backtesting</Link> or{' '}
              <Link className="text-sky-600 underline" to="/screening">Screening</Link>.
            </>
          }
        >
          {(list) => <JobsTable jobs={list} />}
        </QueryView>
      </Card>

      <Card title="Data coverage" testId="data-coverage">
        <QueryView
          query={data}
          isEmpty={noItems}
          empty={
            <>
              No data files. Generate sample data on the <Link className="text-sky-600 underline" to="/data">Data</Link> page.
            </>
          }
        >
          {(list) => <DataFilesTable files={list} />}
        </QueryView>
      </Card>
    </div>
  );
}
