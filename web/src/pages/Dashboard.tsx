import { Link } from 'react-router';
import { useDataFiles, useJobs, useKpis } from '../api/hooks';
import { DataFilesTable } from '../components/DataFilesTable';
import { JobsTable } from '../components/JobsTable';
import { KpiCards } from '../components/KpiCards';
import { QueryView, noItems } from '../components/QueryView';
import { Card, PageHeader } from '../components/ui';

export default function DashboardPage() {
  const kpis = useKpis();
  const jobs = useJobs(10);
  const data = useDataFiles();

  return (
    <div className="space-y-5">
      <PageHeader title="Dashboard" subtitle="Platform overview: data, research runs and jobs." />
      <QueryView query={kpis}>{(k) => <KpiCards kpis={k} />}</QueryView>

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
