import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore, readState } from '@kinerja/event-store';
import { LocalDate } from '../../local-date';
import { RuleSet } from '../../rule-sets/rule-set';
import { EVENT_STORE } from '../../tokens';
import { JpProgress, jpProgress } from '../development.rules';
import { creditedSessions, GetMentoringRecordQuery } from '../get-mentoring/get-mentoring-record.query';
import { trainingLogDecider, trainingLogStream } from '../training-log.decider';

export interface AgencyDevelopmentResponse {
  agencyId: string;
  year: number;
  requiredJp: number;
  /** The agency as a whole: how many people, how many met the minimum, the JP recorded. */
  summary: { employees: number; met: number; short: number; totalJp: number; meanJp: number };
  /** `mentoringSessions`: credited mentoring sessions of the year, counted in `progress`. */
  employees: { nip: string; name: string; trainings: number; mentoringSessions: number; progress: JpProgress }[];
}

/**
 * 20 JP a year for every employee of an agency (names from the directory), shortest first. Each
 * training log is folded from its stream, as the one-employee endpoint does (no read model yet);
 * credited mentoring comes from the mentoring read model.
 */
@Injectable()
export class GetAgencyDevelopmentQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly mentoring: GetMentoringRecordQuery,
  ) {}

  async run(agencyId: string, year: number, today: LocalDate, ruleSet: RuleSet): Promise<AgencyDevelopmentResponse> {
    const people: { nip: string; name: string }[] = await this.dataSource.query(`SELECT nip, name FROM employee_directory WHERE agency_id = $1 ORDER BY name, nip`, [agencyId]);
    const employees = [];
    const mentoring = await this.mentoring.relations(people.map((p) => p.nip));
    for (const person of people) {
      const log = await readState(this.store, trainingLogStream(person.nip), trainingLogDecider);
      const sessions = creditedSessions(mentoring.get(person.nip) ?? [], year);
      employees.push({
        ...person,
        trainings: log.trainings.filter((t) => t.date.startsWith(`${year}-`)).length,
        mentoringSessions: sessions.length,
        progress: jpProgress([...log.trainings, ...sessions], year, today, ruleSet),
      });
    }
    employees.sort((a, b) => a.progress.minutes - b.progress.minutes || a.name.localeCompare(b.name));
    const totalJp = Math.round(employees.reduce((sum, e) => sum + e.progress.jp, 0) * 100) / 100;
    const met = employees.filter((e) => e.progress.met).length;
    return {
      agencyId,
      year,
      requiredJp: ruleSet.development.minJpPerYear,
      summary: { employees: employees.length, met, short: employees.length - met, totalJp, meanJp: employees.length ? Math.round((totalJp / employees.length) * 100) / 100 : 0 },
      employees,
    };
  }
}
