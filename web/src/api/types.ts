// Shapes of docs/api.md (the contract `aitp serve` implements).

export type Id = string | number;

/**
 * A number as the API writes it in metrics: NaN is `null`, +/-infinity are the strings "inf"
 * and "-inf" (docs/api.md). Read it with `apiNumber` and show it with the formatters of
 * lib/format.ts, never with checks of its own.
 */
export type ApiNumber = number | 'inf' | '-inf' | null;

/** A job moves from an active state to exactly one terminal state and never changes again. */
export const ACTIVE_JOB_STATUSES = ['pending', 'running'] as const;
export const TERMINAL_JOB_STATUSES = ['completed', 'failed', 'cancelled'] as const;
export type ActiveJobStatus = (typeof ACTIVE_JOB_STATUSES)[number];
export type TerminalJobStatus = (typeof TERMINAL_JOB_STATUSES)[number];
export type JobStatus = ActiveJobStatus | TerminalJobStatus;

export function isTerminalStatus(status: string): status is TerminalJobStatus {
  return (TERMINAL_JOB_STATUSES as readonly string[]).includes(status);
}

/** True when the job exists and has finished (completed, failed or cancelled). */
export const isTerminal = (job?: Job | null): boolean => !!job && isTerminalStatus(job.status);

/**
 * What a finished job reports. Backtest and screening jobs name the stored result they wrote
 * (`result_id`; a screen of several strategies lists all in `result_ids`, the first is
 * `result_id`); other jobs report their own fields.
 */
export interface JobResult {
  result_id?: Id | null;
  result_ids?: Id[];
  [key: string]: unknown;
}

export interface Job {
  id: Id;
  job_type: string;
  status: JobStatus;
  progress: number;
  progress_message?: string | null;
  params?: Record<string, unknown>;
  result?: JobResult | null;
  error?: string | null;
  created_at?: string | null;
  started_at?: string | null;
  completed_at?: string | null;
}

export interface AuthStatus {
  authenticated: boolean;
  username?: string;
  csrf_token?: string;
  /** The user still has a generated (one-time) password: only POST /api/auth/password/ works. */
  must_change_password?: boolean;
}

export interface LoginResponse {
  username: string;
  csrf_token: string;
  must_change_password?: boolean;
}

export interface Kpis {
  data_files: number;
  total_bars: number;
  backtests: number;
  screens: number;
  jobs: Partial<Record<JobStatus, number>>;
}

export interface DataFile {
  exchange: string;
  symbol: string;
  timeframe: string;
  rows: number;
  first: number | null;
  last: number | null;
  size_bytes: number;
  file: string;
}

export interface QualityReport {
  source?: string;
  exchange?: string;
  symbol: string;
  timeframe: string;
  asset_class?: string;
  rows: number;
  date_range?: [string, string] | null;
  gap_count?: number;
  missing_bars?: number;
  nan_columns?: Record<string, number>;
  price_spike_count?: number;
  open_gap_count?: number;
  zero_volume_count?: number;
  ohlc_violation_count?: number;
  duplicate_timestamp_count?: number;
  identical_runs?: unknown[];
  is_stale?: boolean;
  stale_hours?: number;
  passed: boolean;
  issues_summary?: string[];
}

export interface IndicatorRow {
  timestamp: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  [column: string]: number | null;
}

export interface IndicatorResponse {
  exchange: string;
  symbol: string;
  timeframe: string;
  count: number;
  /** True when the series has bars before this window (fetch them with `before`). */
  more_before?: boolean;
  columns: string[];
  data: IndicatorRow[];
}

export interface ScreeningStrategy {
  name: string;
  description: string;
  combinations: number;
}

export interface ScreenTopResult {
  params: Record<string, unknown>;
  total_return: ApiNumber;
  sharpe_ratio: ApiNumber;
  /** Positive fraction: 0.25 = 25 % below the peak (fmtDrawdownPct shows it). */
  max_drawdown_pct: ApiNumber;
  /** The same fall in cash, positive. */
  max_drawdown_amount?: ApiNumber;
  win_rate: ApiNumber;
  profit_factor: ApiNumber;
  num_trades: number | null;
}

export interface Heatmap {
  x_label: string;
  y_label: string;
  x: (number | string)[];
  y: (number | string)[];
  z: (number | null)[][];
}

export interface ScreenResult {
  id: Id;
  job_id: Id;
  exchange: string;
  symbol: string;
  timeframe: string;
  strategy: string;
  total_combinations: number;
  top_sharpe: ApiNumber;
  top_return: ApiNumber;
  created_at: string;
}

export interface ScreenResultDetail extends ScreenResult {
  top_results: ScreenTopResult[];
  heatmap?: Heatmap | null;
}

export interface BacktestStrategy {
  name: string;
  description: string;
  params: Record<string, number | string | boolean>;
}

export interface BacktestMetrics {
  total_return?: ApiNumber;
  sharpe_ratio?: ApiNumber;
  sortino_ratio?: ApiNumber;
  /** Positive fraction: 0.25 = 25 % below the peak (fmtDrawdownPct shows it). */
  max_drawdown_pct?: ApiNumber;
  /** The same fall in cash, positive (fmtDrawdownAmount). */
  max_drawdown_amount?: ApiNumber;
  win_rate?: ApiNumber;
  profit_factor?: ApiNumber;
  num_trades?: number | null;
  final_value?: ApiNumber;
  [key: string]: ApiNumber | string | undefined;
}

export interface BacktestResult {
  id: Id;
  job_id: Id;
  exchange: string;
  symbol: string;
  timeframe: string;
  strategy: string;
  metrics: BacktestMetrics;
  created_at: string;
}

export interface EquityPoint {
  timestamp: number;
  equity: number;
  drawdown: number;
}

export interface Trade {
  entry_time: number | string;
  exit_time: number | string | null;
  side: string;
  entry_price: number;
  exit_price: number | null;
  size: number;
  pnl: number | null;
  fee: number | null;
}

export interface BacktestResultDetail extends BacktestResult {
  equity_curve: EquityPoint[];
  trades: Trade[];
  params: Record<string, unknown>;
}

export interface JobCreated {
  job_id: Id;
}

/** One venue ticker (GET /api/market/tickers/, the /ws/market/tickers/ push). */
export interface Ticker {
  symbol: string;
  ts: number;
  last: number;
  bid: number;
  ask: number;
  open_24h: number;
  high_24h: number;
  low_24h: number;
  volume_24h: number;
  change_pct_24h: number;
}

export interface Tickers {
  source: string;
  watchlist?: string;
  tickers: Ticker[];
  /** The venue could not be reached ("binance unreachable: ..."). */
  error?: string;
}

/** GET /api/exchange/health/: one row per venue the server has used. */
export interface VenueHealth {
  venue: string;
  available: boolean;
  breaker: 'closed' | 'open' | 'half_open';
  requests: number;
  failures: number;
  retries: number;
  rate_limited: number;
  last_latency_ms: number;
  latency_p50_ms: number;
  latency_p99_ms: number;
  last_success_ms: number;
  last_error_ms: number;
  last_error: string;
}

/** One series of a finished download job (`job.result.series`). */
export interface DownloadOutcome {
  symbol: string;
  timeframe: string;
  status: 'ok' | 'error';
  new_bars: number;
  fetched: number;
  pages: number;
  first: number;
  last: number;
  gaps: number;
  error?: string;
}
