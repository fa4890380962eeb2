import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDataFiles, useIndicatorWindows } from '../api/hooks';
import { PriceChart, type Overlays } from '../components/PriceChart';
import { Card, Empty, ErrorBox, Field, Loading, PageHeader, inputCls } from '../components/ui';
import { mergeWindows } from '../lib/bars';
import { fmtNumber, fmtPct, fmtTime, signClass } from '../lib/format';

const TOGGLES: { key: keyof Overlays; label: string }[] = [
  { key: 'sma', label: 'SMA 21/50/200' },
  { key: 'ema', label: 'EMA 21/50' },
  { key: 'bb', label: 'Bollinger' },
  { key: 'volume', label: 'Volume' },
  { key: 'rsi', label: 'RSI pane' },
  { key: 'macd', label: 'MACD pane' },
];

const uniq = (xs: string[]) => Array.from(new Set(xs));

export default function MarketPage() {
  const files = useDataFiles();
  const [params, setParams] = useSearchParams();
  const [overlays, setOverlays] = useState<Overlays>({ sma: true, ema: false, bb: false, volume: true, rsi: true, macd: true });

  const list = files.data ?? [];
  const exchanges = uniq(list.map((f) => f.exchange));
  const exchange = params.get('exchange') ?? exchanges[0] ?? '';
  const symbols = uniq(list.filter((f) => f.exchange === exchange).map((f) => f.symbol));
  const symbolParam = params.get('symbol');
  const symbol = symbolParam && symbols.includes(symbolParam) ? symbolParam : symbols[0] ?? '';
  const tfs = uniq(list.filter((f) => f.exchange === exchange && f.symbol === symbol).map((f) => f.timeframe));
  const tfParam = params.get('tf');
  const tf = tfParam && tfs.includes(tfParam) ? tfParam : tfs[0] ?? '';

  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    setParams(next, { replace: true });
  };

  // The newest 500 bars first; older windows of 500 as the chart is scrolled to its left edge.
  const ind = useIndicatorWindows(exchange || undefined, symbol || undefined, tf || undefined, 500);
  const pages = ind.data?.pages;
  const rows = useMemo(() => mergeWindows((pages ?? []).map((p) => p.data)), [pages]);
  const { hasPreviousPage, isFetchingPreviousPage, fetchPreviousPage } = ind;
  const loadOlder = useCallback(() => {
    if (hasPreviousPage && !isFetchingPreviousPage) void fetchPreviousPage();
  }, [hasPreviousPage, isFetchingPreviousPage, fetchPreviousPage]);

  useEffect(() => {
    document.title = symbol ? `Market Analysis · ${symbol} ${tf} · aitp` : 'Market Analysis · aitp';
  }, [symbol, tf]);

  const last = rows.at(-1);
  const first = rows[0];
  const change = last && first ? last.close / first.close - 1 : null;

  return (
    <div className="space-y-5">
      <PageHeader title="Market Analysis" subtitle="Candlesticks with indicator overlays, from the stored series." />
      {files.isPending ? (
        <Loading />
      ) : files.isError ? (
        <ErrorBox error={files.error} onRetry={() => files.refetch()} />
      ) : list.length === 0 ? (
        <Empty>
          No data files yet: generate sample data on the <Link className="text-sky-600 underline" to="/data">Data Management</Link> page.
        </Empty>
      ) : (
        <>
          <Card>
            <div className="flex flex-wrap items-end gap-4">
              <Field label="Exchange">
                <select data-testid="exchange-select" className={inputCls + ' w-36'} value={exchange} onChange={(e) => set({ exchange: e.target.value })}>
                  {exchanges.map((x) => <option key={x}>{x}</option>)}
                </select>
              </Field>
              <Field label="Symbol">
                <select data-testid="symbol-select" className={inputCls + ' w-40'} value={symbol} onChange={(e) => set({ exchange, symbol: e.target.value })}>
                  {symbols.map((x) => <option key={x}>{x}</option>)}
                </select>
              </Field>
              <Field label="Timeframe">
                <select data-testid="timeframe-select" className={inputCls + ' w-28'} value={tf} onChange={(e) => set({ exchange, symbol, tf: e.target.value })}>
                  {tfs.map((x) => <option key={x}>{x}</option>)}
                </select>
              </Field>
              <div className="flex flex-wrap items-center gap-3 pb-1" data-testid="overlay-toggles">
                {TOGGLES.map((t) => (
                  <label key={t.key} className="flex cursor-pointer items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300">
                    <input
                      type="checkbox"
                      data-testid={`toggle-${t.key}`}
                      className="h-4 w-4 accent-sky-600"
                      checked={overlays[t.key]}
                      onChange={(e) => setOverlays((o) => ({ ...o, [t.key]: e.target.checked }))}
                    />
                    {t.label}
                  </label>
                ))}
              </div>
            </div>
          </Card>

          <Card
            title={`${symbol} · ${tf} · ${exchange}`}
            actions={
              last && (
                <div className="flex items-center gap-4 text-sm" data-testid="market-stats">
                  <span className="text-slate-500 dark:text-slate-400">{fmtTime(last.timestamp)}</span>
                  <span className="font-semibold tabular-nums">{fmtNumber(last.close, last.close < 10 ? 4 : 2)}</span>
                  <span className={'tabular-nums ' + signClass(change)}>{fmtPct(change)} over {rows.length} bars</span>
                  {typeof last.rsi_14 === 'number' && <span className="tabular-nums text-slate-500 dark:text-slate-400">RSI {fmtNumber(last.rsi_14, 1)}</span>}
                </div>
              )
            }
          >
            {ind.isPending && ind.fetchStatus !== 'idle' ? (
              <Loading label="Loading bars and indicators…" />
            ) : ind.isError ? (
              <ErrorBox error={ind.error} onRetry={() => ind.refetch()} />
            ) : rows.length === 0 ? (
              <Empty>No bars for this series.</Empty>
            ) : (
              <div data-testid="market-chart" data-bars={rows.length} data-more-before={String(!!hasPreviousPage)} data-loading-older={String(isFetchingPreviousPage)}>
                <PriceChart key={`${exchange}|${symbol}|${tf}`} rows={rows} overlays={overlays} onReachStart={loadOlder} initialBars={200} />
                {isFetchingPreviousPage && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Loading older bars…</p>}
              </div>
            )}
          </Card>
        </>
      )}
    </div>
  );
}
