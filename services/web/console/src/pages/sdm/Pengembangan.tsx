import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { LoadError } from '../../components/LoadError';
import { cityToday } from '../../format';
import { useLoad } from '../../hooks';
import { CareerHrPage, PersonName, useAgency } from './shared';
import type { AgencyDevelopment } from './types';
import { DataTable } from '../../components/TableRegion';

/** 20 JP of competency development a year (PP 11/2017 jo. PP 17/2020): the agency as a whole and each person, shortest first. */
export default function Pengembangan() {
  const { t } = useTranslation();
  const agency = useAgency();
  const { agencyId } = agency;
  const [year, setYear] = useState(Number(cityToday().slice(0, 4)));
  const data = useLoad<AgencyDevelopment>(
    () => api.careerDecisions.GET('/agencies/{agencyId}/trainings', { params: { path: { agencyId }, query: { year: String(year) } as never } }),
    [agencyId, year],
  );
  const d = data.data;
  return (
    <CareerHrPage title={t('karierSdm.development.title')} agency={agency}>
      <div className="field narrow">
        <label htmlFor="jp-year">{t('karierSdm.year')}</label>
        <input id="jp-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value) || year)} />
      </div>
      {data.error !== undefined && <LoadError status={data.status} message={data.error} onRetry={data.reload} />}
      {d && (
        <>
          <section className="card" aria-labelledby="jp-unit">
            <h2 id="jp-unit">{t('karierSdm.development.unit', { agency: d.agencyId, year: d.year })}</h2>
            <dl className="facts">
              <dt>{t('karierSdm.development.employees')}</dt>
              <dd>{d.summary.employees}</dd>
              <dt>{t('karierSdm.development.metCount')}</dt>
              <dd>{t('karierSdm.development.ofPeople', { count: d.summary.met, total: d.summary.employees })}</dd>
              <dt>{t('karierSdm.development.shortCount')}</dt>
              <dd>{t('karierSdm.development.ofPeople', { count: d.summary.short, total: d.summary.employees })}</dd>
              <dt>{t('karierSdm.development.total')}</dt>
              <dd>{t('karierSdm.development.jpValue', { jp: d.summary.totalJp })}</dd>
              <dt>{t('karierSdm.development.mean')}</dt>
              <dd>{t('karierSdm.development.meanValue', { jp: d.summary.meanJp, required: d.requiredJp })}</dd>
            </dl>
          </section>
          <DataTable label={t('karierSdm.development.perPerson', { year: d.year })} columns={[t('karierSdm.person'), t('karierSdm.development.progress'), t('karierSdm.development.state')]}>
            {d.employees.map((e) => (
              <tr key={e.nip}>
                <th scope="row">
                  <Link to={`/sdm/karier/pegawai/${e.nip}`}>
                    <PersonName nip={e.nip} name={e.name} />
                  </Link>
                </th>
                <td>
                  <progress max={e.progress.requiredJp} value={Math.min(e.progress.jp, e.progress.requiredJp)} aria-label={t('karierSdm.development.progressOf', { name: e.name })} />{' '}
                  {t('karier.jp', { jp: e.progress.jp, required: e.progress.requiredJp })}
                  <br />
                  <span className="muted">{t('karierSdm.development.trainings', { count: e.trainings })}</span>
                  {(e.mentoringSessions ?? 0) > 0 && (
                    <>
                      <br />
                      <span className="muted">{t('mentoring.sessionsCount', { count: e.mentoringSessions })}</span>
                    </>
                  )}
                </td>
                <td>
                  {e.progress.met ? t('karier.met') : t('karier.short', { count: e.progress.shortfallJp })}
                  {e.progress.shortfallAlert && <strong className="field-error"> {t('karierSdm.development.alert')}</strong>}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </CareerHrPage>
  );
}
