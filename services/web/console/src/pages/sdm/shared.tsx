import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router-dom';
import { useTitle } from '../../hooks';
import { useSession } from '../../session';
import './karier-sdm.css';

/** The roles that work on other people's careers: HR of an agency or the city, the PPK, and auditors (reading). */
export const CAREER_HR_ROLES = ['ADMIN_OPD', 'ADMIN_CITY', 'PPK', 'AUDITOR'] as const;

export const isCareerHr = (role: string | undefined): boolean => (CAREER_HR_ROLES as readonly string[]).includes(role ?? '');

/** The agency the pages show: the active grant's; a city-wide role picks one (starting from their own). */
export function useAgency(): { agencyId: string; cityWide: boolean; choose(agencyId: string): void } {
  const { session } = useSession();
  const active = session?.active;
  const cityWide = active?.role === 'ADMIN_CITY' || (active?.role === 'AUDITOR' && !active.agencyId);
  const [chosen, setChosen] = useState(session?.user?.agencyId ?? '');
  return { agencyId: cityWide ? chosen : (active?.agencyId ?? session?.user?.agencyId ?? ''), cityWide, choose: setChosen };
}

const SECTIONS = [
  ['kelayakan', 'eligibility'],
  ['keputusan', 'decisions'],
  ['pengembangan', 'development'],
  ['perbaikan', 'improvement'],
  ['talenta', 'talent'],
] as const;

/** Heading, the sections of the HR career pages, and the agency picker for city-wide roles. */
export function CareerHrPage({ title, children, agency }: { title: string; children: ReactNode; agency: ReturnType<typeof useAgency> }) {
  const { t } = useTranslation();
  useTitle(title);
  const [draft, setDraft] = useState(agency.agencyId);
  return (
    <>
      <nav aria-label={t('karierSdm.sections')} className="subnav">
        <ul>
          {SECTIONS.map(([path, key]) => (
            <li key={path}>
              <NavLink to={`/sdm/karier/${path}`}>{t(`karierSdm.nav.${key}`)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {agency.cityWide && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            agency.choose(draft.trim().toUpperCase());
          }}
        >
          <label htmlFor="sdm-agency">{t('karierSdm.agency')}</label>
          <input id="sdm-agency" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit">{t('karierSdm.showAgency')}</button>
        </form>
      )}
      {children}
    </>
  );
}

/** A person as HR reads them: name, then NIP. */
export function PersonName({ nip, name }: { nip: string; name: string | null | undefined }) {
  return (
    <>
      {name ?? nip}
      <br />
      <span className="muted">NIP {nip}</span>
    </>
  );
}
