import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Period } from '@kinerja/contracts';
import { FeedbackIntakeConfig } from '../../config';
import { addDays, startOfLocalDate } from '../../sla/working-calendar.rules';
import { FEEDBACK_INTAKE_CONFIG } from '../../tokens';
import { ServiceTimeUnit } from '../service-delivery.events';
import { fingerprint, StandardVersion } from '../service-records.rules';

export interface ServiceStandardResponse {
  serviceCode: string;
  name: string;
  amount: number;
  unit: ServiceTimeUnit;
  version: number;
  effectiveFrom: string;
  /** Earlier versions, newest first. */
  history: { version: number; name: string; amount: number; unit: ServiceTimeUnit; effectiveFrom: string; setAt: string }[];
}

export interface ServiceFigure {
  serviceCode: string;
  name: string | null;
  /** Applications completed in the period. */
  count: number;
  withinStandard: number;
  /** Share completed within the standard, 0–100 with one decimal; null without applications. */
  percentWithinStandard: number | null;
  /** Mean time taken, in the unit of the standard in force (working days or working hours). */
  averageElapsed: number | null;
  unit: ServiceTimeUnit | null;
}

export interface ComplaintFigure {
  category: string;
  handled: number;
  withinSla: number;
  percentWithinSla: number | null;
}

export interface ServiceFiguresResponse {
  periodId: string;
  from: string;
  to: string;
  services: ServiceFigure[];
  complaints: ComplaintFigure[];
}

export interface UnitServiceFiguresResponse extends ServiceFiguresResponse {
  unitId: string;
  /** The same figures per officer of the unit: who is above and who below the standard. */
  officers: { officerNip: string; services: ServiceFigure[] }[];
}

export interface ServiceRecordResponse {
  sourceId: string;
  serviceCode: string;
  unitId: string;
  officerNip: string;
  receivedAt: string;
  completedAt: string;
  channel: string;
  standard: { version: number; amount: number; unit: ServiceTimeUnit };
  elapsed: number;
  withinStandard: boolean;
}

const pct = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

/** Reads of the service-delivery read models: standards, figures per officer and unit, the records behind them. */
@Injectable()
export class GetServiceFiguresQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
  ) {}

  /** The period's instants in the city's zone: [start of its first day, start of the day after its last). */
  range(period: Period): { from: Date; to: Date } {
    const zone = this.config.calendar.timeZone;
    return { from: startOfLocalDate(period.start, zone), to: startOfLocalDate(addDays(period.end, 1), zone) };
  }

  async standards(agencyId: string): Promise<ServiceStandardResponse[]> {
    const rows: { service_code: string; version: number; name: string; amount: string; unit: ServiceTimeUnit; effective_from: string; set_at: Date }[] = await this.dataSource.query(
      `SELECT service_code, version, name, amount, unit, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, set_at
         FROM service_standard_view WHERE agency_id = $1 ORDER BY service_code, version DESC`,
      [agencyId],
    );
    const out = new Map<string, ServiceStandardResponse>();
    for (const r of rows) {
      const entry = { version: r.version, name: r.name, amount: Number(r.amount), unit: r.unit, effectiveFrom: r.effective_from, setAt: new Date(r.set_at).toISOString() };
      const current = out.get(r.service_code);
      if (!current) out.set(r.service_code, { serviceCode: r.service_code, name: r.name, amount: entry.amount, unit: r.unit, version: r.version, effectiveFrom: r.effective_from, history: [] });
      else current.history.push(entry);
    }
    return [...out.values()];
  }

  /** Service code → every version, for judging records. */
  async standardVersions(agencyId: string): Promise<Map<string, StandardVersion[]>> {
    const rows: { service_code: string; version: number; amount: string; unit: ServiceTimeUnit; effective_from: string }[] = await this.dataSource.query(
      `SELECT service_code, version, amount, unit, to_char(effective_from, 'YYYY-MM-DD') AS effective_from FROM service_standard_view WHERE agency_id = $1`,
      [agencyId],
    );
    const map = new Map<string, StandardVersion[]>();
    for (const r of rows) {
      const list = map.get(r.service_code) ?? [];
      list.push({ version: r.version, effectiveFrom: r.effective_from, standard: { amount: Number(r.amount), unit: r.unit } });
      map.set(r.service_code, list);
    }
    return map;
  }

  /** What the agency already reported under these source ids, as fingerprints. */
  async existing(agencyId: string, sourceIds: readonly string[]): Promise<Map<string, string>> {
    if (sourceIds.length === 0) return new Map();
    const rows: { source_id: string; service_code: string; unit_id: string; officer_nip: string; received_at: Date; completed_at: Date; channel: string }[] = await this.dataSource.query(
      `SELECT source_id, service_code, unit_id, officer_nip, received_at, completed_at, channel FROM service_record_view WHERE agency_id = $1 AND source_id = ANY($2)`,
      [agencyId, sourceIds],
    );
    return new Map(
      rows.map((r) => [
        r.source_id,
        fingerprint({ serviceCode: r.service_code, unitId: r.unit_id, officerNip: r.officer_nip, receivedAt: new Date(r.received_at).toISOString(), completedAt: new Date(r.completed_at).toISOString(), channel: r.channel }),
      ]),
    );
  }

  async forOfficer(nip: string, period: Period): Promise<ServiceFiguresResponse> {
    const { from, to } = this.range(period);
    const [services, complaints] = await Promise.all([this.serviceFigures('officer_nip = $1', [nip], from, to), this.complaintFigures('resolved_by = $1', [nip], from, to)]);
    return { periodId: period.id, from: period.start, to: period.end, services: services.get('') ?? [], complaints };
  }

  async forUnit(unitId: string, period: Period): Promise<UnitServiceFiguresResponse> {
    const { from, to } = this.range(period);
    const [services, byOfficer, complaints] = await Promise.all([
      this.serviceFigures('unit_id = $1', [unitId], from, to),
      this.serviceFigures('unit_id = $1', [unitId], from, to, 'officer_nip'),
      this.complaintFigures('unit_id = $1', [unitId], from, to),
    ]);
    const officers = [...byOfficer.entries()].map(([officerNip, list]) => ({ officerNip, services: list })).sort((a, b) => a.officerNip.localeCompare(b.officerNip));
    return { unitId, periodId: period.id, from: period.start, to: period.end, services: services.get('') ?? [], complaints, officers };
  }

  async records(filter: { nip?: string; unitId?: string; serviceCode?: string }, period: Period, limit: number, offset: number): Promise<{ total: number; records: ServiceRecordResponse[] }> {
    const { from, to } = this.range(period);
    const where = ['completed_at >= $1', 'completed_at < $2'];
    const params: unknown[] = [from, to];
    if (filter.nip) where.push(`officer_nip = $${params.push(filter.nip)}`);
    if (filter.unitId) where.push(`unit_id = $${params.push(filter.unitId)}`);
    if (filter.serviceCode) where.push(`service_code = $${params.push(filter.serviceCode)}`);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM service_record_view WHERE ${where.join(' AND ')}`, params);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT * FROM service_record_view WHERE ${where.join(' AND ')} ORDER BY completed_at, source_id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return {
      total,
      records: rows.map((r) => ({
        sourceId: String(r.source_id),
        serviceCode: String(r.service_code),
        unitId: String(r.unit_id),
        officerNip: String(r.officer_nip),
        receivedAt: new Date(r.received_at as Date).toISOString(),
        completedAt: new Date(r.completed_at as Date).toISOString(),
        channel: String(r.channel),
        standard: { version: Number(r.standard_version), amount: Number(r.standard_amount), unit: r.standard_unit as ServiceTimeUnit },
        elapsed: Number(r.elapsed),
        withinStandard: Boolean(r.within_standard),
      })),
    };
  }

  async rejections(agencyId: string): Promise<{ sourceId: string; messageId: string; problems: { field: string; code: string; message: string }[]; rejectedAt: string }[]> {
    const rows: { source_id: string; message_id: string; problems: { field: string; code: string; message: string }[]; rejected_at: Date }[] = await this.dataSource.query(
      `SELECT source_id, message_id, problems, rejected_at FROM service_record_rejection WHERE agency_id = $1 ORDER BY rejected_at DESC, message_id LIMIT 500`,
      [agencyId],
    );
    return rows.map((r) => ({ sourceId: r.source_id, messageId: r.message_id, problems: r.problems, rejectedAt: new Date(r.rejected_at).toISOString() }));
  }

  private async serviceFigures(filter: string, params: unknown[], from: Date, to: Date, groupBy?: 'officer_nip'): Promise<Map<string, ServiceFigure[]>> {
    const group = groupBy ? `${groupBy}, ` : '';
    const rows: { grp: string | null; service_code: string; count: number; within: number; average: string | null; unit: ServiceTimeUnit | null; name: string | null }[] = await this.dataSource.query(
      `SELECT ${groupBy ? `${groupBy} AS grp` : `'' AS grp`}, r.service_code, count(*)::int AS count, count(*) FILTER (WHERE within_standard)::int AS within,
              avg(elapsed) AS average, min(standard_unit) AS unit,
              (SELECT s.name FROM service_standard_view s WHERE s.agency_id = min(r.agency_id) AND s.service_code = r.service_code ORDER BY s.version DESC LIMIT 1) AS name
         FROM service_record_view r
        WHERE ${filter} AND completed_at >= $${params.length + 1} AND completed_at < $${params.length + 2}
        GROUP BY ${group}r.service_code ORDER BY ${group}r.service_code`,
      [...params, from, to],
    );
    const out = new Map<string, ServiceFigure[]>();
    for (const r of rows) {
      const list = out.get(r.grp ?? '') ?? [];
      list.push({
        serviceCode: r.service_code,
        name: r.name,
        count: r.count,
        withinStandard: r.within,
        percentWithinStandard: pct(r.within, r.count),
        averageElapsed: round2(r.average === null ? null : Number(r.average)),
        unit: r.unit,
      });
      out.set(r.grp ?? '', list);
    }
    return out;
  }

  private async complaintFigures(filter: string, params: unknown[], from: Date, to: Date): Promise<ComplaintFigure[]> {
    const rows: { category: string; handled: number; within: number }[] = await this.dataSource.query(
      `SELECT category, count(*)::int AS handled, count(*) FILTER (WHERE within_sla)::int AS within FROM complaint_handling_view
        WHERE ${filter} AND resolved_at >= $${params.length + 1} AND resolved_at < $${params.length + 2} GROUP BY category ORDER BY category`,
      [...params, from, to],
    );
    return rows.map((r) => ({ category: r.category, handled: r.handled, withinSla: r.within, percentWithinSla: pct(r.within, r.handled) }));
  }
}
