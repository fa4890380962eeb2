import { Link } from 'react-router';
import { useDataFiles, useJobs, useKpis } from '../api/hooks';
import { DataFilesTable } from '../components/DataFilesTable';
import { JobsTable } from '../components/JobsTable';
import { KpiCards } from '../components/KpiCards';
import { Card, Empty, ErrorBox, Loading, PageHeader } from '../components/ui';

export default function DashboardPage() {
  const kpis = useKpis();
  const jobs = useJobs(10);
  const data = useDataFiles();

  return (
    <div className="space-y-5">
      <PageHeader title="Dashboard" subtitle="Platform overview: data, research runs and jobs." />
      {kpis.isPending ? (
        <Loading />
      ) : kpis.isError ? (
        <ErrorBox error={kpis.error} onRetry={() => kpis.refetch()} />
      ) : (
        <KpiCards kpis={kpis.data} />
      )}

      <Card title="Recent jobs" testId="recent-jobs">
        {jobs.isPending ? (
          <Loading />
        ) : jobs.isError ? (
          <ErrorBox error={jobs.error} onRetry={() => jobs.refetch()} />
        ) : jobs.data.length === 0 ? (
          <Empty>
            No jobs yet. Start one from <Link className="text-sky-600 underline" to="/backtest">Backtesting</Link> or{' '}
            <Link className="text-sky-600 underline" to="/screening">Screening</Link>.
          </Empty>
        ) : (
          <JobsTable jobs={jobs.data} />
        )}
      </Card>

      <Card title="Data coverage" testId="data-coverage">
        {data.isPending ? (
          <Loading />
        ) : data.isError ? (
          <ErrorBox error={data.error} onRetry={() => data.refetch()} />
        ) : data.data.length === 0 ? (
          <Empty>
            No data files. Generate sample data on the <Link className="text-sky-600 underline" to="/data">Data</Link> page.
          </Empty>
        ) : (
          <DataFilesTable files={data.data} />
        )}
      </Card>
    </div>
  );
}
