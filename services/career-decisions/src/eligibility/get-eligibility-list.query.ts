import { Injectable } from '@nestjs/common';
import { LocalDate } from '../local-date';
import { GetEmployeeRecordQuery } from '../performance-record/get-employee-record/get-employee-record.query';
import { RuleSetLookups } from '../rule-sets/rule-set-lookups';
import { Eligibility, EligibilityRule, eligibilityList, employeeFactsOf, PerformanceYears } from './eligibility.rules';

export interface EligibilityListResponse {
  agencyId: string;
  rule: EligibilityRule;
  asOf: LocalDate;
  ruleSetVersion: string;
  eligibleCount: number;
  employees: Eligibility[];
}

/** The eligibility list of an agency for a rule and date, computed from the performance-record read model. */
@Injectable()
export class GetEligibilityListQuery {
  constructor(
    private readonly records: GetEmployeeRecordQuery,
    private readonly ruleSets: RuleSetLookups,
  ) {}

  async run(agencyId: string, rule: EligibilityRule, asOf: LocalDate): Promise<EligibilityListResponse> {
    const ruleSet = this.ruleSets.on(asOf);
    const rows = await this.records.ofAgency(agencyId);
    const facts = rows.map((row) => employeeFactsOf(row.nip, { byYear: row.years as unknown as PerformanceYears, employment: row.employment, teladanByYear: row.teladan as unknown as Record<number, string> }));
    const employees = eligibilityList(rule, facts, asOf, ruleSet);
    return { agencyId, rule, asOf, ruleSetVersion: ruleSet.version, eligibleCount: employees.filter((e) => e.eligible).length, employees };
  }
}
