import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ComplaintStatistics {
  agencyId: string;
  category: string;
  received: number;
  open: number;
  resolved: number;
  rejected: number;
  confirmed: number;
  /** Complaints whose SLA breach was recorded (by the scheduler or a late closing). */
  slaBreached: number;
}

/**
 * City-wide complaint statistics by agency and category. Counted from the inbox read model: the
 * later complaint events do not carry agency and category, so a projection keyed by them could not
 * place them; the inbox row of each complaint does.
 */
@Injectable()
export class GetComplaintStatisticsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(agencyId?: string): Promise<ComplaintStatistics[]> {
    const rows: Record<string, string>[] = await this.dataSource.query(
      `SELECT agency_id, category,
              count(*) AS received,
              count(*) FILTER (WHERE status IN ('RECEIVED', 'TRIAGED', 'IN_PROGRESS', 'REOPENED')) AS open,
              count(*) FILTER (WHERE status = 'RESOLVED') AS resolved,
              count(*) FILTER (WHERE status = 'REJECTED') AS rejected,
              count(*) FILTER (WHERE status = 'CONFIRMED') AS confirmed,
              count(*) FILTER (WHERE sla_breached) AS sla_breached
       FROM complaint_inbox WHERE ($1::text IS NULL OR agency_id = $1)
       GROUP BY agency_id, category ORDER BY agency_id, category`,
      [agencyId ?? null],
    );
    return rows.map((r) => ({
      agencyId: r.agency_id,
      category: r.category,
      received: Number(r.received),
      open: Number(r.open),
      resolved: Number(r.resolved),
      rejected: Number(r.rejected),
      confirmed: Number(r.confirmed),
      slaBreached: Number(r.sla_breached),
    }));
  }
}
