import { afterEach, beforeEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

// No real sockets in unit tests: the system WebSocket falls back to polling.
beforeEach(() => {
  vi.stubGlobal('WebSocket', undefined);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  localStorage.clear();
  sessionStorage.clear();
  document.documentElement.className = '';
});
