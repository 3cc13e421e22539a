import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { auditApi, eventPath, type AnchorList, type Consistency, type Finding, type ServiceDigest } from '../audit-api';
import { AUDITED_SERVICES, formatInstant, type AuditedService } from '../audit-timeline';
import { LoadError } from '../components/LoadError';
import { cityTimeZone } from '../format';
import { useLoad, useTitle } from '../hooks';
import { DataTable } from '../components/TableRegion';

const SHOWN_ANCHORS = 10;

export function FindingList({ service, findings }: { service: string; findings: Finding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <ul className="findings">
      {findings.map((f, i) => (
        <li key={`${f.code}-${f.stream ?? ''}-${f.revision ?? ''}-${i}`}>
          {f.message}{' '}
          {f.stream !== undefined && f.revision !== undefined && <Link to={eventPath({ service, stream: f.stream, revision: f.revision })}>{t('audit.digest.seeEvent')}</Link>}
        </li>
      ))}
    </ul>
  );
}

function ConsistencyResult({ service, proof }: { service: AuditedService; proof: Consistency }) {
  const { t } = useTranslation();
  const at = formatInstant(proof.anchor.anchoredAt, cityTimeZone());
  return (
    <div className={`note ${proof.consistent ? 'note-ok' : 'note-error'}`} role={proof.consistent ? 'status' : 'alert'}>
      <p>
        {proof.consistent
          ? t('audit.digest.consistent', { sequence: proof.anchor.sequence, at, streams: proof.from.streams })
          : t('audit.digest.inconsistent', { sequence: proof.anchor.sequence, at })}
      </p>
      <p>{t('audit.digest.grown', { extended: proof.extendedStreams, added: proof.newStreams, events: proof.to.events, total: proof.to.streams })}</p>
      <p>
        {t('audit.digest.recomputed')}: <code className="hash">{proof.recomputedRoot}</code>
      </p>
      {proof.mismatches.length > 0 && (
        <ul>
          {proof.mismatches.map((m) => (
            <li key={`${m.stream}@${m.revision}`}>
              {t('audit.digest.mismatch', { stream: m.stream, revision: m.revision, recorded: m.recorded, now: m.now ?? t('audit.digest.gone') })}
            </li>
          ))}
        </ul>
      )}
      <FindingList service={service} findings={proof.chains.findings} />
    </div>
  );
}

function ServiceCard({ service }: { service: AuditedService }) {
  const { t } = useTranslation();
  const client = auditApi(service);
  const digest = useLoad<ServiceDigest>(() => client.GET('/audit/verify', {}), [service]);
  const anchors = useLoad<AnchorList>(() => client.GET('/audit/anchors', {}), [service]);
  const [proof, setProof] = useState<{ sequence: number; result?: Consistency; error?: string; status?: number } | null>(null);
  const prove = async (sequence: number) => {
    setProof({ sequence });
    const res = await client.GET('/audit/anchors/{sequence}/consistency', { params: { path: { sequence } } });
    if (res.response.ok) setProof({ sequence, result: res.data as unknown as Consistency });
    else setProof({ sequence, error: (res.error as { message?: string } | undefined)?.message ?? '', status: res.response.status });
  };
  const name = t(`audit.services.${service}`);
  const headingId = `layanan-${service}`;
  const list = anchors.data?.anchors ?? [];
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      <h3>{t('audit.digest.now')}</h3>
      {digest.error !== undefined && <LoadError status={digest.status} message={digest.error} onRetry={digest.reload} />}
      {digest.data && (
        <>
          <div className={`note ${digest.data.ok ? 'note-ok' : 'note-error'}`} role={digest.data.ok ? undefined : 'alert'}>
            <p>{digest.data.ok ? t('audit.digest.ok') : t('audit.digest.broken')}</p>
            <FindingList service={service} findings={digest.data.findings} />
          </div>
          <dl className="facts">
            <dt>{t('audit.digest.merkleRoot')}</dt>
            <dd>
              <code className="hash">{digest.data.merkleRoot}</code>
            </dd>
            <dt>{t('audit.digest.streams')}</dt>
            <dd>{digest.data.streams}</dd>
            <dt>{t('audit.digest.events')}</dt>
            <dd>{digest.data.events}</dd>
            <dt>{t('audit.digest.computedAt')}</dt>
            <dd>{formatInstant(digest.data.computedAt, cityTimeZone())}</dd>
            <dt>{t('audit.digest.signature')}</dt>
            <dd>
              {digest.data.signature ? (
                <>
                  {t('audit.digest.signed')} <code className="hash">{digest.data.signature}</code>
                </>
              ) : (
                t('audit.digest.unsigned')
              )}
            </dd>
          </dl>
        </>
      )}
      <h3>{t('audit.digest.anchors')}</h3>
      {anchors.error !== undefined && <LoadError status={anchors.status} message={anchors.error} onRetry={anchors.reload} />}
      {anchors.data && list.length === 0 && <p>{t('audit.digest.noAnchors')}</p>}
      {anchors.data && <FindingList service={service} findings={anchors.data.findings} />}
      {list.length > 0 && (
        <DataTable label={t('audit.digest.anchorsCaption', { service: name })} columns={[t('audit.digest.sequence'), t('audit.digest.anchoredAt'), t('audit.digest.reason'), t('audit.digest.merkleRoot'), t('audit.digest.counts'), t('audit.digest.action')]}>
          {list.slice(0, SHOWN_ANCHORS).map((a) => (
            <tr key={a.sequence}>
              <td>#{a.sequence}</td>
              <td>{formatInstant(a.anchoredAt, cityTimeZone())}</td>
              <td>
                {t(`audit.digest.reasons.${a.reason}`, { defaultValue: a.reason })}
                {a.signed ? '' : ` (${t('audit.digest.unsigned')})`}
              </td>
              <td>
                <code className="hash">{a.merkleRoot}</code>
              </td>
              <td>
                {a.streams} / {a.events}
              </td>
              <td>
                <button type="button" onClick={() => void prove(a.sequence)} disabled={proof?.sequence === a.sequence && !proof.result && !proof.error}>
                  {t('audit.digest.prove', { sequence: a.sequence })}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {list.length > SHOWN_ANCHORS && <p className="muted">{t('audit.digest.more', { count: list.length - SHOWN_ANCHORS })}</p>}
      {proof && !proof.result && !proof.error && <p role="status">{t('audit.digest.proving')}</p>}
      {proof?.error !== undefined && <LoadError status={proof.status} message={proof.error} />}
      {proof?.result && <ConsistencyResult service={service} proof={proof.result} />}
    </section>
  );
}

/** The auditor's start: each service's signed digest now, its earlier digests with their consistency proofs, and the way to an employee's history. */
export default function AuditDigest() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [nip, setNip] = useState('');
  const [invalid, setInvalid] = useState(false);
  useTitle(t('audit.digest.title'));
  const open = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{18}$/.test(nip.trim())) {
      setInvalid(true);
      return;
    }
    navigate(`/audit/pegawai/${nip.trim()}`);
  };
  return (
    <>
      <h1>{t('audit.digest.title')}</h1>
      <p>{t('audit.digest.intro')}</p>
      <form className="card" onSubmit={open} noValidate aria-labelledby="riwayat-pegawai">
        <h2 id="riwayat-pegawai">{t('audit.digest.history')}</h2>
        <div className="field">
          <label htmlFor="audit-nip">{t('audit.digest.nip')}</label>
          <input
            id="audit-nip"
            inputMode="numeric"
            autoComplete="off"
            value={nip}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'audit-nip-error' : undefined}
            onChange={(e) => {
              setNip(e.target.value);
              setInvalid(false);
            }}
          />
          {invalid && (
            <span id="audit-nip-error" className="field-error">
              {t('audit.digest.nipInvalid')}
            </span>
          )}
        </div>
        <button type="submit">{t('audit.digest.open')}</button>
      </form>
      {AUDITED_SERVICES.map((s) => (
        <ServiceCard key={s} service={s} />
      ))}
    </>
  );
}
