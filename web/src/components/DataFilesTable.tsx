import type { DataFile } from '../api/types';
import { fmtBytes, fmtDate, fmtInt } from '../lib/format';
import { Table, num, td, th } from './ui';

export function DataFilesTable({ files, showFile = false, testId = 'data-table' }: { files: DataFile[]; showFile?: boolean; testId?: string }) {
  return (
    <Table testId={testId}>
      <thead>
        <tr>
          <th className={th}>Exchange</th>
          <th className={th}>Symbol</th>
          <th className={th}>Timeframe</th>
          <th className={th + ' ' + num}>Rows</th>
          <th className={th}>First</th>
          <th className={th}>Last</th>
          <th className={th + ' ' + num}>Size</th>
          {showFile && <th className={th}>File</th>}
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={`${f.exchange}|${f.symbol}|${f.timeframe}`} data-testid="data-row">
            <td className={td}>{f.exchange}</td>
            <td className={td + ' whitespace-nowrap font-medium'}>{f.symbol}</td>
            <td className={td}>{f.timeframe}</td>
            <td className={td + ' ' + num}>{fmtInt(f.rows)}</td>
            <td className={td + ' whitespace-nowrap'}>{fmtDate(f.first)}</td>
            <td className={td + ' whitespace-nowrap'}>{fmtDate(f.last)}</td>
            <td className={td + ' whitespace-nowrap ' + num}>{fmtBytes(f.size_bytes)}</td>
            {showFile && <td className={td + ' max-w-xs truncate font-mono text-xs'} title={f.file}>{f.file}</td>}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
