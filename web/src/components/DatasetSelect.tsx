import type { DataFile } from '../api/types';
import { inputCls } from './ui';

export const datasetKey = (d: Pick<DataFile, 'exchange' | 'symbol' | 'timeframe'>) => `${d.exchange}|${d.symbol}|${d.timeframe}`;

export function parseDatasetKey(k: string): { exchange: string; symbol: string; timeframe: string } | null {
  const parts = k.split('|');
  if (parts.length !== 3) return null;
  return { exchange: parts[0], symbol: parts[1], timeframe: parts[2] };
}

export function DatasetSelect({ files, value, onChange, id, testId }: {
  files: DataFile[];
  value: string;
  onChange: (k: string) => void;
  id?: string;
  testId?: string;
}) {
  return (
    <select id={id} data-testid={testId} className={inputCls} value={value} onChange={(e) => onChange(e.target.value)}>
      {files.length === 0 && <option value="">No data files</option>}
      {files.map((f) => (
        <option key={datasetKey(f)} value={datasetKey(f)}>
          {f.symbol} · {f.timeframe} · {f.exchange}
        </option>
      ))}
    </select>
  );
}
