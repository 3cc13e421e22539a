import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, fieldErrors, outcomeOf, type Outcome } from '../api/client';
import type { SkpDocument } from '../api/types';
import { LoadError } from '../components/LoadError';
import { OutcomeNote, TextAreaField } from '../components/Outcome';
import { SkpDocumentView } from '../components/SkpDocumentView';
import { useLoad, useTitle } from '../hooks';

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
