import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDataFiles, useScreenResult, useScreenResults, useScreeningStrategies } from '../api/hooks';
import type { Id } from '../api/types';
import { DatasetSelect, datasetKey, parseDatasetKey } from '../components/DatasetSelect';
import { Heatmap } from '../components/Heatmap';
import { JobProgress } from '../components/JobProgress';
import { QueryView, noItems } from '../components/QueryView';
import { Card, Empty, ErrorBox, Field, PageHeader, Table, btnPrimary, inputCls, num, td, th } from '../components/ui';
import { fmtDrawdownPct, fmtInt, fmtNumber, fmtParams, fmtPct, fmtTime, signClass } from '../lib/format';
import { useRunJob } from '../lib/useRunJob';

interface RunBody {
  exchange: string;
  symbol: string;
  timeframe: string;
  strategy: string;
  fees?: number;
}

export default function ScreeningPage() {
  const strategies = useScreeningStrategies();
  const files = useDataFiles();
  const results = useScreenResults();
  // A link (e.g. from the dashboard's recent jobs) opens one result: ?result=<id>.
  const [search] = useSearchParams();
  const [selected, setSelected] = useState<Id | null>(search.get('result'));
  const [dataset, setDataset] = useState('');
  const [strategy, setStrategy] = useState('');
  const [fees, setFees] = useState(0.001);
  const [formError, setFormError] = useState<string | null>(null);

  const runner = useRunJob<RunBody>('/api/screening/run/', { invalidate: [['screening', 'results']], onResult: setSelected });

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
    await runner.run({ ...ds, strategy, fees });
  };

  const { job } = runner;
  const runError = formError ?? runner.error;

  return (
    <div className="space-y-5">
      <PageHeader title="Screening" subtitle="Parameter sweeps of vectorised strategies: rank combinations by Sharpe ratio." />

      <div className="grid grid-cols-[minmax(0,1fr)] gap-5 xl:grid-cols-3">
        <Card title="Strategies" testId="strategy-list" className="xl:col-span-1">
          <QueryView query={strategies} isEmpty={noItems} empty="No screening strategies.">
            {(list) => (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {list.map((s) => (
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
          </QueryView>
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
              {runError && <ErrorBox error={runError} />}
              <button type="submit" className={btnPrimary} data-testid="run-screen" disabled={runner.active || !dataset || !strategy}>
                Run screen
              </button>
              {job && <JobProgress job={job} onCancel={runner.cancel} cancelling={runner.cancelling} />}
            </form>
          )}
        </Card>
      </div>

      <Card title="Screen history" testId="screen-history">
        <QueryView query={results} isEmpty={noItems} empty="No screens yet: run one above.">
          {(list) => (
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
                {list.map((r) => (
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
        </QueryView>
      </Card>

      {selected !== null && (
        <div className="grid grid-cols-[minmax(0,1fr)] gap-5 2xl:grid-cols-2">
          <Card title={detail.data ? `Top results · ${detail.data.strategy} · ${detail.data.symbol} ${detail.data.timeframe}` : 'Top results'} testId="top-results">
            <QueryView query={detail} isEmpty={(d) => d.top_results.length === 0} empty="This screen produced no results.">
              {(d) => (
                <div data-testid="screen-detail" data-result-id={String(d.id)} data-job-id={String(d.job_id)}>
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
                      {d.top_results.map((t, i) => (
                        <tr key={i} data-testid="top-result-row">
                          <td className={td + ' font-mono text-xs'}>{fmtParams(t.params)}</td>
                          <td className={td + ' ' + num}>{fmtNumber(t.sharpe_ratio)}</td>
                          <td className={td + ' ' + num + ' ' + signClass(t.total_return)}>{fmtPct(t.total_return)}</td>
                          <td className={td + ' ' + num}>{fmtDrawdownPct(t.max_drawdown_pct)}</td>
                          <td className={td + ' ' + num}>{fmtPct(t.win_rate, 1)}</td>
                          <td className={td + ' ' + num}>{fmtNumber(t.profit_factor)}</td>
                          <td className={td + ' ' + num}>{fmtInt(t.num_trades)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </Table>
                </div>
              )}
            </QueryView>
          </Card>
          <Card title="Sharpe heat-map" testId="heatmap-card">
            <QueryView
              query={detail}
              isEmpty={(d) => !d.heatmap || d.heatmap.x.length === 0}
              empty="No heat-map for this strategy (it needs exactly two swept parameters)."
            >
              {(d) => d.heatmap && <Heatmap data={d.heatmap} />}
            </QueryView>
          </Card>
        </div>
      )}
    </div>
  );
}
