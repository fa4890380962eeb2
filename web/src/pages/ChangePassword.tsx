import { useNavigate } from 'react-router';
import { ChangePasswordForm } from '../components/ChangePasswordForm';
import { useAuth } from '../lib/auth';

/** /password: required after a login with a generated one-time password, optional otherwise. */
export default function ChangePasswordPage() {
  const { state, changePassword, logout } = useAuth();
  const navigate = useNavigate();
  const required = state.phase === 'authenticated' && state.mustChangePassword;

  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-50 px-4 dark:bg-slate-950">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h1 className="mb-2 text-lg font-semibold text-slate-900 dark:text-slate-100">Change password</h1>
        {required && (
          <p data-testid="password-required" className="mb-4 text-sm text-slate-600 dark:text-slate-400">
            You signed in with a one-time password. Choose your own password to continue.
          </p>
        )}
        <ChangePasswordForm
          onChange={async (current, next) => {
            await changePassword(current, next);
            navigate('/', { replace: true });
          }}
        />
        <div className="mt-4 flex justify-between text-sm">
          {!required && (
            <button type="button" data-testid="password-cancel" className="text-slate-500 hover:underline" onClick={() => navigate(-1)}>
              Back
            </button>
          )}
          <button
            type="button"
            data-testid="password-logout"
            className="ml-auto text-slate-500 hover:underline"
            onClick={async () => {
              await logout();
              navigate('/login', { replace: true });
            }}
          >
            Log out
          </button>
        </div>
      </div>
    </div>
  );
}
