import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { EmployeeSkpItem } from '../api/types';
import { CreateSkp } from '../components/CreateSkp';
import { LoadError } from '../components/LoadError';
import { formatDate } from '../format';
import { useLoad, useTitle } from '../hooks';
import { useOwnNip } from '../session';

export default function SkpList() {
  const { t } = useTranslation();
  const nip = useOwnNip();
  useTitle(t('skp.title'));
  const year = new Date().getFullYear();
  const skps = useLoad<{ skps: EmployeeSkpItem[] }>(() => api.workPlanning.GET('/employees/{nip}/skps', { params: { path: { nip } } }), [nip]);
  return (
    <>
      <h1>{t('skp.title')}</h1>
      {skps.loading && <p>{t('app.loading')}</p>}
      {skps.error !== undefined && <LoadError status={skps.status} message={skps.error} onRetry={skps.reload} />}
      {skps.data && !skps.data.skps.some((s) => s.periodStart.startsWith(String(year))) && (
        <>
          <p>{t('beranda.noSkp', { year })}</p>
          <CreateSkp year={year} />
        </>
      )}
      <ul className="list">
        {skps.data?.skps.map((s) => (
          <li key={s.skpId}>
            <Link to={`/skp/${encodeURIComponent(s.skpId)}`}>{t('skp.document', { start: formatDate(s.periodStart), end: formatDate(s.periodEnd) })}</Link>{' '}
            <span className={`badge badge-${s.status}`}>{t(`status.${s.status}`)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
