import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore, readState } from '@kinerja/event-store';
import { EmployeeRecordView } from '../../performance-record/get-employee-record/employee-record.entity';
import { AnnualPredicate } from '../../performance-record/performance-record.events';
import { RuleSet } from '../../rule-sets/rule-set';
import { EVENT_STORE } from '../../tokens';
import { improvementCaseDecider, improvementCaseIdOf, improvementCaseStream, ImprovementCaseState, pendingStep } from '../improvement-case.decider';

export interface AgencyImprovementCase {
  caseId: string;
  nip: string;
  name: string | null;
  year: number;
  /** The Kurang / Sangat Kurang predicate that calls for the case, and its fact. */
  predicate: AnnualPredicate['predicate'];
  factId: string;
  final: boolean;
  /** NONE until HR proposes the plan. */
  case: ImprovementCaseState;
  pendingStep: string | null;
}

/**
 * Every employee of the agency with a predicate that calls for an improvement case (PP 30/2019
 * Pasal 56–58), with the case as it stands, or none yet; newest year first. The cases are folded
 * from their streams, as the one-case endpoint does.
 */
@Injectable()
export class GetAgencyCasesQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(agencyId: string, ruleSet: RuleSet): Promise<{ agencyId: string; improvementWindowMonths: number; cases: AgencyImprovementCase[] }> {
    const triggers: readonly string[] = ruleSet.underPerformance.triggerPredicates;
    const records = await this.dataSource.getRepository(EmployeeRecordView).find({ where: { agencyId }, order: { nip: 'ASC' } });
    const calledFor = records.flatMap((r) =>
      Object.values(r.years as Record<string, AnnualPredicate>)
        .filter((y) => triggers.includes(y.predicate))
        .map((y) => ({ nip: r.nip, year: y.year, predicate: y.predicate, factId: y.factId, final: y.final !== false })),
    );
    const names: { nip: string; name: string }[] = calledFor.length ? await this.dataSource.query(`SELECT nip, name FROM employee_directory WHERE nip = ANY($1)`, [calledFor.map((c) => c.nip)]) : [];
    const nameOf = new Map(names.map((n) => [n.nip, n.name]));
    const cases: AgencyImprovementCase[] = [];
    for (const c of calledFor) {
      const caseId = improvementCaseIdOf(c.nip, c.year);
      const state = await readState(this.store, improvementCaseStream(caseId), improvementCaseDecider);
      cases.push({ caseId, ...c, name: nameOf.get(c.nip) ?? null, case: state, pendingStep: pendingStep(state) });
    }
    cases.sort((a, b) => b.year - a.year || a.nip.localeCompare(b.nip));
    return { agencyId, improvementWindowMonths: ruleSet.underPerformance.improvementWindowMonths, cases };
  }
}
