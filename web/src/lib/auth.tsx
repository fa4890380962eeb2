import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import type { AuthStatus, LoginResponse } from '../api/types';

type State =
  | { phase: 'loading' }
  | { phase: 'anonymous' }
  | { phase: 'authenticated'; username: string; mustChangePassword: boolean };

interface AuthCtx {
  state: State;
  login: (username: string, password: string) => Promise<void>;
  /** POST /api/auth/password/; clears the must-change flag on success. */
  changePassword: (current: string, next: string) => Promise<void>;
  logout: () => Promise<void>;
  /** Forget the session locally (after a 401). */
  expire: () => void;
}

const Ctx = createContext<AuthCtx | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [state, setState] = useState<State>({ phase: 'loading' });

  useEffect(() => {
    let alive = true;
    api<AuthStatus>('/api/auth/status/', { noAuthRedirect: true })
      .then((s) => {
        if (!alive) return;
        if (s.authenticated) {
          setCsrfToken(s.csrf_token);
          setState({ phase: 'authenticated', username: s.username ?? '', mustChangePassword: !!s.must_change_password });
        } else {
          setCsrfToken(null);
          setState({ phase: 'anonymous' });
        }
      })
      .catch(() => alive && setState({ phase: 'anonymous' }));
    return () => {
      alive = false;
    };
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const r = await api<LoginResponse>('/api/auth/login/', {
      method: 'POST',
      body: { username, password },
      noAuthRedirect: true,
    });
    setCsrfToken(r.csrf_token);
    setState({ phase: 'authenticated', username: r.username ?? username, mustChangePassword: !!r.must_change_password });
  }, []);

  const changePassword = useCallback(async (current: string, next: string) => {
    await api('/api/auth/password/', {
      method: 'POST',
      body: { current_password: current, new_password: next },
    });
    setState((s) => (s.phase === 'authenticated' ? { ...s, mustChangePassword: false } : s));
  }, []);

  const expire = useCallback(() => {
    setCsrfToken(null);
    qc.clear();
    setState({ phase: 'anonymous' });
  }, [qc]);

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout/', { method: 'POST', body: {}, noAuthRedirect: true });
    } catch {
      /* the session is gone either way */
    }
    expire();
  }, [expire]);

  return <Ctx.Provider value={{ state, login, changePassword, logout, expire }}>{children}</Ctx.Provider>;
}

export function useAuth(): AuthCtx {
  const c = useContext(Ctx);
  if (!c) throw new Error('useAuth outside AuthProvider');
  return c;
}
