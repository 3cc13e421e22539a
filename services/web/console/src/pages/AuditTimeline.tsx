import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { auditApi, eventPath } from '../audit-api';
import {
  AUDITED_SERVICES,
  appraisalState,
  cityWallTimeToIso,
  diffStates,
  eventKey,
  eventsBetween,
  formatInstant,
  isoToCityWallTime,
  mergeHistories,
  type AppraisalState,
  type ChainBreak,
  type ReplayedEvent,
  type ServiceHistory,
} from '../audit-timeline';
import { LoadError } from '../components/LoadError';
import { cityTimeZone, formatDate } from '../format';
import { useTitle } from '../hooks';
import { agencyPeriodLabel, periodLabel } from '../periods';
import { DataTable } from '../components/TableRegion';

/** An instant to the second, in the city's zone. */
const instant = (iso: string) => formatInstant(iso, cityTimeZone());

interface Loaded {
  asOf: string;
  events: ReplayedEvent[];
  streams: number;
  breaks: ChainBreak[];
  /** Services that did not answer. */
  missing: string[];
  error?: { status: number; message: string };
}

/** The employee's history at `asOf` from the four services' event stores. */
function useHistory(nip: string, asOf: string | null): Loaded | null {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    if (!asOf) {
      setLoaded(null);
      return;
    }
    let live = true;
    setLoaded(null);
    void Promise.all(
      AUDITED_SERVICES.map(async (service) => {
        try {
          const res = await auditApi(service).GET('/audit/employees/{nip}/history', { params: { path: { nip }, query: { asOf } } });
          return res.response.ok
            ? { service, part: res.data as unknown as ServiceHistory }
            : { service, status: res.response.status, message: (res.error as { message?: string } | undefined)?.message ?? '' };
        } catch {
          return { service, status: 0, message: '' };
        }
      }),
    ).then((answers) => {
      if (!live) return;
      const parts = answers.flatMap((a) => ('part' in a && a.part ? [a.part] : []));
      const failed = answers.filter((a): a is { service: (typeof AUDITED_SERVICES)[number]; status: number; message: string } => 'status' in a);
      setLoaded({
        asOf,
        events: mergeHistories(parts),
        streams: parts.reduce((n, p) => n + p.chains.streams, 0),
        breaks: parts.flatMap((p) => p.chains.breaks),
        missing: failed.map((f) => f.service),
        ...(failed.length === AUDITED_SERVICES.length ? { error: { status: failed[0].status, message: failed[0].message } } : {}),
      });
    });
    return () => {
      live = false;
    };
  }, [nip, asOf]);
  return loaded;
}

function StateView({ state, at, nip }: { state: AppraisalState; at: string; nip: string }) {
  const { t } = useTranslation();
  const rating = (r: string | null) => (r ? t(`penilaian.ratings.${r}`, { defaultValue: r }) : t('audit.timeline.none'));
  return (
    <section className="card" aria-labelledby="keadaan">
      <h2 id="keadaan">{t('audit.timeline.stateAt', { at: instant(at) })}</h2>
      <StatePart title={t('audit.timeline.evaluations')} empty={t('audit.timeline.noEvaluations')} shown={state.evaluations.length > 0}>
        <DataTable label={t('audit.timeline.evaluationsCaption', { at: instant(at) })} columns={[t('audit.timeline.period'), t('audit.timeline.ratingHasil'), t('audit.timeline.ratingPerilaku'), t('audit.timeline.predikat'), t('audit.timeline.assessor'), t('audit.timeline.ruleSet'), t('audit.timeline.status')]}>
          {state.evaluations.map((e) => (
            <tr key={e.evaluationId}>
              <td>
                {agencyPeriodLabel(t, e.periodId)} <span className="muted">({e.periodId})</span>
              </td>
              <td>{rating(e.ratingHasil)}</td>
              <td>{rating(e.ratingPerilaku)}</td>
              <td>
                <strong>{e.predicate ? t(`penilaian.predicates.${e.predicate}`, { defaultValue: e.predicate }) : t('audit.timeline.none')}</strong>
              </td>
              <td>{e.assessorId ?? t('audit.timeline.none')}</td>
              <td>{e.ruleSetVersion ?? t('audit.timeline.none')}</td>
              <td>
                {t(`audit.timeline.evaluationStatus.${e.status}`)}
                {e.objection?.outcome ? ` (${t(`audit.timeline.objectionOutcome.${e.objection.outcome}`, { defaultValue: e.objection.outcome })})` : ''}
              </td>
            </tr>
          ))}
        </DataTable>
      </StatePart>
      <StatePart title={t('audit.timeline.skp')} empty={t('audit.timeline.noSkp')} shown={state.skps.length > 0}>
        <ul>
          {state.skps.map((s) => (
            <li key={s.skpId}>
              {t('audit.timeline.skpLine', { skpId: s.skpId, status: t(`audit.timeline.skpStatus.${s.status}`, { defaultValue: s.status }) })}
              {s.version !== null && `; ${t('audit.timeline.skpVersion', { version: s.version, by: s.approvedBy ?? '', at: s.approvedAt ? formatDate(s.approvedAt) : '' })}`}
            </li>
          ))}
        </ul>
      </StatePart>
      <StatePart title={t('audit.timeline.realisations')} empty={t('audit.timeline.noRealisations')} shown={state.realisations.length > 0}>
        <DataTable label={t('audit.timeline.realisationsCaption', { at: instant(at) })} columns={[t('audit.timeline.period'), t('audit.timeline.iki'), t('audit.timeline.value'), t('audit.timeline.evidence')]}>
          {state.realisations.map((r) => (
            <tr key={r.key}>
              <td>{periodLabel(t, r.periodId)}</td>
              <td>{r.ikiId}</td>
              <td>{r.value ?? r.narrative ?? t('audit.timeline.none')}</td>
              <td>{r.evidence.length ? r.evidence.join(', ') : t('audit.timeline.noEvidence')}</td>
            </tr>
          ))}
        </DataTable>
      </StatePart>
      <StatePart title={t('audit.timeline.feedback')} empty={t('audit.timeline.noFeedback')} shown={state.feedback.length > 0}>
        <ul>
          {state.feedback.map((f) => (
            <li key={f.feedbackId}>
              {t('audit.timeline.feedbackLine', { topic: f.topic, giver: f.giverId === nip ? nip : f.giverId, content: f.content })}
              {f.evidence ? t('audit.timeline.markedEvidence') : ''}
            </li>
          ))}
        </ul>
      </StatePart>
    </section>
  );
}

/** One part of the state at an instant: its heading, then what it holds or the line saying it holds nothing. */
function StatePart({ title, empty, shown, children }: { title: string; empty: string; shown: boolean; children: ReactNode }) {
  return (
    <>
      <h3>{title}</h3>
      {shown ? children : <p>{empty}</p>}
    </>
  );
}

function EventList({ events, broken, label }: { events: ReplayedEvent[]; broken: Set<string>; label: string }) {
  const { t } = useTranslation();
  return (
    <ol className="timeline" aria-label={label}>
      {events.map((e) => {
        const key = eventKey(e);
        const bad = broken.has(key);
        const type = t(`audit.types.${e.type}`, { defaultValue: e.type });
        return (
          <li key={key} className={bad ? 'broken' : undefined}>
            <span className="muted">{instant(e.recordedAt)}</span> · {t(`audit.services.${e.service}`, { defaultValue: e.service })}
            <br />
            <strong>{type}</strong> {e.actor.id ? t('audit.timeline.by', { actor: e.actor.id }) : ''} {e.ruleSetVersion ? `· ${t('audit.timeline.rules', { version: e.ruleSetVersion })}` : ''}{' '}
            {bad && <span className="badge badge-RETURNED">{t('audit.timeline.brokenBadge')}</span>}{' '}
            <Link to={eventPath(e)} aria-label={t('audit.timeline.chainLink', { type, revision: e.revision })}>
              {e.stream}@{e.revision}
            </Link>
          </li>
        );
      })}
    </ol>
  );
}

/** An employee's appraisal as recorded at a date and time, its difference with another, and every event with its place in its chain. */
export default function AuditTimeline() {
  const { t } = useTranslation();
  const { nip = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const zone = cityTimeZone();
  const [nowWall] = useState(() => isoToCityWallTime(new Date().toISOString(), zone));
  const per = search.get('per') ?? nowWall;
  const banding = search.get('banding') ?? '';
  const [form, setForm] = useState({ per, banding, invalid: false });
  useEffect(() => setForm({ per, banding, invalid: false }), [per, banding]);
  useTitle(t('audit.timeline.title', { nip }));
  const asOfA = cityWallTimeToIso(per, zone);
  const asOfB = banding ? cityWallTimeToIso(banding, zone) : null;
  const a = useHistory(nip, asOfA);
  const b = useHistory(nip, asOfB);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!cityWallTimeToIso(form.per, zone) || (form.banding && !cityWallTimeToIso(form.banding, zone))) {
      setForm({ ...form, invalid: true });
      return;
    }
    const next = new URLSearchParams({ per: form.per });
    if (form.banding) next.set('banding', form.banding);
    setSearch(next);
  };

  const stateA = a ? appraisalState(nip, a.events) : null;
  const stateB = b ? appraisalState(nip, b.events) : null;
  // The chains as they are now: a break found by either read is flagged wherever the event shows.
  const breaks = [...(a?.breaks ?? []), ...(b?.breaks ?? [])];
  const broken = new Set(breaks.map(eventKey));
  const uniqueBreaks = [...new Map(breaks.map((x) => [eventKey(x), x])).values()];
  const later = a && b ? (a.asOf >= b.asOf ? a : b) : null;
  const changes = stateA && stateB && a && b ? (a.asOf <= b.asOf ? diffStates(stateA, stateB) : diffStates(stateB, stateA)) : null;
  const [from, to] = a && b ? (a.asOf <= b.asOf ? [a.asOf, b.asOf] : [b.asOf, a.asOf]) : ['', ''];

  return (
    <>
      <h1>{t('audit.timeline.title', { nip })}</h1>
      <p>{t('audit.timeline.intro')}</p>
      <form className="card" onSubmit={submit} noValidate>
        <div className="side-by-side">
          <div className="field">
            <label htmlFor="audit-per">{t('audit.timeline.asOf')}</label>
            <input
              id="audit-per"
              type="datetime-local"
              step={1}
              value={form.per}
              aria-invalid={form.invalid && !cityWallTimeToIso(form.per, zone)}
              aria-describedby="audit-zone"
              onChange={(e) => setForm({ ...form, per: e.target.value, invalid: false })}
            />
          </div>
          <div className="field">
            <label htmlFor="audit-banding">{t('audit.timeline.compare')}</label>
            <input
              id="audit-banding"
              type="datetime-local"
              step={1}
              value={form.banding}
              aria-invalid={form.invalid && !!form.banding && !cityWallTimeToIso(form.banding, zone)}
              aria-describedby="audit-zone"
              onChange={(e) => setForm({ ...form, banding: e.target.value, invalid: false })}
            />
          </div>
        </div>
        <p id="audit-zone" className="muted">
          {t('audit.timeline.zone', { zone })}
        </p>
        {form.invalid && <p className="field-error">{t('audit.timeline.timeInvalid')}</p>}
        <button type="submit">{t('audit.timeline.show')}</button>
      </form>

      {!a && asOfA && <p role="status">{t('app.loading')}</p>}
      {a?.error && <LoadError status={a.error.status} message={a.error.message} />}
      {a && !a.error && (
        <>
          {uniqueBreaks.length > 0 ? (
            <div className="note note-error" role="alert">
              <p>{t('audit.timeline.broken')}</p>
              <ul>
                {uniqueBreaks.map((x) => (
                  <li key={eventKey(x)}>
                    <Link to={eventPath(x)}>
                      {t(`audit.services.${x.service}`, { defaultValue: x.service })}: {x.stream}@{x.revision}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="note note-ok">{t('audit.timeline.chainsOk', { streams: a.streams })}</p>
          )}
          {(a.missing.length > 0 || (b?.missing.length ?? 0) > 0) && <p className="note note-pending">{t('audit.timeline.partial')}</p>}
          {stateA && <StateView state={stateA} at={a.asOf} nip={nip} />}
          {changes && later && (
            <section className="card" aria-labelledby="perbedaan">
              <h2 id="perbedaan">{t('audit.timeline.diff', { from: instant(from), to: instant(to) })}</h2>
              {changes.length === 0 ? (
                <p>{t('audit.timeline.noDiff')}</p>
              ) : (
                <DataTable label={t('audit.timeline.diffCaption')} columns={[t('audit.timeline.area'), t('audit.timeline.item'), t('audit.timeline.before'), t('audit.timeline.after')]}>
                  {changes.map((c) => (
                    <tr key={`${c.area}|${c.key}|${c.field}`}>
                      <td>{t(`audit.timeline.areas.${c.area}`)}</td>
                      <td>
                        {c.key}: {t(`audit.timeline.fields.${c.field}`, { defaultValue: c.field })}
                      </td>
                      <td>{displayValue(t, c.area, c.field, c.before)}</td>
                      <td>{displayValue(t, c.area, c.field, c.after)}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
              <h3>{t('audit.timeline.between')}</h3>
              <EventList events={eventsBetween(later.events, from, to)} broken={broken} label={t('audit.timeline.between')} />
            </section>
          )}
          <section className="card" aria-labelledby="peristiwa">
            <h2 id="peristiwa">{t('audit.timeline.events', { at: instant(a.asOf), count: a.events.length })}</h2>
            {a.events.length === 0 ? <p>{t('audit.timeline.noEvents')}</p> : <EventList events={a.events} broken={broken} label={t('audit.timeline.events', { at: instant(a.asOf), count: a.events.length })} />}
          </section>
        </>
      )}
    </>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** A value of the difference in words: predikat, ratings and statuses by their names. */
function displayValue(t: Translate, area: string, field: string, value: string | null): string {
  if (value === null) return t('audit.timeline.none');
  const key =
    field === 'predicate'
      ? `penilaian.predicates.${value}`
      : field === 'ratingHasil' || field === 'ratingPerilaku'
        ? `penilaian.ratings.${value}`
        : field === 'objectionOutcome'
          ? `audit.timeline.objectionOutcome.${value}`
          : field === 'status'
            ? `audit.timeline.${area === 'skp' ? 'skpStatus' : 'evaluationStatus'}.${value}`
            : null;
  return key ? t(key, { defaultValue: value }) : value;
}
