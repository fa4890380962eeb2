import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ChangePasswordForm, passwordFormProblem } from '../components/ChangePasswordForm';
import { AuthProvider } from '../lib/auth';
import { AppRoutes } from '../App';
import { ApiError } from '../api/client';
import { mockFetch, renderWith } from './util';

function fillPassword(current: string, next: string, confirm = next) {
  fireEvent.change(screen.getByTestId('password-current'), { target: { value: current } });
  fireEvent.change(screen.getByTestId('password-new'), { target: { value: next } });
  fireEvent.change(screen.getByTestId('password-confirm'), { target: { value: confirm } });
  fireEvent.click(screen.getByTestId('password-submit'));
}

const dashboard = {
  'GET /api/dashboard/kpis/': { body: { data_files: 3, total_bars: 1000, backtests: 1, screens: 0, jobs: {} } },
  'GET /api/jobs/': { body: [] },
  'GET /api/data/': { body: [] },
};

describe('ChangePasswordForm', () => {
  it('checks length, confirmation and change before sending', () => {
    expect(passwordFormProblem('old-password-1', 'short', 'short')).toMatch(/12 characters/);
    expect(passwordFormProblem('old-password-1', 'a-long-new-password', 'a-long-new-passwort')).toMatch(/differ/);
    expect(passwordFormProblem('same-long-password', 'same-long-password', 'same-long-password')).toMatch(/must differ/);
    expect(passwordFormProblem('old-password-1', 'a-long-new-password', 'a-long-new-password')).toBeNull();
  });

  it('does not call the server when the confirmation differs', async () => {
    const onChange = vi.fn(async () => {});
    renderWith(<ChangePasswordForm onChange={onChange} />);
    fillPassword('old-password-1', 'a-long-new-password', 'another-long-password');
    expect((await screen.findByTestId('password-error')).textContent).toMatch(/differ/);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('shows the server error (wrong current password)', async () => {
    const onChange = vi.fn(async () => {
      throw new ApiError(400, 'current_password is wrong');
    });
    renderWith(<ChangePasswordForm onChange={onChange} />);
    fillPassword('bad-current-pw', 'a-long-new-password');
    expect((await screen.findByTestId('password-error')).textContent).toBe('current_password is wrong');
    expect(onChange).toHaveBeenCalledWith('bad-current-pw', 'a-long-new-password');
  });
});

describe('one-time password flow against the API', () => {
  it('a login that must change the password lands on the form, then on the dashboard', async () => {
    const { calls } = mockFetch({
      'GET /api/auth/status/': { body: { authenticated: false } },
      'POST /api/auth/login/': { body: { username: 'admin', csrf_token: 'csrf-1', must_change_password: true } },
      'POST /api/auth/password/': { body: { ok: true, must_change_password: false } },
      ...dashboard,
    });
    renderWith(
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>,
      { route: '/login' },
    );
    await screen.findByTestId('login-form');
    fireEvent.change(screen.getByTestId('login-username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'OneTimePassword2345' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('password-required');
    // Nothing else was asked of the API while the password must change.
    expect(calls.some((c) => c.url.startsWith('/api/dashboard/'))).toBe(false);
    fillPassword('OneTimePassword2345', 'my-own-long-password');
    await screen.findByTestId('kpi-cards');
    const change = calls.find((c) => c.url === '/api/auth/password/')!;
    expect(change.method).toBe('POST');
    expect(change.headers['X-CSRFToken']).toBe('csrf-1');
    expect(change.body).toEqual({ current_password: 'OneTimePassword2345', new_password: 'my-own-long-password' });
  });

  it('a deep link while the password must change goes to the form', async () => {
    mockFetch({
      'GET /api/auth/status/': { body: { authenticated: true, username: 'admin', csrf_token: 'c', must_change_password: true } },
      ...dashboard,
    });
    renderWith(
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>,
      { route: '/backtest' },
    );
    await screen.findByTestId('password-form');
    expect(screen.getByTestId('password-required')).toBeTruthy();
  });

  it('the sidebar links to the form for a voluntary change', async () => {
    mockFetch({
      'GET /api/auth/status/': { body: { authenticated: true, username: 'admin', csrf_token: 'c' } },
      ...dashboard,
    });
    renderWith(
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>,
      { route: '/' },
    );
    fireEvent.click(await screen.findByTestId('change-password'));
    await screen.findByTestId('password-form');
    expect(screen.queryByTestId('password-required')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('password-cancel')).toBeTruthy());
  });
});
