import { useInfiniteQuery, useQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { get, post, symbolPath } from './client';
import type {
  BacktestResult,
  BacktestResultDetail,
  BacktestStrategy,
  DataFile,
  IndicatorResponse,
  Id,
  Job,
  JobCreated,
  Kpis,
  QualityReport,
  ScreenResult,
  ScreenResultDetail,
  ScreeningStrategy,
} from './types';
import { isTerminal } from './types';
import { useSystemSocket } from '../lib/ws';

export const useKpis = () =>
  useQuery({ queryKey: ['kpis'], queryFn: ({ signal }) => get<Kpis>('/api/dashboard/kpis/', signal), refetchInterval: 30000 });

export const useJobs = (limit = 10) =>
  useQuery({
    queryKey: ['jobs', limit],
    queryFn: ({ signal }) => get<Job[]>(`/api/jobs/?limit=${limit}`, signal),
    // Faster while something is running so the progress column moves.
    refetchInterval: (q) => ((q.state.data as Job[] | undefined)?.some((j) => !isTerminal(j)) ? 3000 : 10000),
  });

export const useDataFiles = () =>
  useQuery({ queryKey: ['data'], queryFn: ({ signal }) => get<DataFile[]>('/api/data/', signal), refetchInterval: 60000 });

export const useQuality = () =>
  useQuery({ queryKey: ['quality'], queryFn: ({ signal }) => get<QualityReport[]>('/api/data/quality/', signal) });

/** The last `limit` bars of a series with indicator columns (`indicators`: a comma list such
 * as "sma_21"; all of them when absent). */
export const useIndicators = (exchange?: string, symbol?: string, tf?: string, limit = 500, indicators?: string) =>
  useQuery({
    queryKey: ['indicators', exchange, symbol, tf, limit, indicators ?? ''],
    enabled: !!(exchange && symbol && tf),
    queryFn: ({ signal }) =>
      get<IndicatorResponse>(
        `/api/indicators/${encodeURIComponent(exchange!)}/${symbolPath(symbol!)}/${encodeURIComponent(tf!)}/?limit=${limit}` +
          (indicators ? `&indicators=${encodeURIComponent(indicators)}` : ''),
        signal,
      ),
  });

/**
 * Indicator rows of a series in windows of `limit` bars: the newest window first, then older
 * ones on `fetchPreviousPage()` (each ends before the first bar loaded; `hasPreviousPage` is
 * false once the series' first bar is in). `data.pages` is oldest first; merge the windows with
 * lib/bars.ts mergeWindows.
 */
export const useIndicatorWindows = (exchange?: string, symbol?: string, tf?: string, limit = 500) =>
  useInfiniteQuery({
    queryKey: ['indicator-windows', exchange, symbol, tf, limit],
    enabled: !!(exchange && symbol && tf),
    initialPageParam: null as number | null,
    queryFn: ({ pageParam, signal }) =>
      get<IndicatorResponse>(
        `/api/indicators/${encodeURIComponent(exchange!)}/${symbolPath(symbol!)}/${encodeURIComponent(tf!)}/?limit=${limit}` +
          (pageParam === null ? '' : `&before=${pageParam}`),
        signal,
      ),
    getNextPageParam: () => undefined,
    getPreviousPageParam: (first: IndicatorResponse) => (first.more_before && first.data.length > 0 ? first.data[0].timestamp : undefined),
  });

export const useScreeningStrategies = () =>
  useQuery({
    queryKey: ['screening', 'strategies'],
    queryFn: ({ signal }) => get<ScreeningStrategy[]>('/api/screening/strategies/', signal),
    staleTime: 300000,
  });

export const useScreenResults = () =>
  useQuery({
    queryKey: ['screening', 'results'],
    queryFn: ({ signal }) => get<ScreenResult[]>('/api/screening/results/?limit=50', signal),
  });

export const useScreenResult = (id?: Id | null) =>
  useQuery({
    queryKey: ['screening', 'result', String(id)],
    enabled: id !== undefined && id !== null,
    queryFn: ({ signal }) => get<ScreenResultDetail>(`/api/screening/results/${id}/`, signal),
  });

export const useBacktestStrategies = () =>
  useQuery({
    queryKey: ['backtest', 'strategies'],
    queryFn: ({ signal }) => get<BacktestStrategy[]>('/api/backtest/strategies/', signal),
    staleTime: 300000,
  });

export const useBacktestResults = () =>
  useQuery({
    queryKey: ['backtest', 'results'],
    queryFn: ({ signal }) => get<BacktestResult[]>('/api/backtest/results/?limit=50', signal),
  });

export const useBacktestResult = (id?: Id | null) =>
  useQuery({
    queryKey: ['backtest', 'result', String(id)],
    enabled: id !== undefined && id !== null,
    queryFn: ({ signal }) => get<BacktestResultDetail>(`/api/backtest/results/${id}/`, signal),
  });

export const useBacktestCompare = (ids: Id[]) =>
  useQuery({
    queryKey: ['backtest', 'compare', ids.map(String).join(',')],
    enabled: ids.length > 0,
    queryFn: ({ signal }) => get<BacktestResult[]>(`/api/backtest/compare/?ids=${ids.join(',')}`, signal),
  });

/**
 * One job's state. The system WebSocket writes into the same cache entry; polling of
 * /api/jobs/<id>/ is the fallback (every second, every 4 s while the socket is open) and
 * stops once the job is finished.
 */
export function useJob(id?: Id | null) {
  const ws = useSystemSocket();
  return useQuery({
    queryKey: ['job', String(id)],
    enabled: id !== undefined && id !== null,
    queryFn: ({ signal }) => get<Job>(`/api/jobs/${id}/`, signal),
    refetchInterval: (q) =>
      q.state.status === 'error' || isTerminal(q.state.data as Job | undefined) ? false : ws === 'open' ? 4000 : 1000,
  });
}

export function useStartJob<TBody>(path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => post<JobCreated>(path, body),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['jobs'] });
      qc.invalidateQueries({ queryKey: ['kpis'] });
    },
  });
}

export function useCancelJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: Id) => post<Job>(`/api/jobs/${id}/cancel/`),
    onSuccess: (job) => {
      qc.setQueryData(['job', String(job.id)], job);
      qc.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
}
