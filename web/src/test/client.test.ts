import { describe, expect, it, vi } from 'vitest';
import { ApiError, api, getCsrfToken, post, setCsrfToken, setUnauthorizedHandler, symbolPath } from '../api/client';
import { mockFetch } from './util';

describe('api client', () => {
  it('adds X-CSRFToken to unsafe methods only', async () => {
    const { calls } = mockFetch({
      'GET /api/jobs/': { body: [] },
      'POST /api/backtest/run/': { body: { job_id: 'j1' } },
      'DELETE /api/thing/': { body: { ok: true } },
    });
    setCsrfToken('tok123');
    await api('/api/jobs/');
    const r = await post<{ job_id: string }>('/api/backtest/run/', { strategy: 'sma_cross' });
    await api('/api/thing/', { method: 'DELETE' });
    expect(r.job_id).toBe('j1');
    expect(calls[0].headers['X-CSRFToken']).toBeUndefined();
    expect(calls[1].headers['X-CSRFToken']).toBe('tok123');
    expect(calls[1].headers['Content-Type']).toBe('application/json');
    expect(calls[1].body).toEqual({ strategy: 'sma_cross' });
    expect(calls[2].headers['X-CSRFToken']).toBe('tok123');
  });

  it('on 401 forgets the token and calls the unauthorized handler (redirect to /login)', async () => {
    mockFetch({ 'GET /api/dashboard/kpis/': { status: 401, body: { error: 'authentication required' } } });
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    setCsrfToken('tok');
    await expect(api('/api/dashboard/kpis/')).rejects.toMatchObject({ status: 401, message: 'authentication required' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(getCsrfToken()).toBeNull();
    setUnauthorizedHandler(null);
  });

  it('the default 401 handler navigates to /login', async () => {
    mockFetch({ 'GET /api/jobs/': { status: 401, body: { error: 'no session' } } });
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, pathname: '/backtest', assign });
    setUnauthorizedHandler(null);
    await expect(api('/api/jobs/')).rejects.toBeInstanceOf(ApiError);
    expect(assign).toHaveBeenCalledWith('/login');
  });

  it('does not redirect when asked not to (login form)', async () => {
    mockFetch({ 'POST /api/auth/login/': { status: 401, body: { error: 'invalid credentials' } } });
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    await expect(api('/api/auth/login/', { method: 'POST', body: {}, noAuthRedirect: true })).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).not.toHaveBeenCalled();
    setUnauthorizedHandler(null);
  });

  it('turns a JSON error body into the message and keeps the status', async () => {
    mockFetch({ 'POST /api/data/generate-sample/': { status: 400, body: { error: 'unknown timeframe' } } });
    setCsrfToken('t');
    const e = (await post('/api/data/generate-sample/', {}).catch((x) => x)) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(400);
    expect(e.message).toBe('unknown timeframe');
  });

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(api('/api/health/')).rejects.toMatchObject({ status: 0 });
  });

  it('encodes symbols for paths', () => {
    expect(symbolPath('BTC/USDT')).toBe('BTC%2FUSDT');
    expect(symbolPath('^GSPC')).toBe('%5EGSPC');
  });
});
