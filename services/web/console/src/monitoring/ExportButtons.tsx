import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Table } from './export';

/** "Unduh CSV" / "Unduh XLSX" for one list; the export code (and exceljs) loads on the first click. */
export function ExportButtons({ table, label }: { table: () => Table; label: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setFailed(false);
    try {
      const { exportTable } = await import('./export');
      await exportTable(table(), format);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export">
      <button type="button" disabled={busy} aria-label={t('monitoring.export.csvOf', { name: label })} onClick={() => void run('csv')}>
        {t('monitoring.export.csv')}
      </button>
      <button type="button" disabled={busy} aria-label={t('monitoring.export.xlsxOf', { name: label })} onClick={() => void run('xlsx')}>
        {t('monitoring.export.xlsx')}
      </button>
      {failed && (
        <p className="note note-error" role="alert">
          {t('monitoring.export.failed')}
        </p>
      )}
    </div>
  );
}
