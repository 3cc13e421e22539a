import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../format';
import { useLoad } from '../../hooks';
import { periodLabel } from '../../periods';
import { LoadError } from '../LoadError';
import { DataTable } from '../TableRegion';
import { SelectField } from '../SelectField';

/** The shapes of feedback-intake's service figures (issue 19), as its API answers them. */
export interface ServiceFigure {
  serviceCode: string;
  name: string | null;
  count: number;
  withinStandard: number;
  percentWithinStandard: number | null;
  averageElapsed: number | null;
  unit: 'WORKING_DAYS' | 'HOURS' | null;
}
export interface ComplaintFigure {
  category: string;
  handled: number;
  withinSla: number;
  percentWithinSla: number | null;
}
export interface ServiceFigures {
  periodId: string;
  from: string;
  to: string;
  services: ServiceFigure[];
  complaints: ComplaintFigure[];
}
export interface UnitServiceFigures extends ServiceFigures {
  unitId: string;
  officers: { officerNip: string; services: ServiceFigure[] }[];
}
export interface ServiceRecord {
  sourceId: string;
  serviceCode: string;
  unitId: string;
  officerNip: string;
  receivedAt: string;
  completedAt: string;
  channel: string;
  standard: { version: number; amount: number; unit: 'WORKING_DAYS' | 'HOURS' };
  elapsed: number;
  withinStandard: boolean;
}

const RECORDS_PAGE = 20;

/** The periods a figure can be read for: the semesters and the year, this year and the last. */
export function servicePeriods(now = new Date()): string[] {
  const year = now.getFullYear();
  return [year, year - 1].flatMap((y) => [`${y}-S1`, `${y}-S2`, String(y)]);
}

export function PeriodPicker({ value, onChange, options }: { value: string; onChange(periodId: string): void; options: string[] }) {
  const { t } = useTranslation();
  const id = useId();
  const list = options.includes(value) ? options : [value, ...options];
  return (
    <SelectField id={id} label={t('layanan.period')} value={value} onChange={onChange} options={list.map((p) => [p, periodLabel(t, p)] as const)} narrow />
  );
}

const percent = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('id-ID')} %`);

function useTimeUnit() {
  const { t } = useTranslation();
  return (amount: number | null, unit: 'WORKING_DAYS' | 'HOURS' | null) => {
    if (amount === null || unit === null) return '—';
    // Working days are counted whole: an application completed on the day it came in took none.
    if (unit === 'WORKING_DAYS' && amount === 0) return t('layanan.sameDay');
    return t(`layanan.units.${unit}`, { n: amount.toLocaleString('id-ID') });
  };
}

/** Per service: applications completed, within the standard, the share and the mean time; complaints handled. */
export function FiguresTables({ figures, caption }: { figures: ServiceFigures; caption: string }) {
  const { t } = useTranslation();
  const time = useTimeUnit();
  const period = periodLabel(t, figures.periodId);
  if (figures.services.length === 0 && figures.complaints.length === 0) return <p>{t('layanan.none')}</p>;
  return (
    <>
      {figures.services.length > 0 && (
        <DataTable label={caption} columns={[t('layanan.col.service'), t('layanan.col.count'), t('layanan.col.within'), t('layanan.col.percent'), t('layanan.col.average')]}>
          {figures.services.map((s) => (
            <tr key={s.serviceCode}>
              <th scope="row">{s.name ? `${s.name} (${s.serviceCode})` : s.serviceCode}</th>
              <td>{s.count}</td>
              <td>{s.withinStandard}</td>
              <td>{percent(s.percentWithinStandard)}</td>
              <td>{time(s.averageElapsed, s.unit)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {figures.complaints.length > 0 && (
        <DataTable label={t('layanan.complaintsCaption', { period })} columns={[t('layanan.col.category'), t('layanan.col.handled'), t('layanan.col.withinSla'), t('layanan.col.percentSla')]}>
          {figures.complaints.map((c) => (
            <tr key={c.category}>
              <th scope="row">{c.category}</th>
              <td>{c.handled}</td>
              <td>{c.withinSla}</td>
              <td>{percent(c.percentWithinSla)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** The records behind an officer's or a unit's figures, a page at a time, oldest first. */
export function RecordsTable({ of, periodId, serviceCode, nameOf }: { of: { nip: string } | { unitId: string }; periodId: string; serviceCode?: string; nameOf?(nip: string): string | undefined }) {
  const { t } = useTranslation();
  const time = useTimeUnit();
  const [offset, setOffset] = useState(0);
  const key = 'nip' in of ? `nip:${of.nip}` : `unit:${of.unitId}`;
  const query = { periodId, limit: RECORDS_PAGE, offset, ...(serviceCode ? { serviceCode } : {}) } as never;
  const records = useLoad<{ total: number; records: ServiceRecord[] }>(
    () =>
      'nip' in of
        ? api.feedbackIntake.GET('/employees/{nip}/service-records', { params: { path: { nip: of.nip }, query } })
        : api.feedbackIntake.GET('/units/{unitId}/service-records', { params: { path: { unitId: of.unitId }, query } }),
    [key, periodId, serviceCode, offset],
  );
  if (records.error !== undefined) return <LoadError status={records.status} message={records.error} onRetry={records.reload} />;
  if (!records.data) return <p role="status">{t('app.loading')}</p>;
  const { total, records: rows } = records.data;
  if (total === 0) return <p>{t('layanan.none')}</p>;
  const caption = t('layanan.recordsCaption', { period: periodLabel(t, periodId), from: offset + 1, to: offset + rows.length, total });
  return (
    <>
      <DataTable
        label={caption}
        columns={[
          t('layanan.col.sourceId'),
          t('layanan.col.service'),
          ...('nip' in of ? [] : [t('layanan.col.officer')]),
          t('layanan.col.receivedAt'),
          t('layanan.col.completedAt'),
          t('layanan.col.channel'),
          t('layanan.col.elapsed'),
          t('layanan.col.standard'),
          t('layanan.col.result'),
            ]}
      >
        {rows.map((r) => (
          <tr key={`${r.serviceCode}/${r.sourceId}`}>
            <th scope="row">{r.sourceId}</th>
            <td>{r.serviceCode}</td>
            {'nip' in of ? null : <td>{nameOf?.(r.officerNip) ? `${nameOf(r.officerNip)} (${r.officerNip})` : r.officerNip}</td>}
            <td>{formatDateTime(r.receivedAt)}</td>
            <td>{formatDateTime(r.completedAt)}</td>
            <td>{t(`layanan.channels.${r.channel}`, { defaultValue: r.channel })}</td>
            <td>{time(r.elapsed, r.standard.unit)}</td>
            <td>{time(r.standard.amount, r.standard.unit)}</td>
            <td>{r.withinStandard ? <span className="badge badge-APPROVED">{t('layanan.within')}</span> : <span className="badge badge-RETURNED">{t('layanan.late')}</span>}</td>
          </tr>
        ))}
      </DataTable>
      {total > RECORDS_PAGE && (
        <p className="row">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - RECORDS_PAGE))}>
            {t('layanan.previous')}
          </button>
          <button type="button" disabled={offset + RECORDS_PAGE >= total} onClick={() => setOffset(offset + RECORDS_PAGE)}>
            {t('layanan.next')}
          </button>
        </p>
      )}
    </>
  );
}

/** An officer's figures in a period and the records behind them (the officer themself, or their pejabat penilai). */
export function OfficerServiceFigures({ nip, periodId, serviceCode, headingLevel = 2 }: { nip: string; periodId: string; serviceCode?: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const figures = useLoad<ServiceFigures>(() => api.feedbackIntake.GET('/employees/{nip}/service-figures', { params: { path: { nip }, query: { periodId } } }), [nip, periodId]);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  if (figures.error !== undefined) return <LoadError status={figures.status} message={figures.error} onRetry={figures.reload} />;
  if (!figures.data) return <p role="status">{t('app.loading')}</p>;
  const hasRecords = figures.data.services.some((s) => s.count > 0);
  return (
    <>
      <FiguresTables figures={figures.data} caption={t('layanan.figuresCaption', { period: periodLabel(t, periodId) })} />
      {hasRecords && (
        <>
          <Heading id={`catatan-${nip}`}>{t('layanan.records')}</Heading>
          <RecordsTable of={{ nip }} periodId={periodId} serviceCode={serviceCode} />
        </>
      )}
    </>
  );
}
