import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { OrgTree, OrgTreeUnit } from '../api/hr-types';
import { AgencyPicker, useAgencyChoice } from '../components/AgencyPicker';
import { FiguresTables, PeriodPicker, RecordsTable, servicePeriods, type ServiceFigure, type UnitServiceFigures } from '../components/layanan/ServiceFigures';
import { LoadError } from '../components/LoadError';
import { DataTable } from '../components/TableRegion';
import { cityToday } from '../format';
import { useLoad, useTitle } from '../hooks';
import { namesInTree } from '../people-names';
import { periodLabel } from '../periods';
import { useSession } from '../session';
import { usePeriodParam } from './Layanan';
import { SelectField } from '../components/SelectField';

const flatten = (units: OrgTreeUnit[], depth = 0): { unit: OrgTreeUnit; depth: number }[] =>
  units.flatMap((u) => [{ unit: u, depth }, ...flatten(u.units, depth + 1)]);

/**
 * A unit's service figures (issue 19): in total and per officer, with the records behind them, for
 * the agency's admin, the city, auditors and the unit's own officers (its head among them).
 */
export default function LayananUnit() {
  const { t } = useTranslation();
  const { session } = useSession();
  useTitle(t('layanan.unitTitle'));
  const role = session?.active?.role;
  const choice = useAgencyChoice();
  const staff = role === 'EMPLOYEE' || role === 'SUPERVISOR';
  const agencyId = staff ? (session?.active?.agencyId ?? session?.user?.agencyId ?? '') : choice.agencyId;
  const options = servicePeriods();
  const [periodId, setPeriodId] = usePeriodParam(options[0]);
  const unitSelect = useId();
  const today = cityToday();
  const tree = useLoad<OrgTree>(() => api.workPlanning.GET('/agencies/{agencyId}/organisation', { params: { path: { agencyId }, query: { date: today } as never } }), [agencyId]);
  const units = flatten(tree.data?.units ?? []);
  // The officers by name (the figures name them by NIP), from the same organisation.
  const names = useMemo(() => namesInTree(tree.data?.units ?? []), [tree.data]);
  const me = session?.user?.nip;
  const [unitId, setUnitId] = useState(() => new URLSearchParams(window.location.search).get('unit') ?? '');
  // By default the unit the signed-in person heads or works in, else the first.
  useEffect(() => {
    if (unitId || units.length === 0) return;
    const mine = units.find(({ unit }) => unit.positions.some((p) => p.holders.some((h) => h.nip === me)));
    setUnitId((mine ?? units[0]).unit.unitId);
  }, [unitId, units, me]);
  useEffect(() => {
    if (!unitId) return;
    const url = new URL(window.location.href);
    url.searchParams.set('unit', unitId);
    window.history.replaceState(window.history.state, '', url);
  }, [unitId]);
  return (
    <>
      <h1>{t('layanan.unitTitle')}</h1>
      <p className="muted">{t('layanan.unitIntro')}</p>
      {!staff && <AgencyPicker agencyId={choice.agencyId} onChange={choice.setAgencyId} fixed={choice.fixed} />}
      {tree.error !== undefined && <LoadError status={tree.status} message={tree.error} onRetry={tree.reload} />}
      {tree.data && units.length === 0 && <p>{t('layanan.noUnits')}</p>}
      {units.length > 0 && (
        <SelectField id={unitSelect} label={t('layanan.unit')} value={unitId} onChange={setUnitId} options={units.map(({ unit, depth }) => [unit.unitId, `${'\u2003'.repeat(depth)}${unit.name}`] as const)} />
      )}
      <PeriodPicker value={periodId} onChange={setPeriodId} options={options} />
      {unitId && <UnitFigures key={`${unitId}/${periodId}`} unitId={unitId} unitName={units.find((u) => u.unit.unitId === unitId)?.unit.name ?? unitId} periodId={periodId} names={names} />}
    </>
  );
}

function UnitFigures({ unitId, unitName, periodId, names }: { unitId: string; unitName: string; periodId: string; names: Map<string, string> }) {
  const { t } = useTranslation();
  const figures = useLoad<UnitServiceFigures>(() => api.feedbackIntake.GET('/units/{unitId}/service-figures', { params: { path: { unitId }, query: { periodId } } }), [unitId, periodId]);
  if (figures.error !== undefined) return <LoadError status={figures.status} message={figures.error} onRetry={figures.reload} />;
  if (!figures.data) return <p role="status">{t('app.loading')}</p>;
  const period = periodLabel(t, periodId);
  const services = [...new Set(figures.data.officers.flatMap((o) => o.services.map((s) => s.serviceCode)))];
  const cell = (list: ServiceFigure[], code: string) => {
    const s = list.find((x) => x.serviceCode === code);
    return s ? `${s.withinStandard}/${s.count} (${s.percentWithinStandard === null ? '—' : `${s.percentWithinStandard.toLocaleString('id-ID')} %`})` : '—';
  };
  return (
    <>
      <FiguresTables figures={figures.data} caption={t('layanan.unitCaption', { unit: unitName, period })} />
      {figures.data.officers.length > 0 && (
        <DataTable label={t('layanan.officersCaption', { period })} columns={[t('layanan.col.officer'), ...services.map((code) => `${code}: ${t('layanan.col.within')}`)]}>
          {figures.data.officers.map((o) => (
            <tr key={o.officerNip}>
              <th scope="row">{names.has(o.officerNip) ? `${names.get(o.officerNip)} (${o.officerNip})` : o.officerNip}</th>
              {services.map((code) => (
                <td key={code}>{cell(o.services, code)}</td>
              ))}
            </tr>
          ))}
        </DataTable>
      )}
      {figures.data.services.some((s) => s.count > 0) && (
        <>
          <h2>{t('layanan.records')}</h2>
          <RecordsTable of={{ unitId }} periodId={periodId} nameOf={(nip) => names.get(nip)} />
        </>
      )}
    </>
  );
}
