import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isTerminal, type Job } from '../api/types';

export type WsState = 'connecting' | 'open' | 'closed';

const Ctx = createContext<WsState>('closed');

export function wsUrl(path: string): string {
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${proto}//${window.location.host}${path}`;
}

/**
 * Connects to /ws/system/ while mounted (only inside the authenticated layout), pushes job
 * updates into the TanStack Query cache (['job', id]) and refreshes job lists when a job
 * finishes. Reconnects with exponential backoff (at most 30 s). Pages keep polling as a
 * fallback, more slowly while the socket is open.
 */
export function SystemSocketProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [state, setState] = useState<WsState>('connecting');
  const retry = useRef(0);

  useEffect(() => {
    if (typeof WebSocket === 'undefined') {
      setState('closed');
      return;
    }
    let ws: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const connect = () => {
      setState('connecting');
      try {
        ws = new WebSocket(wsUrl('/ws/system/'));
      } catch {
        schedule();
        return;
      }
      ws.onopen = () => {
        retry.current = 0;
        setState('open');
      };
      ws.onmessage = (ev) => {
        let msg: { type?: string; job?: Job };
        try {
          msg = JSON.parse(typeof ev.data === 'string' ? ev.data : '');
        } catch {
          return;
        }
        if (msg.type === 'job' && msg.job && msg.job.id !== undefined) {
          const job = msg.job;
          qc.setQueryData(['job', String(job.id)], job);
          if (isTerminal(job)) {
            qc.invalidateQueries({ queryKey: ['jobs'] });
            qc.invalidateQueries({ queryKey: ['kpis'] });
          }
        }
      };
      ws.onclose = () => {
        ws = null;
        setState('closed');
        schedule();
      };
      ws.onerror = () => {
        /* onclose follows */
      };
    };

    const schedule = () => {
      if (stopped) return;
      const delay = Math.min(30000, 1000 * 2 ** retry.current);
      retry.current += 1;
      timer = setTimeout(connect, delay);
    };

    connect();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (ws) {
        ws.onclose = null;
        ws.close();
      }
    };
  }, [qc]);

  return <Ctx.Provider value={state}>{children}</Ctx.Provider>;
}

export const useSystemSocket = () => useContext(Ctx);
