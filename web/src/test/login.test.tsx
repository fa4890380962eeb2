import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { LoginForm } from '../components/LoginForm';
import { AuthProvider } from '../lib/auth';
import { AppRoutes } from '../App';
import { ApiError, getCsrfToken } from '../api/client';
import { mockFetch, renderWith } from './util';

function fill(user: string, pass: string) {
  fireEvent.change(screen.getByTestId('login-username'), { target: { value: user } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: pass } });
  fireEvent.click(screen.getByTestId('login-submit'));
}

describe('LoginForm', () => {
  it('submits the username and password', async () => {
    const onLogin = vi.fn(async () => {});
    renderWith(<LoginForm onLogin={onLogin} />);
    fill('admin', 'a-long-password');
    await waitFor(() => expect(onLogin).toHaveBeenCalledWith('admin', 'a-long-password'));
    expect(screen.queryByTestId('login-error')).toBeNull();
  });

  it('shows an error on 401', async () => {
    const onLogin = vi.fn(async () => {
      throw new ApiError(401, 'invalid credentials');
    });
    renderWith(<LoginForm onLogin={onLogin} />);
    fill('admin', 'wrong-password');
    expect((await screen.findByTestId('login-error')).textContent).toMatch(/invalid username or password/i);
  });

  it('shows the lockout message on 429', async () => {
    renderWith(<LoginForm onLogin={async () => Promise.reject(new ApiError(429, 'locked'))} />);
    fill('admin', 'x');
    expect((await screen.findByTestId('login-error')).textContent).toMatch(/locked/i);
  });
});

describe('login page against the API', () => {
  it('401 from /api/auth/login/ keeps the user on the form with an error', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/status/': { body: { authenticated: false } },
      'POST /api/auth/login/': { status: 401, body: { error: 'invalid credentials' } },
    });
    renderWith(
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>,
      { route: '/login' },
    );
    await screen.findByTestId('login-form');
    fill('admin', 'bad-password-123');
    await screen.findByTestId('login-error');
    const login = calls.find((c) => c.url === '/api/auth/login/')!;
    expect(login.method).toBe('POST');
    expect(login.body).toEqual({ username: 'admin', password: 'bad-password-123' });
    expect(screen.getByTestId('login-form')).toBeTruthy();
  });

  it('a successful login keeps the CSRF token and opens the dashboard', async () => {
    mockFetch({
      'GET /api/auth/status/': { body: { authenticated: false } },
      'POST /api/auth/login/': { body: { username: 'admin', csrf_token: 'csrf-abc' } },
      'GET /api/dashboard/kpis/': { body: { data_files: 3, total_bars: 1000, backtests: 1, screens: 0, jobs: {} } },
      'GET /api/jobs/': { body: [] },
      'GET /api/data/': { body: [] },
    });
    renderWith(
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>,
      { route: '/login' },
    );
    await screen.findByTestId('login-form');
    fill('admin', 'good-password-123');
    await screen.findByTestId('kpi-cards');
    expect(getCsrfToken()).toBe('csrf-abc');
    expect(screen.getByTestId('current-user').textContent).toBe('admin');
  });

  it('an unauthenticated visit to a page lands on /login', async () => {
    mockFetch({ 'GET /api/auth/status/': { body: { authenticated: false } } });
    renderWith(
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>,
      { route: '/backtest' },
    );
    await screen.findByTestId('login-form');
  });

  it('a 401 from a page query sends the user back to /login', async () => {
    mockFetch({
      'GET /api/auth/status/': { body: { authenticated: true, username: 'admin', csrf_token: 't' } },
      'GET /api/dashboard/kpis/': { status: 401, body: { error: 'session expired' } },
      'GET /api/jobs/': { status: 401, body: { error: 'session expired' } },
      'GET /api/data/': { status: 401, body: { error: 'session expired' } },
    });
    const { default: App } = await import('../App');
    const { MemoryRouter } = await import('react-router');
    const { render } = await import('@testing-library/react');
    render(
      <MemoryRouter initialEntries={['/']}>
        <App />
      </MemoryRouter>,
    );
    await screen.findByTestId('login-form');
  });
});
