import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, outcomeOf, type Outcome } from '../api/client';
import type { ObjectionQueue } from '../api/types';
import { LoadError } from '../components/LoadError';
import { OutcomeNote, TextAreaField } from '../components/Outcome';
import { RatingField } from '../components/RatingField';
import { formatDate, formatDateTime } from '../format';
import { useLoad, useTitle } from '../hooks';
import { agencyPeriodLabel } from '../periods';
import { useOwnNip } from '../session';

type Item = ObjectionQueue['objections'][number];

/** The atasan pejabat penilai's queue: reasons, explanations from both sides, the final decision. */
export default function Keberatan() {
  const { t } = useTranslation();
  const nip = useOwnNip();
  useTitle(t('keberatan.title'));
  const queue = useLoad<ObjectionQueue>(() => api.evaluation.GET('/atasan/{nip}/objections', { params: { path: { nip }, query: {} } }), [nip]);
  return (
    <>
      <h1>{t('keberatan.queue')}</h1>
      {queue.error !== undefined && <LoadError status={queue.status} message={queue.error} onRetry={queue.reload} />}
      {queue.data && queue.data.objections.length === 0 && <p>{t('keberatan.empty')}</p>}
      {queue.data?.objections.map((item) => (
        <ObjectionCase key={item.evaluationId} item={item} onChanged={() => void queue.reload()} />
      ))}
    </>
  );
}

function ObjectionCase({ item, onChanged }: { item: Item; onChanged(): void }) {
  const { t } = useTranslation();
  const ids = useId();
  const evaluationId = item.evaluationId;
  const [question, setQuestion] = useState('');
  const [asked, setAsked] = useState<Outcome<unknown> | null>(null);
  const [decision, setDecision] = useState({ outcome: 'KEEP', ratingHasil: '', ratingPerilaku: '', reasons: '' });
  const [decided, setDecided] = useState<Outcome<unknown> | null>(null);
  const errors = fieldErrors(decided);
  const ask = async (from: 'PEJABAT_PENILAI' | 'PEGAWAI') => {
    const result = outcomeOf(await api.evaluation.POST('/evaluations/{evaluationId}/explanation-requests', { params: { path: { evaluationId } }, body: { from, question } as never }));
    setAsked(result);
    if (result.kind === 'done') onChanged();
  };
  const decide = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      outcome: decision.outcome,
      reasons: decision.reasons,
      ...(decision.outcome === 'CHANGE' && decision.ratingHasil ? { ratingHasil: decision.ratingHasil } : {}),
      ...(decision.outcome === 'CHANGE' && decision.ratingPerilaku ? { ratingPerilaku: decision.ratingPerilaku } : {}),
    };
    const result = outcomeOf(await api.evaluation.POST('/evaluations/{evaluationId}/decision', { params: { path: { evaluationId } }, body: body as never }));
    setDecided(result);
    if (result.kind === 'done') onChanged();
  };
  const rating = (name: 'ratingHasil' | 'ratingPerilaku', label: string) => (
    <RatingField id={`${ids}-${name}`} label={label} value={decision[name]} onChange={(value) => setDecision({ ...decision, [name]: value })} />
  );
  return (
    <section className="card" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('keberatan.from', { nip: item.employeeId, period: agencyPeriodLabel(t, item.periodId) })}</h2>
      {item.progress && (
        <p>
          {t('keberatan.stage', { stage: item.progress.stageLabel })}
          {item.progress.decideBy && <> · {t('keberatan.decideBy', { date: formatDate(item.progress.decideBy) })}</>}
          {item.progress.overdue && <> · <strong>{t('keberatan.overdue')}</strong></>}
        </p>
      )}
      <p>
        {t('keberatan.current', {
          hasil: t(`penilaian.ratings.${item.ratingHasil}`, { defaultValue: item.ratingHasil }),
          perilaku: t(`penilaian.ratings.${item.ratingPerilaku}`, { defaultValue: item.ratingPerilaku }),
          predicate: t(`penilaian.predicates.${item.predicate}`, { defaultValue: item.predicate }),
        })}
      </p>
      <h3>{t('keberatan.reasons')}</h3>
      <blockquote>{item.objection.reasons}</blockquote>
      <p className="muted">{formatDateTime(item.objection.filedAt)}</p>
      <h3>{t('keberatan.explanations')}</h3>
      <ul>
        {item.objection.explanations.map((e, i) => (
          <li key={i}>
            {t(`keberatan.party.${e.from}`, { defaultValue: e.from })}: {e.question ?? ''} — {e.explanation ?? t('keberatan.noAnswer')}
          </li>
        ))}
      </ul>
      <TextAreaField id={`${ids}-question`} label={t('keberatan.question')} value={question} onChange={setQuestion} rows={2} error={fieldErrors(asked).question} />
      <div className="actions">
        <button type="button" onClick={() => void ask('PEJABAT_PENILAI')}>
          {t('keberatan.askPenilai')}
        </button>
        <button type="button" onClick={() => void ask('PEGAWAI')}>
          {t('keberatan.askPegawai')}
        </button>
      </div>
      <OutcomeNote outcome={asked} done={t('keberatan.asked')} />
      <form onSubmit={(e) => void decide(e)} noValidate>
        <fieldset>
          <legend>{t('keberatan.decide')}</legend>
          <div role="radiogroup" aria-label={t('keberatan.outcome')}>
            <label className="choice">
              <input type="radio" name={`${ids}-outcome`} checked={decision.outcome === 'KEEP'} onChange={() => setDecision({ ...decision, outcome: 'KEEP' })} />
              {t('keberatan.keep')}
            </label>
            <label className="choice">
              <input type="radio" name={`${ids}-outcome`} checked={decision.outcome === 'CHANGE'} onChange={() => setDecision({ ...decision, outcome: 'CHANGE' })} />
              {t('keberatan.change')}
            </label>
          </div>
          {decision.outcome === 'CHANGE' && (
            <>
              {rating('ratingHasil', t('penilaian.ratingHasil'))}
              {rating('ratingPerilaku', t('penilaian.ratingPerilaku'))}
            </>
          )}
          <TextAreaField
            id={`${ids}-reasons`}
            label={t('keberatan.reasonsDecision')}
            value={decision.reasons}
            onChange={(reasons) => setDecision({ ...decision, reasons })}
            error={errors.reasons}
          />
        </fieldset>
        <OutcomeNote outcome={decided} done={t('keberatan.decided')} />
        <button type="submit">{t('keberatan.submit')}</button>
      </form>
    </section>
  );
}
