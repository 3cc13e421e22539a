import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
  employees: (Eligibility & { name: string | null })[];
}

/** The eligibility list of an agency for a rule and date, computed from the performance-record read model. */
@Injectable()
export class GetEligibilityListQuery {
  constructor(
    private readonly records: GetEmployeeRecordQuery,
    private readonly ruleSets: RuleSetLookups,
    private readonly dataSource: DataSource,
  ) {}

  async run(agencyId: string, rule: EligibilityRule, asOf: LocalDate): Promise<EligibilityListResponse> {
    const ruleSet = this.ruleSets.on(asOf);
    const rows = await this.records.ofAgency(agencyId);
    const facts = rows.map((row) => employeeFactsOf(row.nip, { byYear: row.years as unknown as PerformanceYears, employment: row.employment, teladanByYear: row.teladan as unknown as Record<number, string> }));
    const names: { nip: string; name: string }[] = rows.length ? await this.dataSource.query(`SELECT nip, name FROM employee_directory WHERE nip = ANY($1)`, [rows.map((r) => r.nip)]) : [];
    const nameOf = new Map(names.map((n) => [n.nip, n.name]));
    const employees = eligibilityList(rule, facts, asOf, ruleSet).map((e) => ({ ...e, name: nameOf.get(e.nip) ?? null }));
    return { agencyId, rule, asOf, ruleSetVersion: ruleSet.version, eligibleCount: employees.filter((e) => e.eligible).length, employees };
  }
}
