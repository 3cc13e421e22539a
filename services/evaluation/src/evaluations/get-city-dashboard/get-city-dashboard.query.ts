import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PREDIKAT_PEGAWAI, PredikatPegawai } from '../../rule-sets/rule-set';

export interface CityDashboardResponse {
  year: number;
  code: string;
  agencies: {
    agencyId: string;
    evaluated: number;
    finalized: number;
    objectionsPending: number;
    late: number;
    counts: Record<PredikatPegawai, number>;
    unitsFinalized: number;
  }[];
}

/** The city's view of one period across agencies (BKPSDM): how far each agency is and its predicate distribution. */
@Injectable()
export class GetCityDashboardQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(year: number, code: string): Promise<CityDashboardResponse> {
    const suffix = `:${year}:${code}`;
    const rows: { agency_id: string; status: string; predicate: string; late: boolean; n: number }[] = await this.dataSource.query(
      `SELECT agency_id, status, predicate, late, count(*)::int AS n FROM evaluation_view
       WHERE year = $1 AND right(period_id, length($2)) = $2 GROUP BY agency_id, status, predicate, late`,
      [year, suffix],
    );
    const units: { agency_id: string; n: number }[] = await this.dataSource.query(
      `SELECT agency_id, count(*)::int AS n FROM unit_evaluation_view WHERE finalized AND right(period_id, length($1)) = $1 GROUP BY agency_id`,
      [suffix],
    );
    const agencies = new Map<string, CityDashboardResponse['agencies'][number]>();
    const agency = (agencyId: string) => {
      let a = agencies.get(agencyId);
      if (!a) {
        a = {
          agencyId,
          evaluated: 0,
          finalized: 0,
          objectionsPending: 0,
          late: 0,
          counts: Object.fromEntries(PREDIKAT_PEGAWAI.map((p) => [p, 0])) as Record<PredikatPegawai, number>,
          unitsFinalized: 0,
        };
        agencies.set(agencyId, a);
      }
      return a;
    };
    for (const r of rows) {
      if (r.predicate === '') continue;
      const a = agency(r.agency_id);
      a.evaluated += r.n;
      if (r.status === 'FINALIZED') a.finalized += r.n;
      if (r.status === 'OBJECTED') a.objectionsPending += r.n;
      if (r.late) a.late += r.n;
      a.counts[r.predicate as PredikatPegawai] += r.n;
    }
    for (const u of units) agency(u.agency_id).unitsFinalized = u.n;
    return { year, code, agencies: [...agencies.values()].sort((a, b) => (a.agencyId < b.agencyId ? -1 : 1)) };
  }
}
