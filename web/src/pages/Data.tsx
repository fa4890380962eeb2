import { useState, type FormEvent } from 'react';
import { useDataFiles, useQuality } from '../api/hooks';
import { DataFilesTable } from '../components/DataFilesTable';
import { JobProgress } from '../components/JobProgress';
import { QualityTable } from '../components/QualityTable';
import { DownloadResults } from '../components/Market';
import { QueryView, noItems } from '../components/QueryView';
import { Card, ErrorBox, Field, PageHeader, btnPrimary, btnSecondary, inputCls } from '../components/ui';
import { fmtBytes, fmtInt } from '../lib/format';
import { useRunJob } from '../lib/useRunJob';
import type { DownloadOutcome } from '../api/types';

const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'];

const SOURCES = ['binance', 'kraken', 'bybit', 'coinbase', 'yfinance'];

interface DownloadBody {
  source: string;
  symbols: string[];
  timeframes: string[];
  since?: string;
}

/** Download bars from a venue into the store (POST /api/data/download/, a job). */
export function DownloadCard() {
  const runner = useRunJob<DownloadBody>('/api/data/download/', { invalidate: [['data'], ['quality'], ['exchange-health']] });
  const { job } = runner;
  const [source, setSource] = useState('binance');
  const [symbols, setSymbols] = useState('BTC/USDT');
  const [tfs, setTfs] = useState<string[]>(['1h']);
  const [since, setSince] = useState('');
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const syms = symbols.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
    if (syms.length === 0) return setFormError('Enter at least one symbol.');
    if (syms.length > 50) return setFormError('At most 50 symbols per download.');
    if (tfs.length === 0) return setFormError('Pick at least one timeframe.');
    await runner.run({ source, symbols: syms, timeframes: tfs, since: since || undefined });
  };
  const series = (job?.result?.series ?? []) as DownloadOutcome[];
  const runError = formError ?? runner.error;
  return (
    <Card title="Download from a venue" testId="download-card">
      <form onSubmit={submit} className="space-y-3" data-testid="download-form">
        <div className="grid grid-cols-2 gap-3">
          <Field label="Source">
            <select data-testid="dl-source" className={inputCls} value={source} onChange={(e) => setSource(e.target.value)}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Since (empty: continue from the last bar)">
            <input type="date" data-testid="dl-since" className={inputCls} value={since} onChange={(e) => setSince(e.target.value)} />
          </Field>
        </div>
        <Field label="Symbols (comma separated)">
          <input data-testid="dl-symbols" className={inputCls} value={symbols} onChange={(e) => setSymbols(e.target.value)} />
        </Field>
        <div className="flex flex-wrap gap-2">
          {TIMEFRAMES.map((t) => (
            <label key={t} className="flex items-center gap-1 text-sm text-slate-700 dark:text-slate-300">
              <input
                type="checkbox"
                className="accent-sky-600"
                data-testid={`dl-tf-${t}`}
                checked={tfs.includes(t)}
                onChange={(e) => setTfs((x) => (e.target.checked ? [...x, t] : x.filter((y) => y !== t)))}
              />
              {t}
            </label>
          ))}
        </div>
        {runError && <ErrorBox error={runError} />}
        <button type="submit" className={btnPrimary} data-testid="run-download" disabled={runner.active}>
          Download
        </button>
        {job && <JobProgress job={job} onCancel={runner.cancel} cancelling={runner.cancelling} />}
        {series.length > 0 && <DownloadResults series={series} />}
      </form>
    </Card>
  );
}

interface GenerateBody {
  symbols: string[];
  timeframes: string[];
  days: number;
  exchange?: string;
}

export default function DataPage() {
  const files = useDataFiles();
  const quality = useQuality();
  const runner = useRunJob<GenerateBody>('/api/data/generate-sample/', { invalidate: [['data'], ['quality']] });
  const { job } = runner;

  const [symbols, setSymbols] = useState('BTC/USDT, ETH/USDT');
  const [tfs, setTfs] = useState<string[]>(['1h']);
  const [days, setDays] = useState(90);
  const [exchange, setExchange] = useState('sample');
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const syms = symbols.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
    if (syms.length === 0) return setFormError('Enter at least one symbol.');
    if (tfs.length === 0) return setFormError('Pick at least one timeframe.');
    await runner.run({ symbols: syms, timeframes: tfs, days, exchange: exchange || undefined });
  };
  const runError = formError ?? runner.error;

  const list = files.data ?? [];
  const totalRows = list.reduce((a, f) => a + (f.rows ?? 0), 0);
  const totalBytes = list.reduce((a, f) => a + (f.size_bytes ?? 0), 0);

  return (
    <div className="space-y-5">
      <PageHeader
        title="Data Management"
        subtitle="Stored OHLCV series, downloads from venues, sample data generation and data quality."
        actions={
          <button
            type="button"
            className={btnSecondary}
            data-testid="refresh-data"
            onClick={() => {
              files.refetch();
              quality.refetch();
            }}
          >
            Refresh
          </button>
        }
      />

      <div className="grid grid-cols-[minmax(0,1fr)] gap-5 2xl:grid-cols-[22rem_minmax(0,1fr)]">
        <Card title="Generate sample data" testId="generate-card">
          <form onSubmit={submit} className="space-y-3" data-testid="generate-form">
            <Field label="Symbols (comma separated)">
              <input data-testid="gen-symbols" className={inputCls} value={symbols} onChange={(e) => setSymbols(e.target.value)} />
            </Field>
            <div className="flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400">
              Timeframes
              <div className="flex flex-wrap gap-2">
                {TIMEFRAMES.map((t) => (
                  <label key={t} className="flex items-center gap-1 text-sm font-normal text-slate-700 dark:text-slate-300">
                    <input
                      type="checkbox"
                      className="accent-sky-600"
                      data-testid={`gen-tf-${t}`}
                      checked={tfs.includes(t)}
                      onChange={(e) => setTfs((x) => (e.target.checked ? [...x, t] : x.filter((y) => y !== t)))}
                    />
                    {t}
                  </label>
                ))}
              </div>
            </div>
            <div className="grid grid-cols-2 gap-3">
              <Field label="Days">
                <input
                  type="number"
                  min={1}
                  max={3650}
                  data-testid="gen-days"
                  className={inputCls}
                  value={days}
                  onChange={(e) => setDays(Number(e.target.value))}
                />
              </Field>
              <Field label="Exchange (source)">
                <input data-testid="gen-exchange" className={inputCls} value={exchange} onChange={(e) => setExchange(e.target.value)} />
              </Field>
            </div>
            {runError && <ErrorBox error={runError} />}
            <button type="submit" className={btnPrimary} data-testid="run-generate" disabled={runner.active}>
              Generate
            </button>
            {job && <JobProgress job={job} onCancel={runner.cancel} cancelling={runner.cancelling} />}
          </form>
        </Card>

        <Card
          title="Available files"
          testId="files-card"
          actions={
            list.length > 0 && (
              <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="data-summary">
                {list.length} files · {fmtInt(totalRows)} bars · {fmtBytes(totalBytes)}
              </span>
            )
          }
        >
          <QueryView query={files} isEmpty={noItems} empty="No data files yet. Generate sample data with the form.">
            {(rows) => <DataFilesTable files={rows} showFile testId="files-table" />}
          </QueryView>
        </Card>
      </div>

      <DownloadCard />

      <Card title="Data quality" testId="quality-card">
        <QueryView query={quality} isEmpty={noItems} empty="No quality reports: there are no data files." loadingLabel="Checking every file…">
          {(reports) => <QualityTable reports={reports} />}
        </QueryView>
      </Card>
    </div>
  );
}
