import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useBacktestCompare, useBacktestResult, useBacktestResults, useBacktestStrategies, useDataFiles, useIndicators } from '../api/hooks';
import type { ApiNumber, BacktestMetrics, BacktestResult, Id, Trade } from '../api/types';
import { DatasetSelect, datasetKey, parseDatasetKey } from '../components/DatasetSelect';
import { EquityChart } from '../components/EquityChart';
import { JobProgress } from '../components/JobProgress';
import { MetricsCards } from '../components/MetricsCards';
import { TradesTable } from '../components/TradesTable';
import { TradeChart } from '../components/TradeChart';
import { QueryView, noItems } from '../components/QueryView';
import { Card, Empty, ErrorBox, Field, PageHeader, Table, btnPrimary, btnSecondary, inputCls, num, td, th } from '../components/ui';
import { apiNumber, fmtDrawdownAmount, fmtDrawdownPct, fmtInt, fmtNumber, fmtParams, fmtPct, fmtTime, signClass } from '../lib/format';
import { useRunJob } from '../lib/useRunJob';

interface RunBody {
  exchange: string;
  symbol: string;
  timeframe: string;
  strategy: string;
  params?: Record<string, unknown>;
  cash?: number;
  fees?: number;
}

type ParamValue = number | string | boolean;

/** A number field's text as a number, or the error line naming the field (empty is an error). */
export function parseNumberField(label: string, text: string): { value: number } | string {
  const t = text.trim();
  if (t === '') return `${label}: enter a number.`;
  const n = Number(t);
  return Number.isFinite(n) ? { value: n } : `${label}: "${text}" is not a number.`;
}

export default function BacktestPage() {
  const strategies = useBacktestStrategies();
  const files = useDataFiles();
  const results = useBacktestResults();

  const [strategy, setStrategy] = useState('');
  const [dataset, setDataset] = useState('');
  const [params, setParams] = useState<Record<string, ParamValue>>({});
  // Number inputs keep their text while edited; submit parses them (empty is an error, not 0).
  const [cash, setCash] = useState('10000');
  const [fees, setFees] = useState('0.001');
  const [formError, setFormError] = useState<string | null>(null);
  // A link (e.g. from the dashboard's recent jobs) opens one result: ?result=<id>.
  const [search] = useSearchParams();
  const [selected, setSelected] = useState<Id | null>(search.get('result'));
  const [checked, setChecked] = useState<string[]>([]);
  const [compareIds, setCompareIds] = useState<Id[]>([]);

  const runner = useRunJob<RunBody>('/api/backtest/run/', { invalidate: [['backtest', 'results']], onResult: setSelected });

  const strategyInfo = useMemo(() => strategies.data?.find((s) => s.name === strategy), [strategies.data, strategy]);

  useEffect(() => {
    if (!strategy && strategies.data?.length) setStrategy(strategies.data[0].name);
  }, [strategies.data, strategy]);
  useEffect(() => {
    // Only scalar defaults become inputs; anything else is left to the server's defaults.
    const scalar: Record<string, ParamValue> = {};
    for (const [k, v] of Object.entries(strategyInfo?.params ?? {})) {
      if (typeof v === 'number') scalar[k] = String(v);
      else if (typeof v === 'string' || typeof v === 'boolean') scalar[k] = v;
    }
    setParams(scalar);
  }, [strategyInfo]);
  useEffect(() => {
    if (!dataset && files.data?.length) setDataset(datasetKey(files.data[0]));
  }, [files.data, dataset]);
  useEffect(() => {
    if (selected === null && results.data?.length) setSelected(results.data[0].id);
  }, [results.data, selected]);

  const detail = useBacktestResult(selected);
  const compare = useBacktestCompare(compareIds);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const ds = parseDatasetKey(dataset);
    if (!ds) return setFormError('Pick a data series.');
    if (!strategy) return setFormError('Pick a strategy.');
    const cashValue = parseNumberField('Cash', cash);
    if (typeof cashValue === 'string') return setFormError(cashValue);
    const feesValue = parseNumberField('Fees', fees);
    if (typeof feesValue === 'string') return setFormError(feesValue);
    const body: Record<string, ParamValue> = {};
    for (const [k, v] of Object.entries(params)) {
      if (typeof strategyInfo?.params?.[k] === 'number') {
        const n = parseNumberField(k, String(v));
        if (typeof n === 'string') return setFormError(n);
        body[k] = n.value;
      } else {
        body[k] = v;
      }
    }
    await runner.run({ ...ds, strategy, params: body, cash: cashValue.value, fees: feesValue.value });
  };

  const { job } = runner;
  const runError = formError ?? runner.error;

  return (
    <div className="space-y-5">
      <PageHeader title="Backtesting" subtitle="Event-driven backtests with fees: metrics, equity and drawdown, trades." />

      <Card title="Run a backtest" testId="backtest-run-card">
        {files.data && files.data.length === 0 ? (
          <Empty>
            No data files to backtest: generate sample data on the <Link className="text-sky-600 underline" to="/data">Data Management</Link> page first.
          </Empty>
        ) : strategies.isError ? (
          <ErrorBox error={strategies.error} onRetry={() => strategies.refetch()} />
        ) : (
          <form onSubmit={submit} className="space-y-3" data-testid="backtest-form">
            <div className="grid gap-3 md:grid-cols-4">
              <Field label="Strategy">
                <select data-testid="backtest-strategy" className={inputCls} value={strategy} onChange={(e) => setStrategy(e.target.value)}>
                  {(strategies.data ?? []).map((s) => (
                    <option key={s.name} value={s.name}>{s.name}</option>
                  ))}
                </select>
              </Field>
              <Field label="Series">
                <DatasetSelect files={files.data ?? []} value={dataset} onChange={setDataset} testId="backtest-dataset" />
              </Field>
              <Field label="Cash">
                <input type="number" min={1} data-testid="backtest-cash" className={inputCls} value={cash} onChange={(e) => setCash(e.target.value)} />
              </Field>
              <Field label="Fees (fraction)">
                <input type="number" step="0.0001" min={0} max={0.1} data-testid="backtest-fees" className={inputCls} value={fees} onChange={(e) => setFees(e.target.value)} />
              </Field>
            </div>
            {strategyInfo && (
              <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="strategy-description">{strategyInfo.description}</p>
            )}
            {Object.keys(params).length > 0 && (
              <div className="grid gap-3 md:grid-cols-6" data-testid="backtest-params">
                {Object.entries(params).map(([k, v]) => (
                  <Field key={k} label={k}>
                    {typeof v === 'boolean' ? (
                      <input type="checkbox" className="h-4 w-4 accent-sky-600" checked={v} onChange={(e) => setParams((p) => ({ ...p, [k]: e.target.checked }))} />
                    ) : typeof strategyInfo?.params?.[k] === 'number' ? (
                      <input
                        type="number"
                        step="any"
                        data-testid={`param-${k}`}
                        className={inputCls}
                        value={String(v)}
                        onChange={(e) => setParams((p) => ({ ...p, [k]: e.target.value }))}
                      />
                    ) : (
                      <input data-testid={`param-${k}`} className={inputCls} value={v} onChange={(e) => setParams((p) => ({ ...p, [k]: e.target.value }))} />
                    )}
                  </Field>
                ))}
              </div>
            )}
            {runError && <ErrorBox error={runError} />}
            <button type="submit" className={btnPrimary} data-testid="run-backtest" disabled={runner.active || !dataset || !strategy}>
              Run backtest
            </button>
            {job && <JobProgress job={job} onCancel={runner.cancel} cancelling={runner.cancelling} />}
          </form>
        )}
      </Card>

      {selected !== null && (
        <Card
          title={detail.data ? `Result #${String(detail.data.id)} · ${detail.data.strategy} · ${detail.data.symbol} ${detail.data.timeframe}` : 'Result'}
          testId="backtest-result"
          actions={
            detail.data && (
              <a className={btnSecondary + ' !py-1 text-xs'} data-testid="export-csv" href={`/api/backtest/export/?id=${encodeURIComponent(String(detail.data.id))}`} download>
                Export trades CSV
              </a>
            )
          }
        >
          <QueryView query={detail}>
            {(d) => (
              <div className="space-y-4" data-testid="backtest-detail" data-result-id={String(d.id)} data-job-id={String(d.job_id)}>
                <div className="text-xs text-slate-500 dark:text-slate-400">Params: <span className="font-mono">{fmtParams(d.params)}</span></div>
                <MetricsCards metrics={d.metrics ?? {}} />
                <EquityChart points={d.equity_curve ?? []} />
                <RunPriceChart exchange={d.exchange} symbol={d.symbol} timeframe={d.timeframe} bars={(d.equity_curve ?? []).length} trades={d.trades ?? []} />
                <details className="text-sm">
                  <summary className="cursor-pointer text-slate-600 dark:text-slate-300">Trades ({(d.trades ?? []).length})</summary>
                  <TradesTable key={String(d.id)} trades={d.trades ?? []} />
                </details>
              </div>
            )}
          </QueryView>
        </Card>
      )}

      <Card
        title="History"
        testId="backtest-history"
        actions={
          <button
            type="button"
            className={btnSecondary + ' !py-1 text-xs'}
            data-testid="compare-button"
            disabled={checked.length < 2}
            onClick={() => setCompareIds(checked)}
          >
            Compare selected ({checked.length})
          </button>
        }
      >
        <QueryView query={results} isEmpty={noItems} empty="No backtests yet: run one above.">
          {(list) => (
            <Table testId="backtest-history-table">
              <thead>
                <tr>
                  <th className={th + ' w-8'} />
                  <th className={th}>#</th>
                  <th className={th}>Strategy</th>
                  <th className={th}>Series</th>
                  <th className={th + ' ' + num}>Return</th>
                  <th className={th + ' ' + num}>Sharpe</th>
                  <th className={th + ' ' + num}>Max DD</th>
                  <th className={th + ' ' + num}>Trades</th>
                  <th className={th}>Created</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => {
                  const id = String(r.id);
                  return (
                    <tr
                      key={id}
                      data-testid="backtest-history-row"
                      onClick={() => setSelected(r.id)}
                      className={`cursor-pointer hover:bg-slate-50 dark:hover:bg-slate-800/50 ${id === String(selected) ? 'bg-sky-50 dark:bg-sky-950/40' : ''}`}
                    >
                      <td className={td} onClick={(e) => e.stopPropagation()}>
                        <input
                          type="checkbox"
                          className="accent-sky-600"
                          data-testid="compare-check"
                          aria-label={`Compare result ${id}`}
                          checked={checked.includes(id)}
                          onChange={(e) => setChecked((c) => (e.target.checked ? [...c, id] : c.filter((x) => x !== id)))}
                        />
                      </td>
                      <td className={td}>{id}</td>
                      <td className={td + ' font-mono text-xs'}>{r.strategy}</td>
                      <td className={td}>{r.symbol} · {r.timeframe} · {r.exchange}</td>
                      <td className={td + ' ' + num + ' ' + signClass(r.metrics?.total_return)}>{fmtPct(r.metrics?.total_return)}</td>
                      <td className={td + ' ' + num}>{fmtNumber(r.metrics?.sharpe_ratio)}</td>
                      <td className={td + ' ' + num} data-testid="history-drawdown">{fmtDrawdownPct(r.metrics?.max_drawdown_pct)}</td>
                      <td className={td + ' ' + num}>{fmtInt(r.metrics?.num_trades)}</td>
                      <td className={td + ' whitespace-nowrap'}>{fmtTime(r.created_at)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          )}
        </QueryView>
      </Card>

      {compareIds.length > 0 && (
        <Card title="Comparison" testId="compare-card" actions={<button type="button" className={btnSecondary + ' !py-1 text-xs'} onClick={() => setCompareIds([])}>Close</button>}>
          <QueryView query={compare} isEmpty={noItems} empty="Nothing to compare.">
            {(list) => <CompareTable results={list} />}
          </QueryView>
        </Card>
      )}
    </div>
  );
}

const COMPARE_ROWS: { key: keyof BacktestMetrics; label: string; fmt: (v: ApiNumber | undefined) => string; higherBetter?: boolean }[] = [
  { key: 'total_return', label: 'Total return', fmt: (v) => fmtPct(v), higherBetter: true },
  { key: 'sharpe_ratio', label: 'Sharpe', fmt: (v) => fmtNumber(v), higherBetter: true },
  { key: 'sortino_ratio', label: 'Sortino', fmt: (v) => fmtNumber(v), higherBetter: true },
  { key: 'max_drawdown_pct', label: 'Max drawdown', fmt: (v) => fmtDrawdownPct(v), higherBetter: false },
  { key: 'max_drawdown_amount', label: 'Max drawdown (cash)', fmt: (v) => fmtDrawdownAmount(v), higherBetter: false },
  { key: 'win_rate', label: 'Win rate', fmt: (v) => fmtPct(v, 1), higherBetter: true },
  { key: 'profit_factor', label: 'Profit factor', fmt: (v) => fmtNumber(v), higherBetter: true },
  { key: 'num_trades', label: 'Trades', fmt: (v) => fmtInt(v) },
  { key: 'final_value', label: 'Final value', fmt: (v) => fmtNumber(v), higherBetter: true },
];

function CompareTable({ results }: { results: BacktestResult[] }) {
  return (
    <Table testId="compare-table">
      <thead>
        <tr>
          <th className={th}>Metric</th>
          {results.map((r) => (
            <th key={String(r.id)} className={th + ' ' + num}>
              #{String(r.id)} {r.strategy}
              <div className="font-normal normal-case">{r.symbol} {r.timeframe}</div>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {COMPARE_ROWS.map((row) => {
          // Infinities take part: a profit factor of +inf (no losing trade) is the best one.
          const vals = results.map((r) => r.metrics?.[row.key] as ApiNumber | undefined);
          const known = vals.map(apiNumber).filter((x) => !Number.isNaN(x));
          const best = row.higherBetter === undefined || known.length < 2 ? null : row.higherBetter ? Math.max(...known) : Math.min(...known);
          return (
            <tr key={row.key}>
              <td className={td + ' font-medium'}>{row.label}</td>
              {vals.map((v, i) => (
                <td key={i} className={`${td} ${num}`}>
                  <span className={best !== null && apiNumber(v) === best ? 'font-semibold text-emerald-600 dark:text-emerald-400' : ''} data-best={best !== null && apiNumber(v) === best ? 'true' : undefined}>
                    {row.fmt(v)}
                  </span>
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** The bars the run covered (the series' last `bars` bars, at most 100,000) with its trades marked. */
function RunPriceChart({ exchange, symbol, timeframe, bars, trades }: { exchange: string; symbol: string; timeframe: string; bars: number; trades: Trade[] }) {
  // One cheap indicator column: the chart needs the bars only.
  const prices = useIndicators(exchange, symbol, timeframe, Math.min(100000, Math.max(500, bars)), 'sma_21');
  return (
    <div data-testid="run-price">
      <div className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">
        Price and trades · {symbol} {timeframe}
      </div>
      <QueryView query={prices}>{(r) => <TradeChart rows={r.data ?? []} trades={trades} />}</QueryView>
    </div>
  );
}
