import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PerformanceYears } from '../../eligibility/eligibility.rules';
import { LocalDate } from '../../local-date';
import { RuleSetLookups } from '../../rule-sets/rule-set-lookups';
import { EmployeeRecordView } from '../../performance-record/get-employee-record/employee-record.entity';
import { TalentMap, talentMap } from '../nine-box.rules';
import { TalentFactsView } from './talent-facts.entity';

/** The 9-box of an agency: employees with assessment results, their last two years' predicates, names from the directory. */
@Injectable()
export class GetTalentMapQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ruleSets: RuleSetLookups,
  ) {}

  async run(agencyId: string, asOf: LocalDate): Promise<TalentMap> {
    const talent = await this.dataSource.getRepository(TalentFactsView).find({ where: { agencyId } });
    const nips = talent.map((t) => t.nip);
    const records = nips.length === 0 ? [] : await this.dataSource.getRepository(EmployeeRecordView).find({ where: { nip: In(nips) } });
    const names: { nip: string; name: string }[] = nips.length === 0 ? [] : await this.dataSource.query(`SELECT nip, name FROM employee_directory WHERE nip = ANY($1)`, [nips]);
    const recordOf = new Map(records.map((r) => [r.nip, r]));
    const nameOf = new Map(names.map((n) => [n.nip, n.name]));
    const employees = talent.map((t) => ({
      nip: t.nip,
      name: nameOf.get(t.nip) ?? t.nip,
      years: (recordOf.get(t.nip)?.years ?? {}) as unknown as PerformanceYears,
      assessment: t.assessment === null ? null : { score: t.assessment.score, factId: t.assessment.factId },
      penalties: t.penalties,
    }));
    return talentMap(employees, agencyId, asOf, this.ruleSets.on(asOf));
  }
}
