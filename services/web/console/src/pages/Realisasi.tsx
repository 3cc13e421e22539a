import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, csrfHeaders, fieldErrors, outcomeOf, signInUrl, type ApiError, type Outcome } from '../api/client';
import type { EmployeeSkpItem, Realisation, SkpDocument } from '../api/types';
import { LoadError } from '../components/LoadError';
import { FieldMessage, OtherFieldErrors, OutcomeNote, TextAreaField } from '../components/Outcome';
import { formatDate, formatDateTime } from '../format';
import { useLoad, useTitle } from '../hooks';
import { periodicIds, periodLabel, useAgencyPeriods } from '../periods';
import { useSession } from '../session';
import { SelectField } from '../components/SelectField';

/** What the console lets through as bukti dukung; the service enforces its own size limit too. */
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Realisasi per period and IKI of the approved SKP, with evidence files (PDF or images). */
export default function Realisasi() {
  const { t } = useTranslation();
  const { session } = useSession();
  const user = session!.user!;
  useTitle(t('realisasi.title'));
  const skps = useLoad<{ skps: EmployeeSkpItem[] }>(() => api.workPlanning.GET('/employees/{nip}/skps', { params: { path: { nip: user.nip } } }), [user.nip]);
  const skp = skps.data?.skps.find((s) => s.versions > 0);
  return (
    <>
      <h1>{t('realisasi.title')}</h1>
      {skps.error !== undefined && <LoadError status={skps.status} message={skps.error} onRetry={skps.reload} />}
      {skps.data && !skp && <p>{t('realisasi.noApprovedSkp')}</p>}
      {skp && <RealisasiOf skp={skp} agencyId={user.agencyId ?? ''} />}
    </>
  );
}

function RealisasiOf({ skp, agencyId }: { skp: EmployeeSkpItem; agencyId: string }) {
  const { t } = useTranslation();
  const year = skp.periodStart.slice(0, 4);
  // The agency's evaluation periods, named in the one vocabulary (2026-S1 ...), then the year itself.
  const calendar = useAgencyPeriods(agencyId, year);
  const periods = [...periodicIds(calendar.data?.periods, year), year];
  const [chosen, setPeriodId] = useState<string>();
  const periodId = chosen ?? periods[0];
  const periodSelect = useId();
  const doc = useLoad<SkpDocument>(
    () => api.workPlanning.GET('/skps/{id}', { params: { path: { id: skp.skpId }, query: { version: String(skp.versions) } } }),
    [skp.skpId, skp.versions],
  );
  const recorded = useLoad<{ realisations: Realisation[] }>(
    () => api.workPlanning.GET('/skps/{skpId}/realisations', { params: { path: { skpId: skp.skpId }, query: { periodId } } }),
    [skp.skpId, periodId],
  );
  const rows = doc.data?.hasilKerja.flatMap((s) => s.rows) ?? [];
  return (
    <>
      <p>{t('skp.document', { start: formatDate(skp.periodStart), end: formatDate(skp.periodEnd) })}</p>
      <SelectField id={periodSelect} label={t('realisasi.period')} value={periodId} onChange={setPeriodId} options={periods.map((p) => [p, periodLabel(t, p)] as const)} narrow />
      {doc.error !== undefined && <LoadError status={doc.status} message={doc.error} onRetry={doc.reload} />}
      {rows.map((row) => (
        <IkiRealisation
          key={`${periodId}/${row.ikiId}`}
          skpId={skp.skpId}
          periodId={periodId}
          row={row}
          latest={recorded.data?.realisations.find((r) => r.ikiId === row.ikiId)}
          onSaved={() => void recorded.reload()}
        />
      ))}
    </>
  );
}

function IkiRealisation({
  skpId,
  periodId,
  row,
  latest,
  onSaved,
}: {
  skpId: string;
  periodId: string;
  row: SkpDocument['hasilKerja'][number]['rows'][number];
  latest?: Realisation;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [value, setValue] = useState('');
  const [narrative, setNarrative] = useState('');
  // Bound to service records or complaints (issue 19): the value is computed; notes and evidence are the employee's.
  const source = row.source ?? latest?.computed?.source ?? null;
  const [occurredOn, setOccurredOn] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome<unknown> | null>(null);
  const errors = fieldErrors(outcome);
  const periodTarget = (row.periodTargets ?? []).find((p) => p.periodId === periodId);

  const pickFile = (picked: File | null) => {
    setFileError(undefined);
    setFile(null);
    if (!picked) return;
    if (!EVIDENCE_TYPES.includes(picked.type)) return setFileError(t('realisasi.fileType'));
    if (picked.size > EVIDENCE_MAX_BYTES) return setFileError(t('realisasi.fileSize', { mb: EVIDENCE_MAX_BYTES / 1024 / 1024 }));
    setFile(picked);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (fileError) return;
    const evidence: { kind: 'FILE'; sha256: string }[] = [];
    if (file) {
      // Raw bytes with the file's own type: openapi-fetch would serialise the body as JSON.
      const res = await fetch(`/api/work-planning/skps/${encodeURIComponent(skpId)}/evidence-files?fileName=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { ...csrfHeaders(), 'content-type': file.type },
        body: file,
      });
      if (res.status === 401) return window.location.assign(signInUrl());
      const body = (await res.json()) as { sha256?: string } & Partial<ApiError>;
      if (!res.ok || !body.sha256) return setFileError(body.message ?? t('errors.generic'));
      evidence.push({ kind: 'FILE', sha256: body.sha256 });
    }
    const result = outcomeOf(
      await api.workPlanning.POST('/skps/{skpId}/realisations', {
        params: { path: { skpId } },
        body: (source
          ? { periodId, ikiId: row.ikiId, narrative: narrative.trim() === '' ? null : narrative, occurredOn, evidence }
          : { periodId, ikiId: row.ikiId, value: value === '' ? null : Number(value), occurredOn, evidence }) as never,
      }),
    );
    setOutcome(result);
    if (result.kind === 'done' || result.kind === 'pending') {
      setValue('');
      setNarrative('');
      setFile(null);
      onSaved();
    }
  };

  const invalid = (name: string, message?: string) => (message ? { 'aria-invalid': true as const, 'aria-describedby': `${ids}-${name}-error` } : {});
  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>
        {row.ikiId}: {row.indikatorKinerjaIndividu}
      </h2>
      <p className="muted">
        {row.rencanaHasilKerja} · {t('skp.col.target')}: {row.target}
        {row.direction === 'LOWER_IS_BETTER' ? ` (${t('skp.directions.LOWER_IS_BETTER').toLowerCase()})` : ''}
        {periodTarget ? ` · ${t('realisasi.target', { period: periodLabel(t, periodId), target: periodTarget.target })}` : ''}
      </p>
      {source && (
        <div className="note" role="note">
          <p>
            <strong>
              {latest?.computed
                ? t(source.kind === 'SERVICE_STANDARD' ? 'layanan.computed' : 'layanan.computedComplaints', { count: latest.computed.recordCount })
                : t('layanan.computedPending')}
            </strong>{' '}
            <Link to={`/capaian-layanan?periode=${encodeURIComponent(periodId)}${source.kind === 'SERVICE_STANDARD' ? `&layanan=${encodeURIComponent(source.serviceCode)}` : ''}`}>
              {t('layanan.viewRecords')}
            </Link>
          </p>
          <p className="muted">{t('layanan.computedHint')}</p>
        </div>
      )}
      {latest ? (
        <p>
          {t('realisasi.latest', { value: latest.value ?? latest.narrative ?? '—', date: formatDateTime(latest.recordedAt) })}{' '}
          {source && latest.narrative && latest.value !== null && <span className="muted">{latest.narrative} </span>}
          {latest.late && <span className="badge badge-RETURNED">{t('realisasi.late')}</span>}{' '}
          {latest.evidence
            .filter((e) => e.kind === 'FILE')
            .map((e) => (
              <a key={e.sha256} href={`/api/work-planning/skps/${encodeURIComponent(skpId)}/evidence-files/${e.sha256}`}>
                {e.fileName}
              </a>
            ))}
        </p>
      ) : (
        <p>{t('realisasi.none')}</p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        {source ? (
          <TextAreaField id={`${ids}-narrative`} label={t('layanan.narrative')} value={narrative} onChange={setNarrative} error={errors.narrative} />
        ) : (
          <div className="field">
            <label htmlFor={`${ids}-value`}>{t('realisasi.value')}</label>
            <input id={`${ids}-value`} inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} {...invalid('value', errors.value)} />
            <FieldMessage id={`${ids}-value-error`} message={errors.value} />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${ids}-occurredOn`}>{t('realisasi.occurredOn')}</label>
          <input id={`${ids}-occurredOn`} type="date" value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} {...invalid('occurredOn', errors.occurredOn)} />
          <FieldMessage id={`${ids}-occurredOn-error`} message={errors.occurredOn} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-file`}>{t('realisasi.file')}</label>
          <input
            id={`${ids}-file`}
            type="file"
            accept={EVIDENCE_TYPES.join(',')}
            onChange={(e) => pickFile(e.target.files?.[0] ?? null)}
            {...invalid('file', fileError ?? errors.evidence)}
          />
          <span className="muted">{t('realisasi.fileHint', { mb: EVIDENCE_MAX_BYTES / 1024 / 1024 })}</span>
          <FieldMessage id={`${ids}-file-error`} message={fileError ?? errors.evidence} />
        </div>
        <OtherFieldErrors outcome={outcome} shown={['value', 'narrative', 'occurredOn', 'evidence']} />
        <OutcomeNote outcome={outcome} done={t('realisasi.saved')} />
        <button type="submit">{t('realisasi.save')}</button>
      </form>
    </section>
  );
}
