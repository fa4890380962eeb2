import type { ApiNumber } from '../api/types';

/** The value of an API number: Infinity / -Infinity for "inf" / "-inf", NaN for null or absent. */
export function apiNumber(v: ApiNumber | undefined): number {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v ?? NaN;
}

/**
 * The one place non-finite numbers become text: "—" for a missing value (null, NaN), "∞" and
 * "−∞" for infinities; finite values go to `finite`.
 */
function fmtWith(v: ApiNumber | undefined, finite: (x: number) => string): string {
  const x = apiNumber(v);
  if (Number.isNaN(x)) return '—';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return finite(x);
}

export function fmtNumber(v: ApiNumber | undefined, digits = 2): string {
  return fmtWith(v, (x) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
}

/** A price with thousands separators and as many decimals as its size needs (chart axes). */
export function fmtPrice(v: ApiNumber | undefined): string {
  return fmtWith(v, (x) => {
    const a = Math.abs(x);
    const max = a >= 1000 ? 2 : a >= 1 ? 4 : 6;
    return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: max });
  });
}

export function fmtInt(v: ApiNumber | undefined): string {
  return fmtWith(v, (x) => Math.round(x).toLocaleString('en-US'));
}

export function fmtPct(v: ApiNumber | undefined, digits = 2): string {
  return fmtWith(v, (x) => `${(x * 100).toFixed(digits)}%`);
}

/**
 * The one place a drawdown becomes text. The API reports drawdowns positive (max_drawdown_pct a
 * fraction, max_drawdown_amount in cash; docs/api.md); every page shows the fall below the peak
 * with a minus sign: 0.25 -> "-25.00%", 30 -> "-30.00", 0 -> "0.00%" (the CLI's
 * drawdown_text writes the same numbers).
 */
export function fmtDrawdownPct(v: ApiNumber | undefined, digits = 2): string {
  return fmtWith(v, (x) => fmtPct(x === 0 ? 0 : -Math.abs(x), digits));
}

export function fmtDrawdownAmount(v: ApiNumber | undefined): string {
  return fmtWith(v, (x) => fmtNumber(x === 0 ? 0 : -Math.abs(x)));
}

export function fmtBytes(v: number | null | undefined): string {
  return fmtWith(v, (b) => {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let x = b;
    let i = 0;
    while (x >= 1024 && i < units.length - 1) {
      x /= 1024;
      i++;
    }
    return `${x.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
  });
}

/** Epoch milliseconds or ISO string -> `2024-01-31 14:00` (UTC). */
export function fmtTime(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const d = typeof v === 'number' ? new Date(v) : new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

export function fmtDate(v: number | string | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return String(v);
  return d.toISOString().slice(0, 10);
}

export function fmtParams(p: Record<string, unknown> | null | undefined): string {
  if (!p) return '—';
  const parts = Object.entries(p).map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toFixed(4) : String(v)}`);
  return parts.length ? parts.join(', ') : '—';
}

/** Green for a positive value (+∞ included), red for a negative one, nothing for 0 or missing. */
export function signClass(v: ApiNumber | undefined): string {
  const x = apiNumber(v);
  if (Number.isNaN(x) || x === 0) return '';
  return x > 0 ? 'text-emerald-600 dark:text-emerald-400' : 'text-rose-600 dark:text-rose-400';
}
