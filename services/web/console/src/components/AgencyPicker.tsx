import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { AgencyList } from '../api/hr-types';
import { useLoad } from '../hooks';
import { useSession } from '../session';
import { SelectField } from './SelectField';

/**
 * The agency an HR page acts on: an admin OPD's own, fixed; the city's administrators and auditors
 * pick one (remembered in the address as `?opd=`).
 */
/** A choice of agency, or a function of the current one (the default, which never overrides a choice made meanwhile). */
type AgencyUpdate = string | ((current: string) => string);

export function useAgencyChoice(): { agencyId: string; setAgencyId(update: AgencyUpdate): void; fixed: boolean } {
  const { session } = useSession();
  const own = session?.active?.role === 'ADMIN_OPD' ? session.active.agencyId : undefined;
  const [chosen, setChosen] = useState(() => new URLSearchParams(window.location.search).get('opd') ?? '');
  useEffect(() => {
    if (own) return;
    const url = new URL(window.location.href);
    if (chosen) url.searchParams.set('opd', chosen);
    else url.searchParams.delete('opd');
    window.history.replaceState(window.history.state, '', url);
  }, [chosen, own]);
  return { agencyId: own ?? chosen, setAgencyId: setChosen, fixed: own !== undefined };
}

export function AgencyPicker({ agencyId, onChange, fixed }: { agencyId: string; onChange(update: AgencyUpdate): void; fixed: boolean }) {
  const { t } = useTranslation();
  const agencies = useLoad<AgencyList>(() => api.workPlanning.GET('/agencies', { params: { query: { limit: 200 } as never } }), []);
  const items = agencies.data?.items ?? [];
  useEffect(() => {
    // The first agency once the list is there, unless one was chosen in the meantime.
    if (!fixed && !agencyId && items.length > 0) onChange((current) => current || items[0].code);
  }, [fixed, agencyId, items, onChange]);
  const name = items.find((a) => a.code === agencyId)?.name;
  if (fixed)
    return (
      <p>
        {t('organisasi.agency')}: <strong>{name ? `${name} (${agencyId})` : agencyId}</strong>
      </p>
    );
  return (
    <SelectField id="pilih-opd" label={t('organisasi.agency')} value={agencyId} onChange={onChange} options={[...(!agencyId ? [['', t('organisasi.chooseAgency')] as const] : []), ...items.map((a) => [a.code, `${a.name} (${a.code})`] as const)]} narrow />
  );
}
