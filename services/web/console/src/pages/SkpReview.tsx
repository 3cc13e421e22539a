import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, fieldErrors, outcomeOf, type Outcome } from '../api/client';
import type { SkpDocument } from '../api/types';
import { PrintLink } from '../components/PrintLink';
import { LoadError } from '../components/LoadError';
import { OutcomeNote, TextAreaField } from '../components/Outcome';
import { SkpDocumentView } from '../components/SkpDocumentView';
import { useLoad, useTitle } from '../hooks';
import { SelectField } from '../components/SelectField';

/** The pejabat penilai reviews a team member's SKP: approve, or return it with notes. */
export default function SkpReview() {
  const { t } = useTranslation();
  const { skpId = '' } = useParams();
  const ids = useId();
  useTitle(t('tim.review'));
  const doc = useLoad<SkpDocument>(() => api.workPlanning.GET('/skps/{id}', { params: { path: { id: skpId }, query: {} } }), [skpId]);
  const [outcome, setOutcome] = useState<Outcome<SkpDocument> | null>(null);
  const [done, setDone] = useState<string>();
  const [notes, setNotes] = useState('');
  const errors = fieldErrors(outcome);

  const act = async (call: () => Promise<{ data?: unknown; error?: unknown; response: Response }>, doneText: string) => {
    const result = outcomeOf<SkpDocument>(await call());
    setOutcome(result);
    setDone(doneText);
    if (result.kind === 'done') void doc.reload();
  };
  const returnSkp = (event: FormEvent) => {
    event.preventDefault();
    void act(() => api.workPlanning.POST('/skps/{id}/return', { params: { path: { id: skpId } }, body: { notes } as never }), t('tim.returned'));
  };

  if (doc.loading && !doc.data) return <p>{t('app.loading')}</p>;
  if (!doc.data) return <LoadError status={doc.status} message={doc.error} onRetry={doc.reload} />;
  const d = doc.data;
  return (
    <>
      <p>
        <Link to="/tim">{t('tim.back')}</Link>
      </p>
      <h1>
        {t('tim.review')}: {d.pegawaiYangDinilai.nama ?? d.pegawaiYangDinilai.nip}
      </h1>
      <OutcomeNote outcome={outcome} done={done} onReload={() => void doc.reload()} />
      <SkpDocumentView doc={d} />
      <PrintLink path={`skp/${encodeURIComponent(skpId)}`} label={t('dokumen.printSkp')} />
      {d.status === 'SUBMITTED' && <EkspektasiForm doc={d} onSaved={() => void doc.reload()} />}
      {d.status === 'SUBMITTED' && (
        <div className="review">
          <button type="button" onClick={() => void act(() => api.workPlanning.POST('/skps/{id}/approve', { params: { path: { id: skpId } } }), t('tim.approved'))}>
            {t('tim.approve')}
          </button>
          <form onSubmit={returnSkp} className="card" noValidate>
            <fieldset>
              <legend>{t('tim.returnLegend')}</legend>
              <TextAreaField id={`${ids}-notes`} label={t('tim.notes')} value={notes} onChange={setNotes} error={errors.notes} />
            </fieldset>
            <button type="submit">{t('tim.return')}</button>
          </form>
        </div>
      )}
    </>
  );
}

/** Ekspektasi khusus pimpinan for one BerAKHLAK value, set by the pejabat penilai before approving. */
function EkspektasiForm({ doc, onSaved }: { doc: SkpDocument; onSaved(): void }) {
  const { t } = useTranslation();
  const ids = useId();
  const [coreValue, setCoreValue] = useState(doc.perilakuKerja[0]?.coreValue ?? '');
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome<SkpDocument> | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const result = outcomeOf<SkpDocument>(
      await api.workPlanning.PUT('/skps/{id}/ekspektasi/{coreValue}', { params: { path: { id: doc.skpId, coreValue } }, body: { text: text.trim() || null } as never }),
    );
    setOutcome(result);
    if (result.kind === 'done') {
      setText('');
      onSaved();
    }
  };
  return (
    <form className="card" onSubmit={(e) => void save(e)} noValidate>
      <fieldset>
        <legend>{t('tim.ekspektasiLegend')}</legend>
        <SelectField id={`${ids}-value`} label={t('tim.coreValue')} value={coreValue} onChange={(value) => setCoreValue(value as typeof coreValue)} options={doc.perilakuKerja.map((p) => [p.coreValue, p.label] as const)} />
        <TextAreaField id={`${ids}-text`} label={t('skp.ekspektasi')} value={text} onChange={setText} error={fieldErrors(outcome).text} rows={2} />
      </fieldset>
      <OutcomeNote outcome={outcome} done={t('tim.ekspektasiSaved')} />
      <button type="submit">{t('tim.ekspektasiSave')}</button>
    </form>
  );
}
