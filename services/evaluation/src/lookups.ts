import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Decider, DomainEvent, fold, notFound } from '@kinerja/domain';
import { EventStore, toDomainEvent } from '@kinerja/event-store';
import { Actor } from '@kinerja/platform';
import { AdminScope } from './command';
import { EvaluationConfig } from './config';
import { evaluationDecider, EvaluationState, evaluationStream } from './evaluations/evaluation.decider';
import { ConsumedFacts } from './facts/evaluation-facts';
import { EvaluationFacts } from './predicate';
import { localDateOf, LocalDate } from './local-date';
import { OrgChart } from './organisation/org-chart';
import { OrganisationDirectory } from './organisation/organisation.service';
import { parsePeriodId } from './period-id';
import { calendarId, calendarStream, evaluationCalendarDecider, EvaluationCalendarState } from './periods/evaluation-calendar.decider';
import { EvaluationPeriod } from './periods/evaluation-calendar.events';
import { RuleSet, ruleSetByVersion, ruleSetInForce } from './rule-sets/rule-set';
import { EVALUATION_CONFIG, EVENT_STORE } from './tokens';
import { unitEvaluationDecider, UnitEvaluationState, unitEvaluationStream } from './unit-evaluations/unit-evaluation.decider';

/** Agencies an actor administers: city admins (BKPSDM) all, an admin OPD their own. */
export function adminScopeOf(actor: Actor): AdminScope {
  if (actor.role === 'ADMIN_CITY') return 'ALL';
  if (actor.role === 'ADMIN_OPD' && actor.agencyId) return [actor.agencyId];
  return [];
}

/** Everything the edge looks up before a decider (STYLE §4), from the event store and the local copies. */
@Injectable()
export class Lookups {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVALUATION_CONFIG) private readonly config: EvaluationConfig,
    private readonly organisation: OrganisationDirectory,
    private readonly dataSource: DataSource,
  ) {}

  get timeZone(): string {
    return this.config.CITY_TIME_ZONE;
  }

  get ruleSets(): readonly RuleSet[] {
    return this.config.ruleSets;
  }

  async fold<E extends DomainEvent, S>(stream: string, decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>): Promise<S> {
    const recorded = await this.store.readStream(stream);
    return fold(decider, recorded.map(toDomainEvent) as E[]);
  }

  calendar(agencyId: string, year: number): Promise<EvaluationCalendarState> {
    return this.fold(calendarStream(calendarId(agencyId, year)), evaluationCalendarDecider);
  }

  async period(periodId: string): Promise<EvaluationPeriod> {
    const parsed = parsePeriodId(periodId);
    if (parsed) {
      const calendar = await this.calendar(parsed.agencyId, parsed.year);
      const period = calendar.status === 'SET_UP' ? calendar.periods.find((p) => p.periodId === periodId) : undefined;
      if (period) return period;
    }
    throw notFound('PERIOD_NOT_FOUND', `Periode penilaian ${periodId} tidak ditemukan`);
  }

  agencyOf(period: EvaluationPeriod): string {
    return parsePeriodId(period.periodId)!.agencyId;
  }

  /** The organisation that counts for a period: as it is today while the period runs, as it was on its last day after. */
  asOfDate(period: EvaluationPeriod, now: Date): LocalDate {
    const today = localDateOf(now, this.timeZone);
    if (today < period.startDate) return period.startDate;
    return today > period.endDate ? period.endDate : today;
  }

  chart(period: EvaluationPeriod, now: Date): Promise<OrgChart> {
    return this.organisation.chartOf(this.agencyOf(period), this.asOfDate(period, now));
  }

  ruleSetFor(period: EvaluationPeriod): RuleSet {
    return ruleSetInForce(this.ruleSets, period.endDate);
  }

  ruleSetVersion(version: string): RuleSet {
    return ruleSetByVersion(this.ruleSets, version);
  }

  evaluation(evaluationId: string): Promise<EvaluationState> {
    return this.fold(evaluationStream(evaluationId), evaluationDecider);
  }

  unitEvaluation(unitEvaluationId: string): Promise<UnitEvaluationState> {
    return this.fold(unitEvaluationStream(unitEvaluationId), unitEvaluationDecider);
  }

  async facts(periodId: string, employeeId: string): Promise<EvaluationFacts | null> {
    const rows: { facts: EvaluationFacts }[] = await this.dataSource.query(
      'SELECT facts FROM evaluation_facts WHERE period_id = $1 AND employee_id = $2',
      [periodId, employeeId],
    );
    return rows[0]?.facts ?? null;
  }

  async saveFacts(periodId: string, employeeId: string, facts: EvaluationFacts): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO evaluation_facts (period_id, employee_id, facts) VALUES ($1, $2, $3)
       ON CONFLICT (period_id, employee_id) DO UPDATE SET facts = EXCLUDED.facts, updated_at = now()`,
      [periodId, employeeId, JSON.stringify(facts)],
    );
  }

  /**
   * Consumed facts of an employee for a period. Realisations carry the evaluation period id; the
   * annual evaluation adds up the year's realisations per indicator (targets are for the year).
   */
  async consumedFacts(period: EvaluationPeriod, employeeId: string, unitId: string | null): Promise<ConsumedFacts> {
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
    };
  }
}

interface ConsumedIndicator {
  ikiId: string;
  indicator: string;
  target: ConsumedFacts['realisations'][number]['target'];
}
