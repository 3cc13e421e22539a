import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, outcomeOf, type Outcome } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { OutcomeNote, TextAreaField } from '../../components/Outcome';
import { formatDate, formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import { useSession } from '../../session';
import { CareerHrPage, useAgency } from './shared';
import type { DecisionItem, DecisionStatus } from './types';
import { SelectField } from '../../components/SelectField';

const STATUSES: DecisionStatus[] = ['PROPOSED', 'APPROVED', 'ISSUED', 'REJECTED', 'REVOKED'];

/**
 * The decision register: propose → approve (PPK) → issue, with who did each step and who may do
 * the next (separation of duties: the API refuses, the page explains), and the decisions revoked or
 * re-issued after a predicate changed (keberatan), linked to that change.
 */
export default function Keputusan() {
  const { t } = useTranslation();
  const agency = useAgency();
  const { agencyId } = agency;
  const [status, setStatus] = useState<DecisionStatus | ''>('');
  const register = useLoad<DecisionItem[]>(
    () => api.careerDecisions.GET('/agencies/{agencyId}/decisions', { params: { path: { agencyId }, query: (status ? { status } : {}) as never } }),
    [agencyId, status],
  );
  return (
    <CareerHrPage title={t('karierSdm.decisions.title')} agency={agency}>
      <p>{t('karierSdm.decisions.intro')}</p>
      <SelectField id="keputusan-status" label={t('karierSdm.decisions.filter')} value={status} onChange={(value) => setStatus(value as DecisionStatus | '')} options={[['', t('karierSdm.decisions.all')] as const, ...STATUSES.map((s) => [s, t(`karierSdm.status.${s}`)] as const)]} narrow />
      {register.error !== undefined && <LoadError status={register.status} message={register.error} onRetry={register.reload} />}
      {register.data && register.data.length === 0 && <p>{t('karierSdm.decisions.empty')}</p>}
      {register.data?.map((d) => <DecisionCard key={d.decisionId} decision={d} onChanged={register.reload} />)}
    </CareerHrPage>
  );
}

function DecisionCard({ decision: d, onChanged }: { decision: DecisionItem; onChanged(): void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const me = session?.user?.nip ?? '';
  const role = session?.active?.role;
  const [outcome, setOutcome] = useState<Outcome<DecisionItem> | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const id = `keputusan-${d.decisionId}`;
  const act = async (step: 'approve' | 'reject' | 'issue') => {
    const params = { params: { path: { decisionId: d.decisionId } } };
    const result =
      step === 'approve'
        ? await api.careerDecisions.POST('/decisions/{decisionId}/approve', params)
        : step === 'issue'
          ? await api.careerDecisions.POST('/decisions/{decisionId}/issue', params)
          : await api.careerDecisions.POST('/decisions/{decisionId}/reject', { ...params, body: { reason } });
    const next = outcomeOf<DecisionItem>(result);
    setOutcome(next);
    if (next.kind === 'done') onChanged();
  };
  const who = (nip: string | null) => (nip === null ? '—' : nip === me ? t('karierSdm.decisions.you', { nip }) : nip);
  const refusedForDuty = outcome?.kind === 'error' && (outcome.error.code === 'DUTIES_NOT_SEPARATED' || outcome.error.code === 'OWN_DECISION');
  const change = d.factChange;
  return (
    <article className="card" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t('karierSdm.decisions.heading', { id: d.decisionId, kind: t(`karierSdm.kinds.${d.kind}`, { defaultValue: d.kind }), name: d.name ?? d.nip })}{' '}
        <span className={`badge badge-${d.status}`}>{t(`karierSdm.status.${d.status}`)}</span>
      </h2>
      <dl className="facts">
        <dt>{t('karierSdm.decisions.employee')}</dt>
        <dd>
          <Link to={`/sdm/karier/pegawai/${d.nip}`}>{t('karierSdm.decisions.recordOf', { name: d.name ?? d.nip, nip: d.nip })}</Link>
        </dd>
        <dt>{t('karierSdm.decisions.effective')}</dt>
        <dd>{formatDate(d.effectiveDate)}</dd>
        <dt>{t('karierSdm.decisions.proposedBy')}</dt>
        <dd>{who(d.proposedBy)}</dd>
        <dt>{t('karierSdm.decisions.approvedBy')}</dt>
        <dd>{d.rejectedBy ? t('karierSdm.decisions.rejectedByValue', { nip: who(d.rejectedBy) }) : who(d.approvedBy)}</dd>
        <dt>{t('karierSdm.decisions.issuedBy')}</dt>
        <dd>{d.issue > 0 ? t('karierSdm.decisions.issuedByValue', { nip: who(d.issuedBy), issue: d.issue }) : '—'}</dd>
        <dt>{t('karierSdm.decisions.facts')}</dt>
        <dd>
          <ul className="reasons">
            {d.factIds.map((f) => (
              <li key={f}>
                <code>{f}</code>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('karierSdm.decisions.updated')}</dt>
        <dd>{formatDateTime(d.updatedAt)}</dd>
      </dl>
      {d.reason && <p className={d.status === 'REVOKED' || d.status === 'REJECTED' ? 'note note-error' : 'note'}>{t(`karierSdm.decisions.reason.${d.status === 'REVOKED' ? 'REVOKED' : 'REJECTED'}`, { reason: d.reason })}</p>}
      {change && (
        <div className="note" role="note">
          <p>
            {t(d.status === 'REVOKED' ? 'karierSdm.decisions.changeRevoked' : 'karierSdm.decisions.changeReissued', {
              year: change.year,
              before: t(`penilaian.predicates.${change.previousPredicate}`, { defaultValue: change.previousPredicate ?? '' }),
              after: t(`penilaian.predicates.${change.predicate}`, { defaultValue: change.predicate ?? '' }),
              cause: t(`karierSdm.decisions.cause.${change.reason}`),
              date: formatDateTime(change.changedAt),
            })}
          </p>
          <p>
            <Link to={`/sdm/karier/pegawai/${d.nip}#tahun-${change.year}`}>{t('karierSdm.decisions.toChange', { year: change.year, name: d.name ?? d.nip })}</Link>{' '}
            <span className="muted">
              {t('karierSdm.decisions.factIds', { before: change.previousFactId, after: change.factId })}
            </span>
          </p>
        </div>
      )}
      <Duties decision={d} me={me} />
      {refusedForDuty && (
        <div className="note note-error" role="alert">
          <p>{outcome.error.message}</p>
          <p>{t('karierSdm.decisions.dutyExplained')}</p>
        </div>
      )}
      {!refusedForDuty && <OutcomeNote outcome={outcome} done={outcome?.kind === 'done' ? t(`karierSdm.decisions.done.${outcome.data.status}`, { id: d.decisionId }) : undefined} onReload={onChanged} />}
      <div className="actions">
        {d.status === 'PROPOSED' && role === 'PPK' && (
          <>
            <button type="button" onClick={() => void act('approve')}>
              {t('karierSdm.decisions.approve')}
            </button>
            <button type="button" className="link" onClick={() => setRejecting(!rejecting)} aria-expanded={rejecting}>
              {t('karierSdm.decisions.reject')}
            </button>
          </>
        )}
        {d.status === 'APPROVED' && (role === 'PPK' || role === 'ADMIN_OPD' || role === 'ADMIN_CITY') && (
          <button type="button" onClick={() => void act('issue')}>
            {t('karierSdm.decisions.issue')}
          </button>
        )}
      </div>
      {rejecting && d.status === 'PROPOSED' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act('reject');
          }}
        >
          <TextAreaField id={`${id}-alasan`} label={t('karierSdm.decisions.rejectReason')} value={reason} onChange={setReason} />
          <button type="submit">{t('karierSdm.decisions.rejectSubmit')}</button>
        </form>
      )}
    </article>
  );
}

/** Who did the last step and who may do the next one (proposer, approver and issuer are three people). */
function Duties({ decision: d, me }: { decision: DecisionItem; me: string }) {
  const { t } = useTranslation();
  if (d.status === 'PROPOSED')
    return <p className="muted">{d.proposedBy === me ? t('karierSdm.decisions.nextApproveMine') : t('karierSdm.decisions.nextApprove', { proposer: d.proposedBy })}</p>;
  if (d.status === 'APPROVED')
    return (
      <p className="muted">
        {d.proposedBy === me || d.approvedBy === me ? t('karierSdm.decisions.nextIssueMine') : t('karierSdm.decisions.nextIssue', { proposer: d.proposedBy, approver: d.approvedBy })}
      </p>
    );
  return null;
}
