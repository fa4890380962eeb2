import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { btnPrimary, inputCls } from './ui';

export function loginErrorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 401) return 'Invalid username or password.';
    if (e.status === 429) return 'Too many failed attempts: login is locked for a while. Try again later.';
    if (e.status === 0) return 'The server is unreachable.';
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

export function LoginForm({ onLogin }: { onLogin: (username: string, password: string) => Promise<void> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await onLogin(username, password);
    } catch (err) {
      setError(loginErrorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form data-testid="login-form" onSubmit={submit} className="space-y-4">
      <div className="space-y-1">
        <label htmlFor="username" className="text-sm font-medium text-slate-700 dark:text-slate-300">Username</label>
        <input
          id="username"
          name="username"
          data-testid="login-username"
          autoComplete="username"
          required
          className={inputCls}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="text-sm font-medium text-slate-700 dark:text-slate-300">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          data-testid="login-password"
          autoComplete="current-password"
          required
          className={inputCls}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {error && (
        <p role="alert" data-testid="login-error" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-950/60 dark:text-rose-300">
          {error}
        </p>
      )}
      <button type="submit" data-testid="login-submit" className={btnPrimary + ' w-full py-2'} disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
