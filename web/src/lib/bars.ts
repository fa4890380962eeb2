/**
 * Windows of bars fetched page by page (the Market chart loads older windows as the user
 * scrolls left) merged into one series: ascending by timestamp, one row per timestamp (a later
 * window wins), whatever order the windows arrive in.
 */
export function mergeWindows<T extends { timestamp: number }>(windows: readonly (readonly T[])[]): T[] {
  const byTime = new Map<number, T>();
  for (const w of windows) for (const row of w) byTime.set(row.timestamp, row);
  return [...byTime.values()].sort((a, b) => a.timestamp - b.timestamp);
}

/** Puts an older window in front of what is loaded (the rows already loaded win). */
export function prependWindow<T extends { timestamp: number }>(loaded: readonly T[], older: readonly T[]): T[] {
  return mergeWindows([older, loaded]);
}
