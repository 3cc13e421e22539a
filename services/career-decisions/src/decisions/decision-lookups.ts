import { Inject, Injectable } from '@nestjs/common';
import { EventStore, readState } from '@kinerja/event-store';
import { applyRule, employeeFactsOf } from '../eligibility/eligibility.rules';
import { LocalDate } from '../local-date';
import { PerformanceRecordLookups } from '../performance-record/performance-record-lookups';
import { RuleSetLookups } from '../rule-sets/rule-set-lookups';
import { EVENT_STORE } from '../tokens';
import { basisFromImprovementCase, improvementCaseDecider, improvementCaseIdOf, improvementCaseStream } from '../under-performance/improvement-case.decider';
import { Basis, isEligibilityKind } from './decision.decider';
import { DecisionKind } from './decision.events';

/** What a decision rests on, looked up before ProposeDecision and ReEvaluateDecision (STYLE §4). */
@Injectable()
export class DecisionLookups {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly records: PerformanceRecordLookups,
    private readonly ruleSets: RuleSetLookups,
  ) {}

  /**
   * Recomputed from the event store: the eligibility of its kind on its effective date; for other
   * kinds (placements) the facts named at the proposal, with a replaced one swapped.
   */
  async basisFor(kind: DecisionKind, nip: string, effectiveDate: LocalDate, otherFactIds: readonly string[]): Promise<Basis> {
    const ruleSet = this.ruleSets.on(effectiveDate);
    if (!isEligibilityKind(kind)) return { eligible: true, unmet: [], factIds: [...otherFactIds], ruleSetVersion: ruleSet.version };
    return applyRule(kind, employeeFactsOf(nip, await this.records.record(nip)), effectiveDate, ruleSet);
  }

  /** The approved outcome of the employee's improvement case of `year`, for the placement decision carrying it out. */
  async basisFromImprovementCase(nip: string, year: number, kind: DecisionKind, positionId: string | null, effectiveDate: LocalDate): Promise<Basis> {
    const caseId = improvementCaseIdOf(nip, year);
    const state = await readState(this.store, improvementCaseStream(caseId), improvementCaseDecider);
    return basisFromImprovementCase(caseId, state, { kind, nip, positionId }, this.ruleSets.on(effectiveDate).version);
  }
}
