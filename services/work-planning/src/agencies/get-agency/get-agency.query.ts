import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@kinerja/domain';
import { AgencyView } from './agency-view.entity';

export interface AgencyResponse {
  id: string;
  code: string;
  name: string;
  registeredAt: string;
}

export interface AgencyListResponse {
  total: number;
  limit: number;
  offset: number;
  items: (AgencyResponse & { employees: number })[];
}

/** Any authenticated user may read an agency: the list of OPD is not confidential. */
@Injectable()
export class GetAgencyQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(agencyId: string): Promise<AgencyResponse> {
    const row = await this.dataSource.getRepository(AgencyView).findOneBy({ agencyId });
    if (!row) throw notFound('AGENCY_NOT_FOUND', `OPD ${agencyId} tidak ditemukan.`);
    return { id: row.agencyId, code: row.code, name: row.name, registeredAt: row.registeredAt.toISOString() };
  }

  /** Agencies by code or name (part of either, case-insensitive), paged, each with the number of people holding a post on the date. */
  async list(search: { q?: string; date: string; limit: number; offset: number }): Promise<AgencyListResponse> {
    const q = (search.q?.trim() ?? '').replace(/[\\%_]/g, (c) => `\\${c}`);
    const where = `($1 = '' OR a.code ILIKE '%' || $1 || '%' OR a.name ILIKE '%' || $1 || '%')`;
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM agency_view a WHERE ${where}`, [q]);
    const rows: { agency_id: string; code: string; name: string; registered_at: Date; employees: number }[] = await this.dataSource.query(
      `SELECT a.agency_id, a.code, a.name, a.registered_at,
              (SELECT count(DISTINCT i.nip)::int FROM assignment_interval i
                WHERE i.agency_id = a.agency_id AND i.from_date <= $2 AND (i.to_date IS NULL OR i.to_date >= $2)) AS employees
         FROM agency_view a WHERE ${where} ORDER BY a.code LIMIT $3 OFFSET $4`,
      [q, search.date, search.limit, search.offset],
    );
    return {
      total: count,
      limit: search.limit,
      offset: search.offset,
      items: rows.map((r) => ({ id: r.agency_id, code: r.code, name: r.name, registeredAt: r.registered_at.toISOString(), employees: r.employees })),
    };
  }
}
