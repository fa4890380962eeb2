import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { btnPrimary, inputCls } from './ui';

/** The server's policy (docs/api.md): at least 12 characters. Checked here only to answer early. */
export const MIN_PASSWORD_LENGTH = 12;

/** Returns what is wrong with the fields before anything is sent, or null. */
export function passwordFormProblem(current: string, next: string, confirm: string): string | null {
  if (next.length < MIN_PASSWORD_LENGTH) return `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (next !== confirm) return 'The two new passwords differ.';
  if (next === current) return 'The new password must differ from the current one.';
  return null;
}

export function passwordErrorText(e: unknown): string {
  if (e instanceof ApiError) {
    if (e.status === 429) return 'Too many wrong passwords: try again later.';
    if (e.status === 0) return 'The server is unreachable.';
    return e.message;
  }
  return e instanceof Error ? e.message : String(e);
}

function Field(props: { id: string; label: string; value: string; onChange: (v: string) => void; autoComplete: string }) {
  return (
    <div className="space-y-1">
      <label htmlFor={props.id} className="text-sm font-medium text-slate-700 dark:text-slate-300">{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type="password"
        data-testid={props.id}
        autoComplete={props.autoComplete}
        required
        className={inputCls}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function ChangePasswordForm({ onChange }: { onChange: (current: string, next: string) => Promise<void> }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = passwordFormProblem(current, next, confirm);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await onChange(current, next);
    } catch (err) {
      setError(passwordErrorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form data-testid="password-form" onSubmit={submit} className="space-y-4">
      <Field id="password-current" label="Current password" value={current} onChange={setCurrent} autoComplete="current-password" />
      <Field id="password-new" label="New password (12 or more characters)" value={next} onChange={setNext} autoComplete="new-password" />
      <Field id="password-confirm" label="New password again" value={confirm} onChange={setConfirm} autoComplete="new-password" />
      {error && (
        <p role="alert" data-testid="password-error" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700 dark:bg-rose-950/60 dark:text-rose-300">
          {error}
        </p>
      )}
      <button type="submit" data-testid="password-submit" className={btnPrimary + ' w-full py-2'} disabled={busy}>
        {busy ? 'Saving…' : 'Change password'}
      </button>
    </form>
  );
}
