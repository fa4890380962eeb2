import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { Layout } from './components/Layout';
import { Loading } from './components/ui';
import { AuthProvider, useAuth } from './lib/auth';
import { ThemeProvider } from './lib/theme';
import LoginPage from './pages/Login';
import ChangePasswordPage from './pages/ChangePassword';
import DashboardPage from './pages/Dashboard';

const MarketPage = lazy(() => import('./pages/Market'));
const DataPage = lazy(() => import('./pages/Data'));
const ScreeningPage = lazy(() => import('./pages/Screening'));
const BacktestPage = lazy(() => import('./pages/Backtest'));

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5000,
        refetchOnWindowFocus: false,
        // Client errors (401, 404, ...) are final; rate limiting (429), network and 5xx get two retries.
        retry: (count, err) =>
          count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500 && err.status !== 429),
        retryDelay: (attempt, err) => (err instanceof ApiError && err.status === 429 ? 5000 : Math.min(1000 * 2 ** attempt, 8000)),
      },
    },
  });
}

/** 401 from any API call -> forget the session -> RequireAuth sends the user to /login. */
function UnauthorizedBridge() {
  const { expire } = useAuth();
  useEffect(() => {
    setUnauthorizedHandler(expire);
    return () => setUnauthorizedHandler(null);
  }, [expire]);
  return null;
}

/** Signed in, and (unless on /password itself) not holding a one-time password that must change. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.phase === 'loading')
    return (
      <div className="flex min-h-screen items-center justify-center bg-slate-50 dark:bg-slate-950">
        <Loading />
      </div>
    );
  if (state.phase === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (state.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return <>{children}</>;
}

function NotFound() {
  return (
    <div className="py-16 text-center" data-testid="not-found">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-500">There is nothing at this address.</p>
    </div>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/password"
        element={
          <RequireAuth>
            <ChangePasswordPage />
          </RequireAuth>
        }
      />
      <Route
        element={
          <RequireAuth>
            <Layout />
          </RequireAuth>
        }
      >
        <Route index element={<DashboardPage />} />
        <Route path="market" element={<Suspense fallback={<Loading />}><MarketPage /></Suspense>} />
        <Route path="data" element={<Suspense fallback={<Loading />}><DataPage /></Suspense>} />
        <Route path="screening" element={<Suspense fallback={<Loading />}><ScreeningPage /></Suspense>} />
        <Route path="backtest" element={<Suspense fallback={<Loading />}><BacktestPage /></Suspense>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export default function App({ client }: { client?: QueryClient }) {
  const qc = client ?? makeQueryClient();
  return (
    <ThemeProvider>
      <QueryClientProvider client={qc}>
        <AuthProvider>
          <UnauthorizedBridge />
          <AppRoutes />
        </AuthProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
