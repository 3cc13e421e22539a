import type { ReactNode } from 'react';
import { DataTable } from '../components/TableRegion';
import { ExportButtons } from './ExportButtons';

/** A list as a table with its caption, exportable as CSV and XLSX with the same columns and values. */
export function ListTable(props: {
  caption: string;
  fileName: string;
  columns: string[];
  rows: (string | number | null)[][];
  /** An extra last column (an action), not exported. */
  action?: { header: string; cell: (index: number) => ReactNode };
}) {
  const { caption, fileName, columns, rows, action } = props;
  return (
    <>
      <DataTable label={caption} columns={action ? [...columns, action.header] : columns}>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
            {action && <td>{action.cell(i)}</td>}
          </tr>
        ))}
      </DataTable>
      <ExportButtons label={caption} table={() => ({ name: fileName, columns, rows })} />
    </>
  );
}
