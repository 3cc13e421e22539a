import { Inject, Injectable } from '@nestjs/common';
import { EventStore, readState } from '@kinerja/event-store';
import { ConsumedFacts, suggestionFacts } from '../facts/evaluation-facts';
import { FactsLookups } from '../facts/facts-lookups';
import { PeriodLookups } from '../periods/period-lookups';
import { EVENT_STORE } from '../tokens';
import { unitEvaluationDecider, unitEvaluationIdOf, unitEvaluationStream, UnitEvaluationState } from '../unit-evaluations/unit-evaluation.decider';
import { evaluationDecider, evaluationIdOf, EvaluationState, evaluationStream, SubmitEvaluation } from './evaluation.decider';
import { GetRecordedFactsQuery } from './get-recorded-facts/get-recorded-facts.query';

export type SubmissionLookups = SubmitEvaluation['lookups'] & { atasanPejabatPenilaiId: string | null; consumed: ConsumedFacts };

/** What the evaluation commands look up before deciding (STYLE §4). */
@Injectable()
export class EvaluationLookups {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly periods: PeriodLookups,
    private readonly facts: FactsLookups,
    private readonly recordedFacts: GetRecordedFactsQuery,
  ) {}

  evaluation(evaluationId: string): Promise<EvaluationState> {
    return readState(this.store, evaluationStream(evaluationId), evaluationDecider);
  }

  private unitEvaluation(periodId: string, unitId: string): Promise<UnitEvaluationState> {
    return readState(this.store, unitEvaluationStream(unitEvaluationIdOf(periodId, unitId)), unitEvaluationDecider);
  }

  /** Of SubmitEvaluation: the employee's unit, pejabat penilai and led unit in the period, facts, rule set. */
  async submission(periodId: string, employeeId: string, now: Date): Promise<SubmissionLookups> {
    const period = await this.periods.period(periodId);
    const chart = await this.periods.chart(period, now);
    const chain = chart.chainOf(employeeId);
    const unitId = chain.unitId ?? '';
    const ledUnitId = chart.unitLedBy(employeeId);
    let ledUnit: SubmitEvaluation['lookups']['ledUnit'] = null;
    if (ledUnitId !== null) ledUnit = { unitId: ledUnitId, organisationPredicate: (await this.unitEvaluation(periodId, ledUnitId)).organisationPredicate };
    const unitFinalized = unitId !== '' && (await this.unitEvaluation(periodId, unitId)).status === 'FINALIZED';
    const ruleSet = this.periods.ruleSetFor(period);
    const consumed = await this.facts.consumedFacts(period, employeeId, chain.unitId, this.periods.timeZone);
    return {
      employeeId,
      unitId,
      period,
      pejabatPenilaiId: chain.pejabatPenilaiId,
      atasanPejabatPenilaiId: chain.atasanPejabatPenilaiId,
      ledUnit,
      facts: suggestionFacts(await this.recordedFacts.of(evaluationIdOf(periodId, employeeId)), consumed, ruleSet),
      consumed,
      unitFinalized,
      ruleSet,
      timeZone: this.periods.timeZone,
    };
  }

  /** Of FileObjection: the atasan pejabat penilai of the evaluated period. */
  async atasanPejabatPenilai(state: EvaluationState, now: Date): Promise<string | null> {
    if (state.status === 'NOT_SUBMITTED') return null;
    const period = await this.periods.period(state.result.periodId);
    return (await this.periods.chart(period, now)).chainOf(state.result.employeeId).atasanPejabatPenilaiId;
  }
}
