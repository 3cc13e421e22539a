import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { auditApi, eventPath, type EventInChain } from '../audit-api';
import { AUDITED_SERVICES, formatInstant, type AuditedService } from '../audit-timeline';
import { LoadError } from '../components/LoadError';
import { cityTimeZone } from '../format';
import { useLoad, useTitle } from '../hooks';
import { FindingList } from './AuditDigest';

/** One event with its place in its stream's hash chain, verified now: a row edited in the database shows as a break. */
export default function AuditEvent() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const service = search.get('layanan') as AuditedService | null;
  const stream = search.get('aliran') ?? '';
  const revision = Number(search.get('revisi'));
  const valid = service !== null && (AUDITED_SERVICES as readonly string[]).includes(service) && stream !== '' && Number.isInteger(revision) && revision >= 0;
  useTitle(t('audit.event.title'));
  const event = useLoad<EventInChain>(
    () =>
      valid
        ? auditApi(service).GET('/audit/event', { params: { query: { stream, revision } } })
        : Promise.resolve({ response: new Response(null, { status: 400 }), error: { message: t('audit.event.missing') } }),
    [service, stream, revision],
  );
  const e = event.data;
  const yesNo = (v: boolean | null) => (v === null ? t('audit.event.notApplicable') : v ? t('audit.event.yes') : t('audit.event.no'));
  const intact = e ? e.checks.hashMatches && e.checks.linksToPrevious && e.checks.linkedFromNext !== false : false;
  return (
    <>
      <h1>{t('audit.event.title')}</h1>
      {!valid && <p className="note note-error">{t('audit.event.missing')}</p>}
      {valid && event.error !== undefined && <LoadError status={event.status} message={event.error} onRetry={event.reload} />}
      {e && (
        <>
          {intact ? (
            <p className="note note-ok">{t('audit.event.intact')}</p>
          ) : (
            <div className="note note-error" role="alert">
              <p>{e.checks.hashMatches ? t('audit.event.unlinked') : t('audit.event.tampered')}</p>
            </div>
          )}
          <section className="card audit-event" aria-labelledby="tempat">
            <h2 id="tempat">
              {t(`audit.types.${e.type}`, { defaultValue: e.type })} · {e.stream}@{e.revision}
            </h2>
            <dl className="facts">
              <dt>{t('audit.event.service')}</dt>
              <dd>{t(`audit.services.${e.service}`, { defaultValue: e.service })}</dd>
              <dt>{t('audit.event.stream')}</dt>
              <dd className="hash">{e.stream}</dd>
              <dt>{t('audit.event.revision')}</dt>
              <dd>{t('audit.event.revisionOf', { revision: e.revision, head: e.headRevision })}</dd>
              <dt>{t('audit.event.position')}</dt>
              <dd>{e.position}</dd>
              <dt>{t('audit.event.type')}</dt>
              <dd>{e.type}</dd>
              <dt>{t('audit.event.recordedAt')}</dt>
              <dd>{formatInstant(e.recordedAt, cityTimeZone())}</dd>
              <dt>{t('audit.event.occurredAt')}</dt>
              <dd>{e.occurredAt ? formatInstant(e.occurredAt, cityTimeZone()) : t('audit.event.none')}</dd>
              <dt>{t('audit.event.actor')}</dt>
              <dd>{e.actor.id ? `${e.actor.id}${e.actor.role ? ` (${e.actor.role})` : ''}` : t('audit.event.none')}</dd>
              <dt>{t('audit.event.ruleSet')}</dt>
              <dd>{e.ruleSetVersion ?? t('audit.event.none')}</dd>
              <dt>{t('audit.event.scheme')}</dt>
              <dd>{e.scheme}</dd>
              <dt>{t('audit.event.previousEventHash')}</dt>
              <dd>
                <code className="hash">{e.previousEventHash ?? t('audit.event.none')}</code>
              </dd>
              <dt>{t('audit.event.previousHash')}</dt>
              <dd>
                <code className="hash">{e.previousHash ?? t('audit.event.none')}</code>
              </dd>
              <dt>{t('audit.event.hash')}</dt>
              <dd>
                <code className="hash">{e.hash}</code>
              </dd>
              <dt>{t('audit.event.recomputed')}</dt>
              <dd>
                <code className="hash">{e.recomputedHash}</code>
              </dd>
            </dl>
            <h3>{t('audit.event.checks')}</h3>
            <ul className="checks">
              <li className={e.checks.hashMatches ? 'ok' : 'bad'}>
                {t('audit.event.hashMatches')}: <strong>{yesNo(e.checks.hashMatches)}</strong>
              </li>
              <li className={e.checks.linksToPrevious ? 'ok' : 'bad'}>
                {t('audit.event.linksToPrevious')}: <strong>{yesNo(e.checks.linksToPrevious)}</strong>
              </li>
              <li className={e.checks.linkedFromNext === false ? 'bad' : 'ok'}>
                {t('audit.event.linkedFromNext')}: <strong>{yesNo(e.checks.linkedFromNext)}</strong>
              </li>
            </ul>
            {!e.chain.ok && (
              <>
                <p className="field-error">{t('audit.event.streamBroken', { count: e.chain.findings.length })}</p>
                <FindingList service={e.service} findings={e.chain.findings} />
              </>
            )}
            <nav className="actions" aria-label={t('audit.event.stream')}>
              {e.revision > 0 && <Link to={eventPath({ ...e, revision: e.revision - 1 })}>{t('audit.event.previous')}</Link>}
              {e.revision < e.headRevision && <Link to={eventPath({ ...e, revision: e.revision + 1 })}>{t('audit.event.next')}</Link>}
            </nav>
          </section>
          <section className="card audit-event" aria-labelledby="isi">
            <h2 id="isi">{t('audit.event.data')}</h2>
            <pre className="event-data">{JSON.stringify(e.data, null, 2)}</pre>
          </section>
        </>
      )}
    </>
  );
}
