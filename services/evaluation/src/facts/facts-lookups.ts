import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parsePeriod, periodOfEvaluationCode } from '@kinerja/contracts';
import { EvaluationPeriod } from '../periods/evaluation-calendar.events';
import { achievementOf, annualValueOf, directionOf, IndicatorPlan, targetFor } from './achievement.rules';
import { addDays, startOfLocalDay } from '../local-date';
import { CitizenRatings } from './citizen-ratings.rules';
import { ConsumedFacts, MentoringEvidence } from './evaluation-facts';

interface RealisationRow {
  period_id: string;
  iki_id: string;
  value: number | null;
  narrative: string | null;
  evidence_count: number;
  late: boolean;
  indicators: (IndicatorPlan & { rhkId: string })[] | null;
}

/** The period of the one vocabulary (`2026`, `2026-S1` ...) an agency's evaluation period names. */
export function factsPeriodOf(period: EvaluationPeriod): string {
  return periodOfEvaluationCode(Number(period.startDate.slice(0, 4)), period.code) ?? period.startDate.slice(0, 4);
}

/**
 * The facts other services published, as the consumer copied them (skp_copy, realisation_copy,
 * feedback_count, unit_ikm), looked up by the period of the one vocabulary (libs/contracts/src/period.ts)
 * that the agency's evaluation period names: `DINKES:2026:S1` reads the facts of `2026-S1`,
 * `DINKES:2026:ANNUAL` those of `2026`.
 */
@Injectable()
export class FactsLookups {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Consumed facts of an employee for a period. A periodic evaluation compares each realisation of
   * the period with the IKI's target for that period; the annual one takes the realisation recorded
   * for the year, else the periodic ones (achievement.rules.ts `annualValueOf`), against the annual target.
   */
  async consumedFacts(evaluationPeriod: EvaluationPeriod, employeeId: string, unitId: string | null, timeZone: string): Promise<ConsumedFacts> {
    const periodId = factsPeriodOf(evaluationPeriod);
    const period = parsePeriod(periodId)!;
    const annual = period.kind === 'ANNUAL';
    const year = String(period.year);
    const rows: RealisationRow[] = await this.dataSource.query(
      `SELECT r.period_id, r.iki_id, r.value, r.narrative, r.evidence_count, r.late, s.indicators
         FROM realisation_copy r LEFT JOIN skp_copy s ON s.skp_id = r.skp_id
        WHERE r.nip = $1 AND ${annual ? 'left(r.period_id, 4) = $2' : 'r.period_id = $2'}
        ORDER BY r.iki_id, r.period_id`,
      [employeeId, annual ? year : periodId],
    );
    const byIki = new Map<string, RealisationRow[]>();
    for (const r of rows) byIki.set(r.iki_id, [...(byIki.get(r.iki_id) ?? []), r]);
    const realisations: ConsumedFacts['realisations'] = [];
    for (const [ikiId, recorded] of byIki) {
      const plan = recorded[recorded.length - 1].indicators?.find((i) => i.ikiId === ikiId) ?? null;
      const own = recorded.filter((r) => r.period_id === periodId);
      const used = own.length > 0 ? own : recorded;
      const value = own.length > 0 ? own[0].value : plan && annual ? annualValueOf(plan, recorded.map((r) => ({ periodId: r.period_id, value: r.value }))) : null;
      const { target, basis } = plan ? targetFor(plan, period) : { target: null, basis: null };
      const direction = plan ? directionOf(plan) : null;
      realisations.push({
        ikiId,
        indicator: plan?.indicator ?? null,
        aspect: plan?.aspect ?? null,
        direction,
        periodId,
        target,
        targetBasis: basis,
        value,
        narrative: [...used].reverse().find((r) => r.narrative !== null)?.narrative ?? null,
        evidenceCount: used.reduce((n, r) => n + r.evidence_count, 0),
        late: used.some((r) => r.late),
        achievement: direction && target?.kind === 'QUANTITATIVE' ? achievementOf(direction, target.value, value) : null,
      });
    }
    const feedbackRows: { source: string; count: number }[] = await this.dataSource.query(
      `SELECT source, sum(count)::int AS count FROM feedback_count WHERE nip = $1 AND ${annual ? 'left(period_id, 4) = $2' : 'period_id = $2'} GROUP BY source`,
      [employeeId, annual ? year : periodId],
    );
    // The unit's IKM of the period; for the annual evaluation, the year's survey or else its last periodic one.
    const ikm: { ikm: string; grade: string; label: string; respondent_count: number; period_id: string }[] =
      unitId === null
        ? []
        : await this.dataSource.query(
            `SELECT ikm, grade, label, respondent_count, period_id FROM unit_ikm
              WHERE unit_id = $1 AND ${annual ? 'left(period_id, 4) = $2' : 'period_id = $2'}
              ORDER BY (period_id = $3) DESC, period_id DESC LIMIT 1`,
            [unitId, annual ? year : periodId, periodId],
          );
    return {
      periodId,
      realisations,
      feedback: Object.fromEntries(feedbackRows.map((f) => [f.source, f.count])),
      unitIkm: ikm[0] ? { ikm: ikm[0].ikm, grade: ikm[0].grade, label: ikm[0].label, respondentCount: ikm[0].respondent_count, periodId: ikm[0].period_id } : null,
      citizenRatings: await this.citizenRatings(evaluationPeriod, employeeId, timeZone),
      mentoring: await this.mentoring(evaluationPeriod, employeeId),
    };
  }

  /** Mentoring sessions the employee gave from the period's first to its last day (session dates are local dates). */
  private async mentoring(period: EvaluationPeriod, employeeId: string): Promise<MentoringEvidence> {
    const rows: { fact_id: string; mentee_nip: string; session_date: string; minutes: number; topic: string; core_values: string[] }[] = await this.dataSource.query(
      `SELECT fact_id, mentee_nip, session_date, minutes, topic, core_values FROM mentoring_evidence
        WHERE nip = $1 AND session_date >= $2 AND session_date <= $3 ORDER BY session_date, fact_id`,
      [employeeId, period.startDate, period.endDate],
    );
    const byCoreValue: Record<string, number> = {};
    for (const r of rows) for (const value of r.core_values) byCoreValue[value] = (byCoreValue[value] ?? 0) + 1;
    return {
      sessions: rows.length,
      minutes: rows.reduce((n, r) => n + r.minutes, 0),
      mentees: new Set(rows.map((r) => r.mentee_nip)).size,
      byCoreValue,
      items: rows.map((r) => ({ factId: r.fact_id, menteeNip: r.mentee_nip, date: r.session_date, minutes: r.minutes, topic: r.topic, coreValues: r.core_values })),
    };
  }

  /** Citizens' ratings naming the employee, received from the period's first to its last local day. */
  private async citizenRatings(period: EvaluationPeriod, employeeId: string, timeZone: string): Promise<CitizenRatings> {
    const rows: { rating: number; count: number }[] = await this.dataSource.query(
      `SELECT rating, count(*)::int AS count FROM citizen_rating WHERE nip = $1 AND received_at >= $2 AND received_at < $3 GROUP BY rating`,
      [employeeId, startOfLocalDay(period.startDate, timeZone), startOfLocalDay(addDays(period.endDate, 1), timeZone)],
    );
    const byRating = { '1': 0, '2': 0, '3': 0, '4': 0 };
    for (const r of rows) byRating[String(r.rating) as keyof typeof byRating] = r.count;
    const count = rows.reduce((n, r) => n + r.count, 0);
    const sum = rows.reduce((n, r) => n + r.rating * r.count, 0);
    return { count, meanRating: count === 0 ? null : Math.round((sum / count) * 100) / 100, byRating };
  }
}
