import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LocalDate } from '../../local-date';
import { RuleSet } from '../../rule-sets/rule-set';
import { MentoringRelationView } from './mentoring-record.projection';

export interface MentoringCredit {
  sessions: number;
  /** Minutes credited toward the yearly JP minimum (the rule set in force when each session was recorded). */
  minutes: number;
  jp: number;
}

export interface MentoringRecordResponse {
  nip: string;
  year: number;
  /** Relations whose period touches the year, with both people's names; sessions of the year only. */
  asMentee: (MentoringRelationView & { mentorName: string | null; menteeName: string | null })[];
  asMentor: (MentoringRelationView & { mentorName: string | null; menteeName: string | null })[];
  credit: MentoringCredit;
}

/** The year's credited sessions of one person, for the JP progress (training + mentoring). */
export function creditedSessions(relations: readonly MentoringRelationView[], year: number): { date: LocalDate; minutes: number }[] {
  return relations.flatMap((r) => r.sessions.filter((s) => s.date.startsWith(`${year}-`) && s.creditMinutes > 0).map((s) => ({ date: s.date, minutes: s.creditMinutes })));
}

export function creditOf(relations: readonly MentoringRelationView[], year: number, ruleSet: RuleSet): MentoringCredit {
  const sessions = creditedSessions(relations, year);
  const minutes = sessions.reduce((sum, s) => sum + s.minutes, 0);
  return { sessions: sessions.length, minutes, jp: Math.floor((minutes / ruleSet.development.minutesPerJp) * 100) / 100 };
}

/** A person's mentoring record (the `mentoring_record_view` read model), as mentee and as mentor. */
@Injectable()
export class GetMentoringRecordQuery {
  constructor(private readonly dataSource: DataSource) {}

  async relations(nips: readonly string[]): Promise<Map<string, MentoringRelationView[]>> {
    if (nips.length === 0) return new Map();
    const rows: { nip: string; relations: MentoringRelationView[] }[] = await this.dataSource.query(`SELECT nip, relations FROM mentoring_record_view WHERE nip = ANY($1)`, [nips]);
    return new Map(rows.map((r) => [r.nip, r.relations]));
  }

  async run(nip: string, year: number, ruleSet: RuleSet): Promise<MentoringRecordResponse> {
    const relations = ((await this.relations([nip])).get(nip) ?? []).filter((r) => r.startDate <= `${year}-12-31` && r.endDate >= `${year}-01-01`);
    const people = [...new Set(relations.flatMap((r) => [r.menteeNip, r.mentorNip]))];
    const names: { nip: string; name: string }[] = people.length ? await this.dataSource.query(`SELECT nip, name FROM employee_directory WHERE nip = ANY($1)`, [people]) : [];
    const nameOf = (n: string) => names.find((p) => p.nip === n)?.name ?? null;
    const shown = relations.map((r) => ({
      ...r,
      sessions: r.sessions.filter((s) => s.date.startsWith(`${year}-`)),
      mentorName: nameOf(r.mentorNip),
      menteeName: nameOf(r.menteeNip),
    }));
    return {
      nip,
      year,
      asMentee: shown.filter((r) => r.role === 'MENTEE'),
      asMentor: shown.filter((r) => r.role === 'MENTOR'),
      credit: creditOf(relations, year, ruleSet),
    };
  }
}
