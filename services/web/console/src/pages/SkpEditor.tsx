import { Fragment, useId, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, fieldErrors, outcomeOf, type Outcome } from '../api/client';
import type { AtasanRhk, SkpDocument } from '../api/types';
import { LampiranForm } from '../components/LampiranForm';
import { LoadError } from '../components/LoadError';
import { FieldMessage, OtherFieldErrors, OutcomeNote } from '../components/Outcome';
import { PrintLink } from '../components/PrintLink';
import { SkpDocumentView } from '../components/SkpDocumentView';
import { VersionHistory as Versions } from '../components/VersionHistory';
import { formatDate } from '../format';
import { useLoad, useTitle } from '../hooks';
import { periodicIds, periodLabel, useAgencyPeriods } from '../periods';
import { useSession } from '../session';

const EDITABLE = new Set(['DRAFT', 'RETURNED', 'REVISED', 'AMENDING']);
const ASPEK = ['KUANTITAS', 'KUALITAS', 'WAKTU', 'BIAYA'] as const;
const DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'] as const;
/** As the service defaults it: waktu and biaya are better lower. */
const defaultDirection = (aspect: string) => (aspect === 'WAKTU' || aspect === 'BIAYA' ? 'LOWER_IS_BETTER' : 'HIGHER_IS_BETTER');

export default function SkpEditor() {
  const { t } = useTranslation();
  const { skpId = '' } = useParams();
  const doc = useLoad<SkpDocument>(() => api.workPlanning.GET('/skps/{id}', { params: { path: { id: skpId }, query: {} } }), [skpId]);
  const [outcome, setOutcome] = useState<Outcome<SkpDocument> | null>(null);
  const [done, setDone] = useState<string | undefined>();
  const [lampiranOutcome, setLampiranOutcome] = useState<Outcome<SkpDocument> | null>(null);
  useTitle(t('skp.title'));

  const act = async (call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>, doneText?: string) => {
    const result = outcomeOf<SkpDocument>(await call());
    setOutcome(result);
    setDone(doneText);
    if (result.kind === 'done') void doc.reload();
  };

  if (doc.loading && !doc.data) return <p>{t('app.loading')}</p>;
  if (!doc.data) return <LoadError status={doc.status} message={doc.error} onRetry={doc.reload} />;
  const d = doc.data;
  const editable = EDITABLE.has(d.status);
  return (
    <>
      <h1>{t('skp.document', { start: formatDate(d.periode.start), end: formatDate(d.periode.end) })}</h1>
      {d.status === 'RETURNED' && d.returnNotes && (
        <section className="note note-pending" aria-labelledby="catatan">
          <h2 id="catatan">{t('skp.returnNotes')}</h2>
          <p>{d.returnNotes}</p>
        </section>
      )}
      <OutcomeNote outcome={outcome} done={done} onReload={() => void doc.reload()} />
      <SkpDocumentView
        doc={d}
        onRemove={editable ? (rhkId) => void act(() => api.workPlanning.DELETE('/skps/{id}/rhk/{rhkId}', { params: { path: { id: skpId, rhkId } } })) : undefined}
      />
      {editable && <RhkForm skpId={skpId} year={d.periode.start.slice(0, 4)} onSaved={() => void doc.reload()} />}
      {editable && <LampiranForm key={`${d.status}-${JSON.stringify(d.lampiran)}`} doc={d} onSaved={() => void doc.reload()} outcome={lampiranOutcome} onOutcome={setLampiranOutcome} />}
      <div className="actions">
        {editable && (
          <button type="button" onClick={() => void act(() => api.workPlanning.POST('/skps/{id}/submit', { params: { path: { id: skpId } } }), t('skp.submitted'))}>
            {t('skp.submit')}
          </button>
        )}
        {d.status === 'SUBMITTED' && (
          <button type="button" onClick={() => void act(() => api.workPlanning.POST('/skps/{id}/withdraw', { params: { path: { id: skpId } } }), t('skp.withdrawn'))}>
            {t('skp.withdraw')}
          </button>
        )}
        {d.status === 'APPROVED' && (
          <button type="button" onClick={() => void act(() => api.workPlanning.POST('/skps/{id}/amend', { params: { path: { id: skpId } } }))}>
            {t('skp.amend')}
          </button>
        )}
      </div>
      <PrintLink path={`skp/${encodeURIComponent(skpId)}`} label={t('dokumen.printSkp')} />
      <Versions skpId={skpId} key={`${d.status}-${d.latestApprovedVersion}`} />
    </>
  );
}

function RhkForm({ skpId, year, onSaved }: { skpId: string; year: string; onSaved(): void }) {
  const { t } = useTranslation();
  const ids = useId();
  const { session } = useSession();
  const calendar = useAgencyPeriods(session?.user?.agencyId ?? '', year);
  const periods = periodicIds(calendar.data?.periods, year);
  const [direction, setDirection] = useState<string>();
  const [periodTargets, setPeriodTargets] = useState<Record<string, string>>({});
  const options = useLoad<AtasanRhk>(() => api.workPlanning.GET('/skps/{id}/atasan-rhk', { params: { path: { id: skpId } } }), [skpId]);
  const empty = { rhkId: '', jenis: 'UTAMA', text: '', link: '', ikiId: '', aspect: 'KUANTITAS', indicator: '', value: '', unit: '' };
  const [form, setForm] = useState(empty);
  const [outcome, setOutcome] = useState<Outcome<SkpDocument> | null>(null);
  const reported = fieldErrors(outcome);
  // A target that fits neither kind is reported on the target itself (a union).
  const errors: Record<string, string | undefined> = { ...reported, 'indicators.0.target.value': reported['indicators.0.target.value'] ?? reported['indicators.0.target'] };
  const set = (name: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  const atasanSkpId = options.data?.atasanSkp?.skpId;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      rhkId: form.rhkId,
      jenis: form.jenis,
      text: form.text,
      link: form.link && atasanSkpId ? { kind: 'ATASAN_RHK', skpId: atasanSkpId, rhkId: form.link } : null,
      indicators: [
        {
          ikiId: form.ikiId,
          aspect: form.aspect,
          indicator: form.indicator,
          target: { kind: 'QUANTITATIVE', value: form.value === '' ? Number.NaN : Number(form.value), unit: form.unit },
          direction: direction ?? defaultDirection(form.aspect),
          periodTargets: periods
            .filter((p) => (periodTargets[p] ?? '').trim() !== '')
            .map((p) => ({ periodId: p, target: { kind: 'QUANTITATIVE', value: Number(periodTargets[p]), unit: form.unit } })),
        },
      ],
    };
    const result = outcomeOf<SkpDocument>(await api.workPlanning.POST('/skps/{id}/rhk', { params: { path: { id: skpId } }, body: body as never }));
    setOutcome(result);
    if (result.kind === 'done' || result.kind === 'pending') {
      setForm(empty);
      setDirection(undefined);
      setPeriodTargets({});
      onSaved();
    }
  };

  const field = (name: string, label: string, input: ReactElement) => (
    <div className="field">
      <label htmlFor={`${ids}-${name}`}>{label}</label>
      {input}
      <FieldMessage id={`${ids}-${name}-error`} message={errors[name]} />
    </div>
  );
  const describedBy = (name: string) => (errors[name] ? { 'aria-describedby': `${ids}-${name}-error`, 'aria-invalid': true as const } : {});

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('skp.addRhk')}</h2>
      <fieldset>
        <legend>{t('skp.form.legend')}</legend>
        {field('rhkId', t('skp.form.rhkId'), <input id={`${ids}-rhkId`} value={form.rhkId} onChange={set('rhkId')} required {...describedBy('rhkId')} />)}
        {field(
          'jenis',
          t('skp.form.jenis'),
          <select id={`${ids}-jenis`} value={form.jenis} onChange={set('jenis')}>
            <option value="UTAMA">{t('skp.utama')}</option>
            <option value="TAMBAHAN">{t('skp.tambahan')}</option>
          </select>,
        )}
        {field('text', t('skp.form.text'), <textarea id={`${ids}-text`} value={form.text} onChange={set('text')} required rows={2} {...describedBy('text')} />)}
        {field(
          'link',
          t('skp.form.link'),
          <select id={`${ids}-link`} value={form.link} onChange={set('link')} {...describedBy('link')}>
            <option value="">{t('skp.form.linkNone')}</option>
            {options.data?.rhk.map((r) => (
              <option key={r.rhkId} value={r.rhkId}>
                {r.rhkId}: {r.text} ({r.approved ? t('skp.form.linkApproved') : t('skp.form.linkDraft')})
              </option>
            ))}
          </select>,
        )}
        {options.data && options.data.rhk.length === 0 && <p className="muted">{t('skp.form.noAtasanRhk')}</p>}
        {field('indicators.0.ikiId', t('skp.form.ikiId'), <input id={`${ids}-indicators.0.ikiId`} value={form.ikiId} onChange={set('ikiId')} required {...describedBy('indicators.0.ikiId')} />)}
        {field(
          'indicators.0.aspect',
          t('skp.form.aspect'),
          <select id={`${ids}-indicators.0.aspect`} value={form.aspect} onChange={set('aspect')}>
            {ASPEK.map((a) => (
              <option key={a} value={a}>
                {t(`skp.aspek.${a}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'indicators.0.indicator',
          t('skp.form.indicator'),
          <input id={`${ids}-indicators.0.indicator`} value={form.indicator} onChange={set('indicator')} required {...describedBy('indicators.0.indicator')} />,
        )}
        {field(
          'indicators.0.target.value',
          t('skp.form.targetValue'),
          <input id={`${ids}-indicators.0.target.value`} inputMode="decimal" value={form.value} onChange={set('value')} required {...describedBy('indicators.0.target.value')} />,
        )}
        {field(
          'indicators.0.target.unit',
          t('skp.form.targetUnit'),
          <input id={`${ids}-indicators.0.target.unit`} value={form.unit} onChange={set('unit')} required {...describedBy('indicators.0.target.unit')} />,
        )}
        {field(
          'indicators.0.direction',
          t('skp.form.direction'),
          <select id={`${ids}-indicators.0.direction`} value={direction ?? defaultDirection(form.aspect)} onChange={(e) => setDirection(e.target.value)}>
            {DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {t(`skp.directions.${d}`)}
              </option>
            ))}
          </select>,
        )}
        <fieldset>
          <legend>{t('skp.form.periodTargets')}</legend>
          {periods.map((p, i) => (
            <Fragment key={p}>
              {field(
              `indicators.0.periodTargets.${i}.target.value`,
              t('skp.form.periodTarget', { period: periodLabel(t, p) }),
              <input
                id={`${ids}-indicators.0.periodTargets.${i}.target.value`}
                inputMode="decimal"
                value={periodTargets[p] ?? ''}
                onChange={(e) => setPeriodTargets({ ...periodTargets, [p]: e.target.value })}
                {...describedBy(`indicators.0.periodTargets.${i}.target.value`)}
              />,
              )}
            </Fragment>
          ))}
        </fieldset>
      </fieldset>
      <OtherFieldErrors outcome={outcome} shown={['rhkId', 'text', 'link', 'indicators.0.ikiId', 'indicators.0.indicator', 'indicators.0.target', 'indicators.0.target.value', 'indicators.0.target.unit']} />
      <OutcomeNote outcome={outcome} />
      <button type="submit">{t('skp.form.save')}</button>
    </form>
  );
}
