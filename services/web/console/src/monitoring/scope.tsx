import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { cityToday } from '../format';
import { useLoad } from '../hooks';
import { useSession } from '../session';

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
        <div className="field">
          <label htmlFor="instansi">{t('monitoring.agency')}</label>
          <select id="instansi" value={scope.agencyId} onChange={(e) => change('instansi', e.target.value)}>
            {allowCity && <option value="">{t('monitoring.wholeCity')}</option>}
            {scope.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.code})
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="tahun">{t('monitoring.year')}</label>
        <select id="tahun" value={scope.year} onChange={(e) => change('tahun', e.target.value)}>
          {[0, 1, 2, 3, 4].map((d) => (
            <option key={d} value={String(thisYear - d)}>
              {thisYear - d}
            </option>
          ))}
        </select>
      </div>
      {children}
    </form>
  );
}
