import { Navigate, useLocation, useNavigate } from 'react-router';
import { LoginForm } from '../components/LoginForm';
import { ThemeToggle } from '../components/ThemeToggle';
import { useAuth } from '../lib/auth';

export default function LoginPage() {
  const { state, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  if (state.phase === 'authenticated') return <Navigate to={target} replace />;

  return (
    <div className="flex min-h-screen items-center justify-center bg-slate-50 px-4 dark:bg-slate-950">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <span className="flex h-10 w-10 items-center justify-center rounded-xl bg-sky-600 text-base font-bold text-white">ai</span>
          <div>
            <div className="text-xl font-semibold text-slate-900 dark:text-slate-100">aitp</div>
            <div className="text-xs text-slate-500 dark:text-slate-400">trading research platform</div>
          </div>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
          <h1 className="mb-4 text-lg font-semibold text-slate-900 dark:text-slate-100">Sign in</h1>
          <LoginForm
            onLogin={async (u, p) => {
              await login(u, p);
              navigate(target, { replace: true });
            }}
          />
        </div>
        <div className="mx-auto mt-4 w-40">
          <ThemeToggle />
        </div>
      </div>
    </div>
  );
}
