import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { cityToday } from '../format';
import { useLoad } from '../hooks';
import { useSession } from '../session';
import { SelectField } from '../components/SelectField';

export interface Scope {
  /** HR and the PPK read whole agencies; anyone else sees the units they lead. */
  overseer: boolean;
  /** May choose any agency (and the whole city). */
  cityWide: boolean;
  /** '' = the whole city (dashboards of a city-wide role). */
  agencyId: string;
  year: string;
  agencies: { id: string; code: string; name: string }[];
}

/** Who is looking at what: the role decides the agency (its own, or a choice for BKPSDM and auditors), the address keeps the choice. */
export function useScope({ allowCity = false } = {}): Scope {
  const { session } = useSession();
  const [params] = useSearchParams();
  const active = session?.active;
  const role = active?.role;
  const overseer = role === 'ADMIN_OPD' || role === 'ADMIN_CITY' || role === 'PPK' || role === 'AUDITOR';
  const cityWide = role === 'ADMIN_CITY' || role === 'AUDITOR' || (role === 'PPK' && !active?.agencyId);
  const agencies = useLoad<{ items: { id: string; code: string; name: string }[] }>(
    () => (cityWide ? api.workPlanning.GET('/agencies', { params: { query: { limit: '200' } as never } }) : Promise.resolve({ data: { items: [] }, response: new Response(null, { status: 200 }) })),
    [cityWide],
  );
  const items = agencies.data?.items ?? [];
  const chosen = params.get('instansi');
  const agencyId = cityWide ? (chosen ?? (allowCity ? '' : (items[0]?.id ?? ''))) : (active?.agencyId ?? session?.user?.agencyId ?? '');
  return { overseer, cityWide, agencyId, year: params.get('tahun') ?? cityToday().slice(0, 4), agencies: items };
}

/** The agency (for city-wide roles) and the year; further filters as children. */
export function ScopeFilters({ scope, allowCity = false, children, onChange }: { scope: Scope; allowCity?: boolean; children?: ReactNode; onChange?: () => void }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(cityToday().slice(0, 4));
  const change = (key: string, value: string) => {
    onChange?.();
    const next = new URLSearchParams(params);
    next.delete('periode');
    next.delete('unit');
    next.set(key, value);
    setParams(next);
  };
  return (
    <form className="filters card" aria-label={t('monitoring.filters')} onSubmit={(e) => e.preventDefault()}>
      {scope.cityWide && (
        <SelectField id="instansi" label={t('monitoring.agency')} value={scope.agencyId} onChange={(value) => change('instansi', value)} options={[...(allowCity ? [['', t('monitoring.wholeCity')] as const] : []), ...scope.agencies.map((a) => [a.id, `${a.name} (${a.code})`] as const)]} />
      )}
      <SelectField id="tahun" label={t('monitoring.year')} value={scope.year} onChange={(value) => change('tahun', value)} options={[0, 1, 2, 3, 4].map((d) => [String(thisYear - d), thisYear - d] as const)} />
      {children}
    </form>
  );
}
