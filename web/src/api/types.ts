// Shapes of docs/api.md (the contract `aitp serve` implements).

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
export type Id = string | number;

export interface Job {
  id: Id;
  job_type: string;
  status: JobStatus;
  progress: number;
  progress_message?: string | null;
  params?: Record<string, unknown>;
  result?: Record<string, unknown> | null;
  error?: string | null;
  created_at?: string | null;
  started_at?: string | null;
  completed_at?: string | null;
}

export interface AuthStatus {
  authenticated: boolean;
  username?: string;
  csrf_token?: string;
}

export interface LoginResponse {
  username: string;
  csrf_token: string;
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
  total_return: number | null;
  sharpe_ratio: number | null;
  max_drawdown: number | null;
  win_rate: number | null;
  profit_factor: number | null;
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
  top_sharpe: number | null;
  top_return: number | null;
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
  total_return?: number | null;
  sharpe_ratio?: number | null;
  sortino_ratio?: number | null;
  max_drawdown?: number | null;
  win_rate?: number | null;
  profit_factor?: number | null;
  num_trades?: number | null;
  final_value?: number | null;
  [key: string]: number | null | undefined;
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
