// Fetch wrapper: JSON in/out, session cookie, X-CSRFToken on unsafe methods, 401 -> /login.

export class ApiError extends Error {
  status: number;
  body: unknown;
  constructor(status: number, message: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_KEY = 'aitp-csrf';

let csrfToken: string | null = null;
try {
  csrfToken = sessionStorage.getItem(CSRF_KEY);
} catch {
  /* storage unavailable */
}

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
  try {
    if (csrfToken) sessionStorage.setItem(CSRF_KEY, csrfToken);
    else sessionStorage.removeItem(CSRF_KEY);
  } catch {
    /* storage unavailable */
  }
}

export function getCsrfToken(): string | null {
  return csrfToken;
}

function defaultUnauthorized(): void {
  if (typeof window !== 'undefined' && window.location.pathname !== '/login') {
    window.location.assign('/login');
  }
}

let unauthorizedHandler: () => void = defaultUnauthorized;

/** Called on any 401 (except the login call itself). The app installs a router-aware handler. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  unauthorizedHandler = fn ?? defaultUnauthorized;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect to /login on 401 (used by the login form and the status probe). */
  noAuthRedirect?: boolean;
}

export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = (opts.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRFToken'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError(0, 'Network error: the server is unreachable');
  }

  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }

  if (!res.ok) {
    const msg =
      data && typeof data === 'object' && 'error' in data && typeof (data as { error: unknown }).error === 'string'
        ? (data as { error: string }).error
        : `HTTP ${res.status}`;
    if (res.status === 401 && !opts.noAuthRedirect) {
      setCsrfToken(null);
      unauthorizedHandler();
    }
    throw new ApiError(res.status, msg, data);
  }
  return data as T;
}

export const get = <T>(path: string, signal?: AbortSignal) => api<T>(path, { signal });
export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body: body ?? {} });

/** Symbol in a URL path: `BTC/USDT` -> `BTC%2FUSDT`, `^GSPC` -> `%5EGSPC` (docs/api.md). */
export function symbolPath(symbol: string): string {
  return encodeURIComponent(symbol);
}

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
