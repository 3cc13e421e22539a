import { Injectable } from '@nestjs/common';
import { PREDIKAT_PEGAWAI, PredikatPegawai } from '../rule-sets/rule-set';
import { GetUnitEvaluationQuery } from '../unit-evaluations/get-unit-evaluation/get-unit-evaluation.query';
import { GetEvaluationQuery } from './get-evaluation/get-evaluation.query';

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
  constructor(
    private readonly evaluations: GetEvaluationQuery,
    private readonly unitEvaluations: GetUnitEvaluationQuery,
  ) {}

  async run(year: number, code: string): Promise<CityDashboardResponse> {
    const [rows, units] = await Promise.all([this.evaluations.countsByAgency(year, code), this.unitEvaluations.finalizedByAgency(year, code)]);
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
