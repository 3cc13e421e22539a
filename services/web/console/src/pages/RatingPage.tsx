import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { api, fieldErrors, outcomeOf, type Outcome } from '../api/client';
import type { Evaluation, EvaluationContext } from '../api/types';
import { LoadError } from '../components/LoadError';
import { OutcomeNote, TextAreaField } from '../components/Outcome';
import { RatingField } from '../components/RatingField';
import { useLoad, useTitle } from '../hooks';
import { RatingFacts } from './Penilaian';


/** The pejabat penilai rates: the suggestion and its facts beside the form (a suggestion only). */
export default function RatingPage() {
  const { t } = useTranslation();
  const { periodId = '', nip = '' } = useParams();
  const ids = useId();
  useTitle(t('penilaian.rateTitle', { nip }));
  const context = useLoad<EvaluationContext>(
    () => api.evaluation.GET('/periods/{periodId}/employees/{nip}/evaluation-context', { params: { path: { periodId, nip } } }),
    [periodId, nip],
  );
  const [form, setForm] = useState({ ratingHasil: '', ratingPerilaku: '', justification: '' });
  const [outcome, setOutcome] = useState<Outcome<Evaluation> | null>(null);
  const errors = fieldErrors(outcome);
  if (!context.data) return context.error !== undefined ? <LoadError status={context.status} message={context.error} onRetry={context.reload} /> : <p>{t('app.loading')}</p>;
  const c = context.data;
  const s = c.suggestion;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = { ...(form.ratingHasil ? { ratingHasil: form.ratingHasil } : {}), ratingPerilaku: form.ratingPerilaku || undefined, justification: form.justification };
    setOutcome(outcomeOf<Evaluation>(await api.evaluation.POST('/periods/{periodId}/employees/{nip}/evaluation', { params: { path: { periodId, nip } }, body: body as never })));
  };
  const select = (name: 'ratingHasil' | 'ratingPerilaku', label: string) => (
    <RatingField id={`${ids}-${name}`} label={label} value={form[name]} onChange={(value) => setForm({ ...form, [name]: value })} error={errors[name]} />
  );
  return (
    <>
      <h1>{t('penilaian.rateTitle', { nip })}</h1>
      <p>
        {t('penilaian.period')}: {c.period.name}
      </p>
      <div className="side-by-side">
        <section className="card" aria-labelledby={`${ids}-facts`}>
          <h2 id={`${ids}-facts`}>{t('penilaian.facts')}</h2>
          <h3>{t('penilaian.suggestion')}</h3>
          {s ? (
            <>
              <p>
                {t('penilaian.ratingHasil')}: <strong>{s.ratingHasil ? t(`penilaian.ratings.${s.ratingHasil}`) : '—'}</strong>
                <br />
                {t('penilaian.ratingPerilaku')}: <strong>{s.ratingPerilaku ? t(`penilaian.ratings.${s.ratingPerilaku}`) : '—'}</strong>
              </p>
              <p className="muted">
                {t('penilaian.basis', {
                  count: s.basis.indicatorCount,
                  mean: s.basis.meanAchievement === null ? '—' : `${Math.round(s.basis.meanAchievement * 100)}%`,
                  pos: s.basis.positiveFeedback,
                  neg: s.basis.negativeFeedback,
                })}
              </p>
              <button type="button" onClick={() => setForm({ ...form, ratingHasil: s.ratingHasil ?? form.ratingHasil, ratingPerilaku: s.ratingPerilaku ?? form.ratingPerilaku })}>
                {t('penilaian.useSuggestion')}
              </button>
            </>
          ) : (
            <p>{t('penilaian.noSuggestion')}</p>
          )}
          <h3>{t('penilaian.realisations')}</h3>
          <ul>
            {c.realisations.map((r) => (
              <li key={r.ikiId}>
                {r.ikiId}: {r.indicator ?? ''} — {r.value ?? '—'}
                {r.target?.value !== undefined ? ` / ${r.target.value} ${r.target.unit ?? ''}` : ''}
                {r.achievement !== null ? ` (${t('penilaian.achievement', { value: Math.round(r.achievement * 100) })}` : ''}
                {r.achievement !== null && r.targetBasis ? `, ${t(`penilaian.targetBasis.${r.targetBasis}`)}` : ''}
                {r.achievement !== null && r.direction === 'LOWER_IS_BETTER' ? `, ${t('penilaian.lowerIsBetter')}` : ''}
                {r.achievement !== null ? ')' : ''}
                {r.late ? ` · ${t('penilaian.late')}` : ''}
              </li>
            ))}
          </ul>
          <h3>{t('penilaian.feedback')}</h3>
          <p>{Object.entries(c.feedbackCounts).map(([k, v]) => `${k}: ${v}`).join(', ') || '—'}</p>
          {c.unitIkm && <p>{t('penilaian.ikm', { ikm: c.unitIkm.ikm, label: c.unitIkm.label })}</p>}
          {c.mentoring && c.mentoring.sessions > 0 && (
            <>
              <h3>{t('mentoring.evidence')}</h3>
              <p>
                {t('mentoring.evidenceSummary', { count: c.mentoring.sessions, minutes: c.mentoring.minutes, mentees: c.mentoring.mentees })}{' '}
                {Object.entries(c.mentoring.byCoreValue)
                  .map(([value, n]) => `${t(`berakhlak.${value}`, { defaultValue: value })} ${n}`)
                  .join(', ')}
              </p>
            </>
          )}
        </section>
        <form className="card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${ids}-form`}>
          <h2 id={`${ids}-form`}>{t('penilaian.form')}</h2>
          {select('ratingHasil', t('penilaian.ratingHasil'))}
          {select('ratingPerilaku', t('penilaian.ratingPerilaku'))}
          <TextAreaField
            id={`${ids}-justification`}
            label={t('penilaian.justification')}
            value={form.justification}
            onChange={(justification) => setForm({ ...form, justification })}
            error={errors.justification}
          />
          <OutcomeNote outcome={outcome} done={outcome?.kind === 'done' ? t('penilaian.saved', { predicate: t(`penilaian.predicates.${outcome.data.predicate}`) }) : undefined} />
          {outcome?.kind === 'done' && <RatingFacts evaluation={outcome.data} />}
          <button type="submit">{t('penilaian.submit')}</button>
        </form>
      </div>
    </>
  );
}
