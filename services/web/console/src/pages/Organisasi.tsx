import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker, useAgencyChoice } from '../components/AgencyPicker';
import { EmployeesPanel } from '../components/organisasi/EmployeesPanel';
import { GrantsPanel } from '../components/organisasi/GrantsPanel';
import { ImportPanel } from '../components/organisasi/ImportPanel';
import { OrgTreeView } from '../components/organisasi/OrgTreeView';
import { useTitle } from '../hooks';

/** HR's organisation page (issue 17 §1): the tree as of a date, employees, CSV import, role grants. */
export default function Organisasi() {
  const { t } = useTranslation();
  useTitle(t('organisasi.title'));
  const { agencyId, setAgencyId, fixed } = useAgencyChoice();
  // A new import shows in the tree at once.
  const [version, setVersion] = useState(0);
  return (
    <>
      <h1>{t('organisasi.title')}</h1>
      <AgencyPicker agencyId={agencyId} onChange={setAgencyId} fixed={fixed} />
      <nav aria-label={t('organisasi.sections')}>
        <ul className="row plain">
          <li>
            <a href="#struktur">{t('organisasi.tree.title')}</a>
          </li>
          <li>
            <a href="#pegawai">{t('organisasi.employees.title')}</a>
          </li>
          <li>
            <a href="#impor">{t('organisasi.import.title')}</a>
          </li>
          <li>
            <a href="#peran">{t('organisasi.grants.title')}</a>
          </li>
        </ul>
      </nav>
      {agencyId && (
        <>
          <OrgTreeView key={`${agencyId}-${version}`} agencyId={agencyId} />
          <EmployeesPanel key={`pegawai-${agencyId}`} agencyId={agencyId} />
          <ImportPanel key={`impor-${agencyId}`} agencyId={agencyId} onApplied={() => setVersion((v) => v + 1)} />
          <GrantsPanel key={`peran-${agencyId}`} agencyId={agencyId} />
        </>
      )}
    </>
  );
}
