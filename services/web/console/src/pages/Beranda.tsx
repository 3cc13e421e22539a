import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { EmployeeSkpItem, TeamBoard } from '../api/types';
import { CreateSkp } from '../components/CreateSkp';
import { DueList } from '../components/DueList';
import { LoadError } from '../components/LoadError';
import { formatDate } from '../format';
import { useLoad, useTitle } from '../hooks';
import { useSession } from '../session';

export const thisYear = () => new Date().getFullYear();

export default function Beranda() {
  const { t } = useTranslation();
  const { session } = useSession();
  const nip = session!.user!.nip;
  const supervisor = session!.active?.role === 'SUPERVISOR';
  useTitle(t('beranda.title'));
  const year = thisYear();
  const skps = useLoad<{ skps: EmployeeSkpItem[] }>(() => api.workPlanning.GET('/employees/{nip}/skps', { params: { path: { nip } } }), [nip]);
  const current = skps.data?.skps.find((s) => s.periodStart.startsWith(String(year)));
  return (
    <>
      <h1>{t('beranda.greeting', { name: session!.user!.name })}</h1>
      <section className="card" aria-labelledby="skp-saya">
        <h2 id="skp-saya">{t('beranda.mySkp', { year })}</h2>
        {skps.loading && <p>{t('app.loading')}</p>}
        {skps.error !== undefined && <LoadError status={skps.status} message={skps.error} onRetry={skps.reload} />}
        {skps.data && (current ? <CurrentSkp skp={current} /> : <NoSkp year={year} />)}
      </section>
      {supervisor && <TeamSummary nip={nip} />}
      {skps.error === undefined && <DueList nip={nip} agencyId={session!.user!.agencyId ?? ''} supervisor={supervisor} skp={skps.data ? (current ?? null) : undefined} />}
    </>
  );
}

function CurrentSkp({ skp }: { skp: EmployeeSkpItem }) {
  const { t } = useTranslation();
  const due =
    skp.status === 'RETURNED' || skp.status === 'REVISED' ? 'dueReturned' : skp.status === 'SUBMITTED' ? 'dueSubmitted' : skp.status === 'APPROVED' ? 'dueApproved' : 'dueDraft';
  return (
    <>
      <p>
        <span className={`badge badge-${skp.status}`}>{t(`status.${skp.status}`)}</span>{' '}
        {t('beranda.periode', { start: formatDate(skp.periodStart), end: formatDate(skp.periodEnd) })}
      </p>
      <h3>{t('beranda.due')}</h3>
      <p>{t(`beranda.${due}`)}</p>
      {skp.status === 'RETURNED' && skp.returnNotes && (
        <blockquote aria-label={t('beranda.returnNotes')}>{skp.returnNotes}</blockquote>
      )}
      <Link className="button" to={`/skp/${encodeURIComponent(skp.skpId)}`}>
        {t('beranda.openSkp')}
      </Link>
    </>
  );
}

function NoSkp({ year }: { year: number }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('beranda.noSkp', { year })}</p>
      <h3>{t('beranda.due')}</h3>
      <p>{t('beranda.dueNone')}</p>
      <CreateSkp year={year} />
    </>
  );
}

function TeamSummary({ nip }: { nip: string }) {
  const { t } = useTranslation();
  const board = useLoad<TeamBoard>(() => api.workPlanning.GET('/supervisors/{nip}/team', { params: { path: { nip } } }), [nip]);
  if (!board.data) return board.error !== undefined ? <LoadError status={board.status} message={board.error} /> : null;
  const waiting = board.data.team.filter((m) => m.status === 'SUBMITTED').length;
  return (
    <section className="card" aria-labelledby="tim">
      <h2 id="tim">{t('tim.title')}</h2>
      <p>{t('beranda.teamWaiting', { count: waiting })}</p>
      <Link className="button" to="/tim">
        {t('beranda.openTeam')}
      </Link>
    </section>
  );
}
