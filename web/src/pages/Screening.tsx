import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage, get } from '../api/client';
import { useCancelJob, useDataFiles, useScreenResult, useScreenResults, useScreeningStrategies, useStartJob } from '../api/hooks';
import type { Id, ScreenResult } from '../api/types';
import { DatasetSelect, datasetKey, parseDatasetKey } from '../components/DatasetSelect';
import { Heatmap } from '../components/Heatmap';
import { JobProgress } from '../components/JobProgress';
import { Card, Empty, ErrorBox, Field, Loading, PageHeader, Table, btnPrimary, inputCls, num, td, th } from '../components/ui';
import { fmtInt, fmtNumber, fmtParams, fmtPct, fmtTime, signClass } from '../lib/format';
import { waitForResultOfJob } from '../lib/resultForJob';
import { useTrackedJob } from '../lib/useTrackedJob';

interface RunBody {
  exchange: string;
  symbol: string;
  timeframe: string;
  strategy: string;
  fees?: number;
}

export default function ScreeningPage() {
  const qc = useQueryClient();
  const strategies = useScreeningStrategies();
  const files = useDataFiles();
  const results = useScreenResults();
  const start = useStartJob<RunBody>('/api/screening/run/');
  const cancel = useCancelJob();
  const [selected, setSelected] = useState<Id | null>(null);
  const [dataset, setDataset] = useState('');
  const [strategy, setStrategy] = useState('');
  const [fees, setFees] = useState(0.001);
  const [formError, setFormError] = useState<string | null>(null);

  const { setJobId, job } = useTrackedJob(async (j) => {
    qc.invalidateQueries({ queryKey: ['kpis'] });
    if (j.status !== 'completed') return;
    const id = await waitForResultOfJob(j, () =>
      qc.fetchQuery({ queryKey: ['screening', 'results'], queryFn: () => get<ScreenResult[]>('/api/screening/results/?limit=50'), staleTime: 0 }),
    );
    if (id !== null) setSelected(id);
  });

  useEffect(() => {
    if (!dataset && files.data?.length) setDataset(datasetKey(files.data[0]));
  }, [files.data, dataset]);
  useEffect(() => {
    if (!strategy && strategies.data?.length) setStrategy(strategies.data[0].name);
  }, [strategies.data, strategy]);
  useEffect(() => {
    if (selected === null && results.data?.length) setSelected(results.data[0].id);
  }, [results.data, selected]);

  const detail = useScreenResult(selected);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const ds = parseDatasetKey(dataset);
    if (!ds) return setFormError('Pick a data series.');
    try {
      const r = await start.mutateAsync({ ...ds, strategy, fees });
      setJobId(r.job_id);
    } catch (err) {
      setFormError(errorMessage(err));
    }
  };

  const active = !!job && (job.status === 'pending' || job.status === 'running');

  return (
    <div className="space-y-5">
      <PageHeader title="Screening" subtitle="Parameter sweeps of vectorised strategies: rank combinations by Sharpe ratio." />

      <div className="grid grid-cols-[minmax(0,1fr)] gap-5 xl:grid-cols-3">
        <Card title="Strategies" testId="strategy-list" className="xl:col-span-1">
          {strategies.isPending ? (
            <Loading />
          ) : strategies.isError ? (
            <ErrorBox error={strategies.error} onRetry={() => strategies.refetch()} />
          ) : strategies.data.length === 0 ? (
            <Empty>No screening strategies.</Empty>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {strategies.data.map((s) => (
                <li key={s.name} className="py-2" data-testid="strategy-item">
                  <div className="flex items-center justify-between gap-2">
                    <span className="font-mono text-sm font-medium">{s.name}</span>
                    <span className="text-xs text-slate-500 dark:text-slate-400">{fmtInt(s.combinations)} combos</span>
                  </div>
                  <p className="text-xs text-slate-500 dark:text-slate-400">{s.description}</p>
                </li>
              ))}
            </ul>
          )}
        </Card>

        <Card title="Run a screen" testId="screen-run-card" className="xl:col-span-2">
          {files.data && files.data.length === 0 ? (
            <Empty>
              No data files to screen: generate sample data on the <Link className="text-sky-600 underline" to="/data">Data Management</Link> page first.
            </Empty>
          ) : (
            <form onSubmit={submit} className="space-y-3" data-testid="screen-form">
              <div className="grid gap-3 md:grid-cols-3">
                <Field label="Series">
                  <DatasetSelect files={files.data ?? []} value={dataset} onChange={setDataset} testId="screen-dataset" />
                </Field>
                <Field label="Strategy">
                  <select data-testid="screen-strategy" className={inputCls} value={strategy} onChange={(e) => setStrategy(e.target.value)}>
                    {(strategies.data ?? []).map((s) => (
                      <option key={s.name} value={s.name}>{s.name}</option>
                    ))}
                    <option value="all">all strategies</option>
                  </select>
                </Field>
                <Field label="Fees (fraction per trade)">
                  <input type="number" step="0.0001" min={0} max={0.1} data-testid="screen-fees" className={inputCls} value={fees} onChange={(e) => setFees(Number(e.target.value))} />
                </Field>
              </div>
              {formError && <ErrorBox error={formError} />}
              <button type="submit" className={btnPrimary} data-testid="run-screen" disabled={start.isPending || active || !dataset || !strategy}>
                Run screen
              </button>
              {job && <JobProgress job={job} onCancel={() => cancel.mutate(job.id)} cancelling={cancel.isPending} />}
            </form>
          )}
        </Card>
      </div>

      <Card title="Screen history" testId="screen-history">
        {results.isPending ? (
          <Loading />
        ) : results.isError ? (
          <ErrorBox error={results.error} onRetry={() => results.refetch()} />
        ) : results.data.length === 0 ? (
          <Empty>No screens yet: run one above.</Empty>
        ) : (
          <Table testId="screen-results-table">
            <thead>
              <tr>
                <th className={th}>#</th>
                <th className={th}>Series</th>
                <th className={th}>Strategy</th>
                <th className={th + ' ' + num}>Combinations</th>
                <th className={th + ' ' + num}>Top Sharpe</th>
                <th className={th + ' ' + num}>Top return</th>
                <th className={th}>Created</th>
              </tr>
            </thead>
            <tbody>
              {results.data.map((r) => (
                <tr
                  key={String(r.id)}
                  data-testid="screen-result-row"
                  onClick={() => setSelected(r.id)}
                  className={`cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-800/50 ${String(r.id) === String(selected) ? 'bg-sky-50 dark:bg-sky-950/40' : ''}`}
                >
                  <td className={td}>{String(r.id)}</td>
                  <td className={td}>{r.symbol} · {r.timeframe} · {r.exchange}</td>
                  <td className={td + ' font-mono text-xs'}>{r.strategy}</td>
                  <td className={td + ' ' + num}>{fmtInt(r.total_combinations)}</td>
                  <td className={td + ' ' + num}>{fmtNumber(r.top_sharpe)}</td>
                  <td className={td + ' ' + num + ' ' + signClass(r.top_return)}>{fmtPct(r.top_return)}</td>
                  <td className={td + ' whitespace-nowrap'}>{fmtTime(r.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>

      {selected !== null && (
        <div className="grid grid-cols-[minmax(0,1fr)] gap-5 2xl:grid-cols-2">
          <Card title={detail.data ? `Top results · ${detail.data.strategy} · ${detail.data.symbol} ${detail.data.timeframe}` : 'Top results'} testId="top-results">
            {detail.isPending ? (
              <Loading />
            ) : detail.isError ? (
              <ErrorBox error={detail.error} onRetry={() => detail.refetch()} />
            ) : detail.data.top_results.length === 0 ? (
              <Empty>This screen produced no results.</Empty>
            ) : (
              <Table testId="top-results-table">
                <thead>
                  <tr>
                    <th className={th}>Params</th>
                    <th className={th + ' ' + num}>Sharpe</th>
                    <th className={th + ' ' + num}>Return</th>
                    <th className={th + ' ' + num}>Max DD</th>
                    <th className={th + ' ' + num}>Win rate</th>
                    <th className={th + ' ' + num}>PF</th>
                    <th className={th + ' ' + num}>Trades</th>
                  </tr>
                </thead>
                <tbody>
                  {detail.data.top_results.map((t, i) => (
                    <tr key={i} data-testid="top-result-row">
                      <td className={td + ' font-mono text-xs'}>{fmtParams(t.params)}</td>
                      <td className={td + ' ' + num}>{fmtNumber(t.sharpe_ratio)}</td>
                      <td className={td + ' ' + num + ' ' + signClass(t.total_return)}>{fmtPct(t.total_return)}</td>
                      <td className={td + ' ' + num}>{fmtPct(t.max_drawdown)}</td>
                      <td className={td + ' ' + num}>{fmtPct(t.win_rate, 1)}</td>
                      <td className={td + ' ' + num}>{fmtNumber(t.profit_factor)}</td>
                      <td className={td + ' ' + num}>{fmtInt(t.num_trades)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>
          <Card title="Sharpe heat-map" testId="heatmap-card">
            {detail.isPending ? (
              <Loading />
            ) : detail.isError ? (
              <ErrorBox error={detail.error} />
            ) : detail.data.heatmap && detail.data.heatmap.x.length > 0 ? (
              <Heatmap data={detail.data.heatmap} />
            ) : (
              <Empty>No heat-map for this strategy (it needs exactly two swept parameters).</Empty>
            )}
          </Card>
        </div>
      )}
    </div>
  );
}
