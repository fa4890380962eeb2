import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { get, errorMessage } from '../api/client';
import type { Ticker, Tickers } from '../api/types';
import { wsUrl } from './ws';

/** How many prices each sparkline keeps. */
export const SPARK_POINTS = 60;

export interface TickerFeed {
  tickers: Ticker[];
  /** Recent last prices per symbol, oldest first (grows with each update). */
  history: Record<string, number[]>;
  /** Why there are no prices (venue unreachable, no such watchlist), or null. */
  error: string | null;
  loading: boolean;
  live: boolean;
}

/** Appends the tickers' last prices to the history, keeping SPARK_POINTS per symbol. */
export function appendHistory(history: Record<string, number[]>, tickers: Ticker[]): Record<string, number[]> {
  const next = { ...history };
  for (const t of tickers) {
    const prev = next[t.symbol] ?? [];
    next[t.symbol] = [...prev, t.last].slice(-SPARK_POINTS);
  }
  return next;
}

/**
 * A watchlist's tickers: first from REST (GET /api/market/watchlist/<name>/tickers/, polled
 * every 30 s as a fallback), then from the /ws/market/tickers/ push (every 10 s on the server).
 * A venue that cannot be reached ends loading with an error; it never spins.
 */
export function useTickerFeed(watchlist: string): TickerFeed {
  const rest = useQuery({
    queryKey: ['tickers', watchlist],
    queryFn: ({ signal }) => get<Tickers>(`/api/market/watchlist/${encodeURIComponent(watchlist)}/tickers/`, signal),
    refetchInterval: 30000,
    retry: false,
  });
  const [pushed, setPushed] = useState<Tickers | null>(null);
  const [live, setLive] = useState(false);
  const [history, setHistory] = useState<Record<string, number[]>>({});
  const seen = useRef<unknown>(null);

  useEffect(() => {
    if (typeof WebSocket === 'undefined') return;
    let ws: WebSocket | null = null;
    try {
      ws = new WebSocket(wsUrl('/ws/market/tickers/'));
    } catch {
      return;
    }
    ws.onopen = () => setLive(true);
    ws.onclose = () => setLive(false);
    ws.onmessage = (ev) => {
      try {
        const msg = JSON.parse(typeof ev.data === 'string' ? ev.data : '') as Tickers & { type?: string };
        if (msg.type === 'tickers' && (!msg.watchlist || msg.watchlist === watchlist)) setPushed(msg);
      } catch {
        /* not JSON: ignore */
      }
    };
    return () => ws?.close();
  }, [watchlist]);

  const current: Tickers | undefined = pushed ?? rest.data;
  useEffect(() => {
    if (!current || seen.current === current) return;
    seen.current = current;
    setHistory((h) => appendHistory(h, current.tickers));
  }, [current]);

  const error = current?.error ?? (rest.error && !pushed ? errorMessage(rest.error) : null);
  return {
    tickers: current?.tickers ?? [],
    history,
    error,
    loading: !current && rest.isPending,
    live,
  };
}
