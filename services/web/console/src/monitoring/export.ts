/**
 * CSV and XLSX files of a table, made in the browser. Loaded only when someone exports (a dynamic
 * import from ExportButtons), so exceljs never weighs on the console's first load.
 */
import ExcelJS from 'exceljs';

export interface Table {
  /** The file's name without extension, and the XLSX sheet's title. */
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** RFC 4180 with a byte-order mark, so that spreadsheet programs read UTF-8. */
export function toCsv(table: Table): string {
  return '\uFEFF' + [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function toXlsx(table: Table): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kinerja';
  const sheet = workbook.addWorksheet(table.name.slice(0, 31).replace(/[\\/?*[\]:]/g, '-'));
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(60, Math.max(10, ...[table.columns[i], ...table.rows.map((r) => r[i])].map((v) => String(v ?? '').length + 2)));
  });
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}

function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function exportTable(table: Table, format: 'csv' | 'xlsx'): Promise<void> {
  if (format === 'csv') download(`${table.name}.csv`, new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }));
  else download(`${table.name}.xlsx`, new Blob([await toXlsx(table)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
}
