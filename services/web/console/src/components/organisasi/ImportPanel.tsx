import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ApiError } from '../../api/client';
import type { ImportResult, ImportRowError } from '../../api/hr-types';
import { cityToday } from '../../format';
import { LoadError } from '../LoadError';
import { DataTable } from '../TableRegion';

const HEADER = 'NIP,NAMA,STATUS_ASN,GOLONGAN,TMT_GOLONGAN,JABATAN,JENIS_JABATAN,KODE_UNOR,NIP_ATASAN,TMT_JABATAN';

type Checked =
  | { kind: 'preview'; result: ImportResult; csv: string; asOf: string }
  | { kind: 'rejected'; message: string; errors: ImportRowError[] }
  | { kind: 'applied'; result: ImportResult }
  | { kind: 'failed'; status: number; message: string };

/**
 * The organisation from a CSV file: a dry run first (every error of the file by row and column, or
 * the diff of what would change), then the same file applied all at once.
 */
export function ImportPanel({ agencyId, onApplied }: { agencyId: string; onApplied(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [asOf, setAsOf] = useState(cityToday());
  const [checked, setChecked] = useState<Checked | null>(null);
  const [busy, setBusy] = useState(false);
  const [missingFile, setMissingFile] = useState(false);

  const send = async (csv: string, dryRun: boolean, on: string): Promise<Checked> => {
    // The file as it is (text/csv, up to 5 MB), not inside JSON.
    const res = await api.workPlanning.POST('/agencies/{agencyId}/imports', {
      params: { path: { agencyId }, query: { asOf: on, dryRun: String(dryRun) } as never },
      body: csv as never,
      bodySerializer: (text: unknown) => text as string,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    const body = (res.data ?? res.error) as (ImportResult & ApiError & { errors?: ImportRowError[] }) | undefined;
    if (res.response.ok && body) return dryRun ? { kind: 'preview', result: body, csv, asOf: on } : { kind: 'applied', result: body };
    if (res.response.status === 400 && body?.code === 'IMPORT_REJECTED') return { kind: 'rejected', message: body.message, errors: body.errors ?? [] };
    return { kind: 'failed', status: res.response.status, message: body?.message ?? '' };
  };
  const check = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setMissingFile(true);
    setMissingFile(false);
    setBusy(true);
    try {
      setChecked(await send((await file.text()).replace(/^\uFEFF/, ''), true, asOf));
    } finally {
      setBusy(false);
    }
  };
  const apply = async () => {
    if (checked?.kind !== 'preview') return;
    setBusy(true);
    try {
      const done = await send(checked.csv, false, checked.asOf);
      setChecked(done);
      if (done.kind === 'applied') onApplied();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="impor">
      <h2 id="impor">{t('organisasi.import.title')}</h2>
      <p className="muted wrap-anywhere">{t('organisasi.import.hint', { header: HEADER })}</p>
      <form onSubmit={(e) => void check(e)} noValidate>
        <div className="field">
          <label htmlFor="berkas-impor">{t('organisasi.import.file')}</label>
          <input
            id="berkas-impor"
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setChecked(null);
            }}
            {...(missingFile ? { 'aria-invalid': true, 'aria-describedby': 'berkas-impor-error' } : {})}
          />
          {missingFile && (
            <span id="berkas-impor-error" className="field-error" role="alert">
              {t('organisasi.import.noFile')}
            </span>
          )}
        </div>
        <div className="field narrow">
          <label htmlFor="impor-per">{t('organisasi.import.asOf')}</label>
          <input
            id="impor-per"
            type="date"
            value={asOf}
            onChange={(e) => {
              setAsOf(e.target.value);
              setChecked(null);
            }}
          />
        </div>
        <button type="submit" disabled={busy}>
          {t('organisasi.import.check')}
        </button>
      </form>
      {busy && <p role="status">{t('organisasi.import.checking')}</p>}
      {checked?.kind === 'failed' && <LoadError status={checked.status} message={checked.message} />}
      {checked?.kind === 'rejected' && <Rejected errors={checked.errors} />}
      {checked?.kind === 'preview' && (
        <>
          <Diff result={checked.result} caption={t('organisasi.import.previewCaption')} />
          <button type="button" onClick={() => void apply()} disabled={busy}>
            {t('organisasi.import.apply')}
          </button>
        </>
      )}
      {checked?.kind === 'applied' && (
        <>
          <p className="note note-ok" role="status">
            {t('organisasi.import.applied', { events: checked.result.events })}
          </p>
          <Diff result={checked.result} caption={t('organisasi.import.appliedCaption')} />
        </>
      )}
    </section>
  );
}

function Rejected({ errors }: { errors: ImportRowError[] }) {
  const { t } = useTranslation();
  const rows = new Set(errors.map((e) => e.line)).size;
  return (
    <>
      <p className="note note-error" role="alert">
        {t('organisasi.import.rejected', { count: errors.length, rows })}
      </p>
      <DataTable label={t('organisasi.import.errorsCaption')} columns={[t('organisasi.import.columns.line'), t('organisasi.import.columns.column'), t('organisasi.import.columns.nip'), t('organisasi.import.columns.message')]}>
        {errors.map((e, i) => (
          <tr key={`${e.line}-${e.column ?? ''}-${e.code}-${i}`}>
            <td>{e.line}</td>
            <td>{e.column ?? t('organisasi.import.wholeRow')}</td>
            <td>{e.nip ?? '—'}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function Diff({ result, caption }: { result: ImportResult; caption: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('organisasi.import.previewSummary', {
          rows: result.rows,
          registered: result.employeesRegistered,
          updated: result.employeesUpdated,
          organisation: result.organisationEvents,
        })}
      </p>
      {result.diff.length === 0 ? (
        <p>{t('organisasi.import.noChanges')}</p>
      ) : (
        <DataTable label={caption} columns={[t('organisasi.import.columns.line'), t('organisasi.import.columns.nip'), t('organisasi.import.columns.change'), t('organisasi.import.columns.detail')]}>
          {result.diff.map((d, i) => (
            <tr key={`${d.line}-${d.change}-${i}`}>
              <td>{d.line}</td>
              <td>{d.nip}</td>
              <td>{t(`organisasi.import.changes.${d.change}`, { defaultValue: d.change })}</td>
              <td>{d.detail}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {result.notInFile.length > 0 && <p className="note note-pending">{t('organisasi.import.notInFile', { nips: result.notInFile.join(', ') })}</p>}
      {result.unresolvedSupervisors.map((u) => (
        <p key={u.line} className="note note-pending">
          {t('organisasi.import.unresolved', { line: u.line, nipAtasan: u.nipAtasan })}
        </p>
      ))}
    </>
  );
}
