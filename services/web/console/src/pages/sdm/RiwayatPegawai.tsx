import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { cityToday, formatDate } from '../../format';
import { useLoad } from '../../hooks';
import { useSession } from '../../session';
import { MentoringSection } from '../mentoring/MentoringSection';
import { CareerHrPage, useAgency } from './shared';
import type { PerformanceRecordView } from './types';
import { DataTable } from '../../components/TableRegion';

/**
 * One employee's performance record as HR reads it: each year's predicate and the fact decisions
 * cite (the register links here); their mentoring of the year, where HR registers a relation.
 */
export default function RiwayatPegawai() {
  const { t } = useTranslation();
  const { nip = '' } = useParams();
  const { hash } = useLocation();
  const agency = useAgency();
  const { session } = useSession();
  const role = session?.active?.role;
  const record = useLoad<PerformanceRecordView>(() => api.careerDecisions.GET('/employees/{nip}/performance-record', { params: { path: { nip } } }), [nip]);
  const years = Object.values(record.data?.years ?? {}).sort((a, b) => b.year - a.year);
  useEffect(() => {
    if (hash && record.data) document.getElementById(hash.slice(1))?.focus();
  }, [hash, record.data]);
  const e = record.data?.employment;
  return (
    <CareerHrPage title={t('karierSdm.record.title', { nip })} agency={agency}>
      {record.error !== undefined && <LoadError status={record.status} message={record.error} onRetry={record.reload} />}
      {e && (
        <p>
          {t('karierSdm.record.employment', { kind: e.employmentKind, golongan: e.golongan, pangkat: e.pangkat ?? '—', since: formatDate(e.rankSince) })}
        </p>
      )}
      {record.data && years.length === 0 && <p>{t('karier.noRecord')}</p>}
      {years.length > 0 && (
        <DataTable label={t('karierSdm.record.years')} columns={[t('karier.year'), t('karier.predikat'), t('karierSdm.record.fact')]}>
          {years.map((y) => (
            <tr key={y.year} id={`tahun-${y.year}`} tabIndex={-1} className={hash === `#tahun-${y.year}` ? 'highlight' : undefined}>
              <th scope="row">{y.year}</th>
              <td>
                {t(`penilaian.predicates.${y.predicate}`, { defaultValue: y.predicate })} ({y.final === false ? t('karier.provisional') : t('karier.final')})
              </td>
              <td>
                <code>{y.factId}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {agency.agencyId && (
        <MentoringSection agencyId={agency.agencyId} nip={nip} year={Number(cityToday().slice(0, 4))} canRegister={role === 'ADMIN_OPD' || role === 'ADMIN_CITY'} />
      )}
    </CareerHrPage>
  );
}
