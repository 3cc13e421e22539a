import type { ReactNode } from 'react';
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
      {/* Focusable, so that a table wider than a phone scrolls by keyboard too. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
              {action && <th scope="col">{action.header}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (j === 0 ? <th key={j} scope="row">{cell}</th> : <td key={j}>{cell}</td>))}
                {action && <td>{action.cell(i)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ExportButtons label={caption} table={() => ({ name: fileName, columns, rows })} />
    </>
  );
}
