import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldErrors, outcomeOf, type Outcome } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { InputField, OutcomeNote, TextAreaField } from '../../components/Outcome';
import { cityToday, formatDate } from '../../format';
import { useLoad } from '../../hooks';

const CORE_VALUES = ['BERORIENTASI_PELAYANAN', 'AKUNTABEL', 'KOMPETEN', 'HARMONIS', 'LOYAL', 'ADAPTIF', 'KOLABORATIF'] as const;
const MINUTES_PER_JP = 45;
const jpOf = (minutes: number) => Math.floor((minutes / MINUTES_PER_JP) * 100) / 100;

interface Session {
  sessionId: string;
  date: string;
  minutes: number;
  topic: string;
  coreValues: string[];
  creditMinutes: number;
}
interface Relation {
  relationId: string;
  role: 'MENTEE' | 'MENTOR';
  menteeNip: string;
  menteeAgencyId: string;
  mentorNip: string;
  menteeName: string | null;
  mentorName: string | null;
  startDate: string;
  endDate: string;
  goals: string[];
  sessions: Session[];
}
export interface MentoringRecord {
  nip: string;
  year: number;
  asMentee: Relation[];
  asMentor: Relation[];
  credit: { sessions: number; minutes: number; jp: number };
}

/**
 * A person's mentoring in a year (career-decisions' mentoring record): relations as mentee and as
 * mentor, their sessions and the JP credited. `me`: the signed-in person, who records sessions of
 * the relations they are in; `registerAs`: HR registering a relation for this person as mentee.
 */
export function MentoringSection({ agencyId, nip, year, me, canRegister = false, onChanged }: { agencyId: string; nip: string; year: number; me?: string; canRegister?: boolean; onChanged?(): void }) {
  const { t } = useTranslation();
  const record = useLoad<MentoringRecord>(
    () => api.careerDecisions.GET('/agencies/{agencyId}/employees/{nip}/mentoring', { params: { path: { agencyId, nip }, query: { year: String(year) } as never } }),
    [agencyId, nip, year],
  );
  const changed = () => {
    record.reload();
    onChanged?.();
  };
  const d = record.data;
  const relations = d ? [...d.asMentee, ...d.asMentor] : [];
  return (
    <section className="card" aria-labelledby="mentoring-title">
      <h2 id="mentoring-title">{t('mentoring.title', { year })}</h2>
      <p>{t('mentoring.intro')}</p>
      {record.error !== undefined && <LoadError status={record.status} message={record.error} onRetry={record.reload} />}
      {d && <p>{t('mentoring.credit', { count: d.credit.sessions, jp: d.credit.jp })}</p>}
      {d && relations.length === 0 && <p>{t('mentoring.none')}</p>}
      {relations.map((r) => (
        <RelationCard key={`${r.menteeNip}:${r.relationId}`} relation={r} me={me} onChanged={changed} />
      ))}
      {canRegister && <RegisterRelation agencyId={agencyId} nip={nip} year={year} onChanged={changed} />}
    </section>
  );
}

function RelationCard({ relation: r, me, onChanged }: { relation: Relation; me?: string; onChanged(): void }) {
  const { t } = useTranslation();
  const other = r.role === 'MENTEE' ? { label: t('mentoring.mentorOf'), name: r.mentorName ?? r.mentorNip } : { label: t('mentoring.menteeOf'), name: r.menteeName ?? r.menteeNip };
  const id = `mentoring-${r.menteeNip}-${r.relationId}`;
  const party = me !== undefined && (me === r.mentorNip || me === r.menteeNip);
  return (
    <article className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {r.role === 'MENTEE' ? t('mentoring.asMentee') : t('mentoring.asMentor')} — {t('mentoring.relationHeading', { role: other.label, name: other.name })}
      </h3>
      <p>{t('mentoring.period', { from: formatDate(r.startDate), until: formatDate(r.endDate) })}</p>
      <h4>{t('mentoring.goals')}</h4>
      <ul>
        {r.goals.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ul>
      <h4>{t('mentoring.sessions')}</h4>
      {r.sessions.length === 0 && <p>{t('mentoring.noSessions')}</p>}
      <ul aria-label={t('mentoring.sessions')}>
        {r.sessions.map((s) => (
          <li key={s.sessionId}>
            {t('mentoring.session', { date: formatDate(s.date), topic: s.topic, minutes: s.minutes, jp: jpOf(s.creditMinutes) })}
            {s.coreValues.length > 0 && (
              <>
                <br />
                <span className="muted">{t('mentoring.values', { values: s.coreValues.map((v) => t(`berakhlak.${v}`)).join(', ') })}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {party && <RecordSession relation={r} withName={other.name} onChanged={onChanged} />}
    </article>
  );
}

function RecordSession({ relation: r, withName, onChanged }: { relation: Relation; withName: string; onChanged(): void }) {
  const { t } = useTranslation();
  const ids = useId();
  const today = cityToday();
  const [form, setForm] = useState({ date: today < r.endDate ? today : r.endDate, minutes: '60', topic: '', coreValues: [] as string[] });
  const [sessionId, setSessionId] = useState(() => `S-${crypto.randomUUID()}`);
  const [outcome, setOutcome] = useState<Outcome<{ menteeCreditMinutes: number }> | null>(null);
  const errors = fieldErrors(outcome);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const result = await api.careerDecisions.POST('/agencies/{agencyId}/employees/{nip}/mentoring-relations/{relationId}/sessions', {
      params: { path: { agencyId: r.menteeAgencyId, nip: r.menteeNip, relationId: r.relationId } },
      body: { sessionId, date: form.date, minutes: Number(form.minutes), topic: form.topic, coreValues: form.coreValues } as never,
    });
    const next = outcomeOf<{ menteeCreditMinutes: number }>(result);
    setOutcome(next);
    if (next.kind === 'done') {
      setSessionId(`S-${crypto.randomUUID()}`);
      setForm({ ...form, topic: '', coreValues: [] });
      onChanged();
    }
  };
  const field = (name: 'date' | 'minutes' | 'topic', label: string, type: string) => (
    <InputField id={`${ids}-${name}`} label={label} value={form[name]} onChange={(value) => setForm({ ...form, [name]: value })} error={errors[name]} input={{ type, ...(type === 'number' ? { min: 15, max: 480, step: 15 } : {}) }} />
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('mentoring.recordFor', { name: withName })}>
      {field('date', t('mentoring.date'), 'date')}
      {field('minutes', t('mentoring.minutes'), 'number')}
      {field('topic', t('mentoring.topic'), 'text')}
      <fieldset>
        <legend>{t('mentoring.coreValues')}</legend>
        {CORE_VALUES.map((v) => (
          <label key={v} className="choice">
            <input
              type="checkbox"
              checked={form.coreValues.includes(v)}
              onChange={(e) => setForm({ ...form, coreValues: e.target.checked ? [...form.coreValues, v] : form.coreValues.filter((x) => x !== v) })}
            />
            {t(`berakhlak.${v}`)}
          </label>
        ))}
      </fieldset>
      <OutcomeNote outcome={outcome} done={outcome?.kind === 'done' ? t('mentoring.recorded', { jp: jpOf(outcome.data.menteeCreditMinutes) }) : undefined} onReload={onChanged} />
      <button type="submit">{t('mentoring.record')}</button>
    </form>
  );
}

function RegisterRelation({ agencyId, nip, year, onChanged }: { agencyId: string; nip: string; year: number; onChanged(): void }) {
  const { t } = useTranslation();
  const ids = useId();
  const [form, setForm] = useState({ mentorNip: '', startDate: `${year}-01-02`, endDate: `${year}-12-31`, goals: '' });
  const [relationId, setRelationId] = useState(() => `M-${crypto.randomUUID()}`);
  const [outcome, setOutcome] = useState<Outcome<MentoringRecord> | null>(null);
  const errors = fieldErrors(outcome);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const goals = form.goals
      .split('\n')
      .map((g) => g.trim())
      .filter((g) => g !== '');
    const result = await api.careerDecisions.POST('/agencies/{agencyId}/employees/{nip}/mentoring-relations', {
      params: { path: { agencyId, nip } },
      body: { relationId, mentorNip: form.mentorNip.trim(), startDate: form.startDate, endDate: form.endDate, goals } as never,
    });
    const next = outcomeOf<MentoringRecord>(result);
    setOutcome(next);
    if (next.kind === 'done') {
      setRelationId(`M-${crypto.randomUUID()}`);
      setForm({ ...form, mentorNip: '', goals: '' });
      onChanged();
    }
  };
  const input = (name: 'mentorNip' | 'startDate' | 'endDate', label: string, type: string) => (
    <InputField id={`${ids}-${name}`} label={label} value={form[name]} onChange={(value) => setForm({ ...form, [name]: value })} error={errors[name]} input={{ type, inputMode: name === 'mentorNip' ? 'numeric' : undefined }} />
  );
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${ids}-title`}>
      <h3 id={`${ids}-title`}>{t('mentoring.register')}</h3>
      <p>{t('mentoring.registerIntro')}</p>
      {input('mentorNip', t('mentoring.mentorNip'), 'text')}
      {input('startDate', t('mentoring.startDate'), 'date')}
      {input('endDate', t('mentoring.endDate'), 'date')}
      <TextAreaField id={`${ids}-goals`} label={t('mentoring.goalsField')} value={form.goals} onChange={(goals) => setForm({ ...form, goals })} error={errors.goals} />
      <OutcomeNote outcome={outcome} done={outcome?.kind === 'done' ? t('mentoring.registered') : undefined} onReload={onChanged} />
      <button type="submit">{t('mentoring.register')}</button>
    </form>
  );
}
