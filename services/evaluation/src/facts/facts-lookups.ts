import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EvaluationPeriod } from '../periods/evaluation-calendar.events';
import { addDays, startOfLocalDay } from '../local-date';
import { CitizenRatings } from './citizen-ratings.rules';
import { ConsumedFacts } from './evaluation-facts';

/** The facts other services published, as the consumer copied them (skp_copy, realisation_copy, feedback_count, unit_ikm). */
@Injectable()
export class FactsLookups {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Consumed facts of an employee for a period. Realisations carry the evaluation period id; the
   * annual evaluation adds up the year's realisations per indicator (targets are for the year).
   */
  async consumedFacts(period: EvaluationPeriod, employeeId: string, unitId: string | null, timeZone: string): Promise<ConsumedFacts> {
    const annual = period.kind === 'ANNUAL';
    const yearPrefix = period.periodId.replace(/ANNUAL$/, '');
    const rows: { iki_id: string; skp_id: string; value: number | null; narrative: string | null; evidence_count: number; late: boolean; indicators: ConsumedIndicator[] | null }[] =
      await this.dataSource.query(
        `SELECT r.iki_id, r.skp_id, r.value, r.narrative, r.evidence_count, r.late, s.indicators
         FROM realisation_copy r LEFT JOIN skp_copy s ON s.skp_id = r.skp_id
         WHERE r.nip = $1 AND ${annual ? 'left(r.period_id, length($2)) = $2' : 'r.period_id = $2'}
         ORDER BY r.iki_id, r.period_id`,
        [employeeId, annual ? yearPrefix : period.periodId],
      );
    const byIki = new Map<string, ConsumedFacts['realisations'][number]>();
    for (const r of rows) {
      const indicator = r.indicators?.find((i) => i.ikiId === r.iki_id) ?? null;
      const previous = byIki.get(r.iki_id);
      const value = r.value === null ? (previous?.value ?? null) : (previous?.value ?? 0) + r.value;
      const target = indicator?.target ?? null;
      byIki.set(r.iki_id, {
        ikiId: r.iki_id,
        indicator: indicator?.indicator ?? null,
        target,
        value,
        narrative: r.narrative ?? previous?.narrative ?? null,
        evidenceCount: (previous?.evidenceCount ?? 0) + r.evidence_count,
        late: (previous?.late ?? false) || r.late,
        achievement: value !== null && target?.kind === 'QUANTITATIVE' && typeof target.value === 'number' && target.value > 0 ? Math.round((value / target.value) * 10_000) / 10_000 : null,
      });
    }
    const feedbackRows: { source: string; count: number }[] = await this.dataSource.query(
      `SELECT source, sum(count)::int AS count FROM feedback_count WHERE nip = $1 AND ${annual ? 'left(period_id, length($2)) = $2' : 'period_id = $2'} GROUP BY source`,
      [employeeId, annual ? yearPrefix : period.periodId],
    );
    const ikm: { ikm: string; grade: string; label: string; respondent_count: number }[] =
      unitId === null ? [] : await this.dataSource.query('SELECT ikm, grade, label, respondent_count FROM unit_ikm WHERE unit_id = $1 AND period_id = $2', [unitId, period.periodId]);
    return {
      realisations: [...byIki.values()],
      feedback: Object.fromEntries(feedbackRows.map((f) => [f.source, f.count])),
      unitIkm: ikm[0] ? { ikm: ikm[0].ikm, grade: ikm[0].grade, label: ikm[0].label, respondentCount: ikm[0].respondent_count } : null,
      citizenRatings: await this.citizenRatings(period, employeeId, timeZone),
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

interface ConsumedIndicator {
  ikiId: string;
  indicator: string;
  target: ConsumedFacts['realisations'][number]['target'];
}
