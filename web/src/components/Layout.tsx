import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../lib/auth';
import { SystemSocketProvider, useSystemSocket } from '../lib/ws';
import { ExchangeHealthBadge } from './Market';
import { ThemeToggle } from './ThemeToggle';

// 16x16 stroke icons (paths), so nothing depends on font glyphs.
const ICONS: Record<string, string> = {
  dashboard: 'M2 2h5v5H2zM9 2h5v3H9zM9 7h5v7H9zM2 9h5v5H2z',
  market: 'M2 13l3.5-4 3 2.5L14 4M10.5 4H14v3.5',
  data: 'M3 4c0-1.1 2.2-2 5-2s5 .9 5 2-2.2 2-5 2-5-.9-5-2zM3 4v8c0 1.1 2.2 2 5 2s5-.9 5-2V4M3 8c0 1.1 2.2 2 5 2s5-.9 5-2',
  screening: 'M2 2h3v3H2zM6.5 2h3v3h-3zM11 2h3v3h-3zM2 6.5h3v3H2zM6.5 6.5h3v3h-3zM11 6.5h3v3h-3zM2 11h3v3H2zM6.5 11h3v3h-3zM11 11h3v3h-3z',
  backtest: 'M2 14V2M2 14h12M4.5 11l3-4 2.5 2 3.5-5',
};

export function Icon({ name }: { name: string }) {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="h-4 w-4 shrink-0" fill="none" stroke="currentColor" strokeWidth={1.4} strokeLinecap="round" strokeLinejoin="round">
      <path d={ICONS[name]} />
    </svg>
  );
}

export const NAV = [
  { to: '/', label: 'Dashboard', id: 'dashboard' },
  { to: '/market', label: 'Market Analysis', id: 'market' },
  { to: '/data', label: 'Data Management', id: 'data' },
  { to: '/screening', label: 'Screening', id: 'screening' },
  { to: '/backtest', label: 'Backtesting', id: 'backtest' },
];

/** The browser tab says which page is open: "<page> · aitp". */
export function pageTitle(pathname: string): string {
  const item = NAV.find((n) => (n.to === '/' ? pathname === '/' : pathname === n.to || pathname.startsWith(n.to + '/')));
  return item ? `${item.label} · aitp` : 'aitp';
}

function WsIndicator() {
  const s = useSystemSocket();
  const color = s === 'open' ? 'bg-emerald-500' : s === 'connecting' ? 'bg-amber-400' : 'bg-slate-400';
  const label = s === 'open' ? 'Live updates' : s === 'connecting' ? 'Connecting…' : 'Polling';
  return (
    <div data-testid="ws-status" data-state={s} className="flex items-center gap-2 px-3 py-1 text-xs text-slate-500 dark:text-slate-400">
      <span className={`h-2 w-2 rounded-full ${color}`} />
      {label}
    </div>
  );
}

export function Layout() {
  const { state, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const username = state.phase === 'authenticated' ? state.username : '';
  // Below the md breakpoint (768 px) the sidebar is a drawer opened from the top bar.
  const [navOpen, setNavOpen] = useState(false);

  useEffect(() => {
    // Market Analysis names its series in the title itself (its effect runs before this one).
    if (!location.pathname.startsWith('/market')) document.title = pageTitle(location.pathname);
    setNavOpen(false);
  }, [location.pathname]);

  const onLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  return (
    <SystemSocketProvider>
      <div className="flex min-h-screen flex-col bg-slate-50 text-slate-900 md:flex-row dark:bg-slate-950 dark:text-slate-100">
        <header className="sticky top-0 z-30 flex items-center justify-between border-b border-slate-200 bg-white px-3 py-2 md:hidden dark:border-slate-800 dark:bg-slate-900">
          <div className="flex items-center gap-2">
            <span className="flex h-7 w-7 items-center justify-center rounded-lg bg-sky-600 text-xs font-bold text-white">ai</span>
            <span className="text-base font-semibold">aitp</span>
          </div>
          <button
            type="button"
            data-testid="nav-toggle"
            aria-expanded={navOpen}
            aria-controls="sidebar"
            onClick={() => setNavOpen((o) => !o)}
            className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 dark:border-slate-700 dark:text-slate-200"
          >
            {navOpen ? 'Close' : 'Menu'}
          </button>
        </header>
        {navOpen && <div className="fixed inset-0 z-30 bg-slate-900/40 md:hidden" onClick={() => setNavOpen(false)} aria-hidden />}
        <aside
          id="sidebar"
          data-testid="sidebar"
          data-open={navOpen}
          className={`${navOpen ? 'fixed inset-y-0 left-0 z-40 block' : 'hidden'} w-56 shrink-0 border-r border-slate-200 bg-white md:static md:block dark:border-slate-800 dark:bg-slate-900`}
        >
          <div className="sticky top-0 flex h-screen flex-col">
          <div className="flex items-center gap-2 px-4 py-5">
            <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-sky-600 text-sm font-bold text-white">ai</span>
            <div>
              <div className="text-base font-semibold leading-tight">aitp</div>
              <div className="text-[11px] leading-tight text-slate-500 dark:text-slate-400">trading research platform</div>
            </div>
          </div>
          <nav className="flex-1 space-y-0.5 px-2" data-testid="sidebar-nav">
            {NAV.map((n) => (
              <NavLink
                key={n.to}
                to={n.to}
                end={n.to === '/'}
                data-testid={`nav-${n.id}`}
                className={({ isActive }) =>
                  `flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium ${
                    isActive
                      ? 'bg-sky-50 text-sky-700 dark:bg-sky-950/60 dark:text-sky-300'
                      : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
                  }`
                }
              >
                <Icon name={n.id} />
                {n.label}
              </NavLink>
            ))}
          </nav>
          <div className="space-y-1 border-t border-slate-200 p-2 dark:border-slate-800">
            <WsIndicator />
            <ExchangeHealthBadge />
            <ThemeToggle />
            <div className="flex items-center justify-between gap-2 px-3 py-2">
              <span data-testid="current-user" className="truncate text-sm text-slate-600 dark:text-slate-300" title={username}>
                {username}
              </span>
              <NavLink
                to="/password"
                data-testid="change-password"
                className="rounded-md px-1 py-1 text-xs text-slate-500 hover:underline dark:text-slate-400"
              >
                Password
              </NavLink>
              <button
                type="button"
                data-testid="logout"
                onClick={onLogout}
                className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
              >
                Log out
              </button>
            </div>
          </div>
          </div>
        </aside>
        <main className="min-w-0 flex-1 px-3 py-4 md:px-6 md:py-6" data-testid="page">
          <Outlet />
        </main>
      </div>
    </SystemSocketProvider>
  );
}
