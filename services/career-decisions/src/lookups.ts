import { Inject, Injectable } from '@nestjs/common';
import { Decider, DomainEvent, fold } from '@kinerja/domain';
import { EventStore, toDomainEvent } from '@kinerja/event-store';
import { Actor } from '@kinerja/platform';
import { Authority } from './command';
import { CareerConfig } from './config';
import { Basis, isEligibilityKind } from './decisions/decision.decider';
import { DecisionKind } from './decisions/decision.events';
import { applyRule, EmployeeFacts } from './eligibility/eligibility';
import { LocalDate, utcDateOf } from './local-date';
import { performanceRecordDecider, PerformanceRecordState, performanceRecordStream } from './performance-record/performance-record.decider';
import { RuleSet, ruleSetInForce } from './rule-sets/rule-set';
import { CAREER_CONFIG, EVENT_STORE } from './tokens';
import { basisFromImprovementCase, improvementCaseDecider, improvementCaseIdOf, improvementCaseStream } from './under-performance/improvement-case.decider';

/** PPK (or the delegate holding its role) approves in its agency; admin OPD proposes in theirs, BKPSDM everywhere. */
export function authorityOf(actor: Actor): Authority {
  const own = actor.agencyId ? [actor.agencyId] : [];
  switch (actor.role) {
    case 'PPK':
      return { approves: actor.agencyId ? own : 'ALL', proposes: [] };
    case 'ADMIN_OPD':
      return { approves: [], proposes: own };
    case 'ADMIN_CITY':
      return { approves: [], proposes: 'ALL' };
    default:
      return { approves: [], proposes: [] };
  }
}

export function employeeFactsOf(nip: string, state: Pick<PerformanceRecordState, 'byYear' | 'employment'> & { teladanByYear?: PerformanceRecordState['teladanByYear'] }): EmployeeFacts {
  return {
    nip,
    years: state.byYear,
    rankSince: state.employment?.rankSince ?? null,
    rankFactId: state.employment?.factId ?? null,
    isPppk: state.employment?.employmentKind === 'PPPK',
    pegawaiTeladanFactId: null,
    teladanByYear: state.teladanByYear ?? {},
  };
}

/** Everything the edge looks up before a decider (STYLE §4). */
@Injectable()
export class Lookups {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CAREER_CONFIG) private readonly config: CareerConfig,
  ) {}

  ruleSetOn(date: LocalDate): RuleSet {
    return ruleSetInForce(this.config.ruleSets, date);
  }

  ruleSetNow(now: Date): RuleSet {
    return this.ruleSetOn(utcDateOf(now));
  }

  async fold<E extends DomainEvent, S>(stream: string, decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>): Promise<S> {
    const recorded = await this.store.readStream(stream);
    return fold(decider, recorded.map(toDomainEvent) as E[]);
  }

  performanceRecord(nip: string): Promise<PerformanceRecordState> {
    return this.fold(performanceRecordStream(nip), performanceRecordDecider);
  }

  /**
   * What a decision rests on, recomputed from the event store: the eligibility of its kind on its
   * effective date; for other kinds (placements) the facts named at the proposal, with a replaced one swapped.
   */
  async basisFor(kind: DecisionKind, nip: string, effectiveDate: LocalDate, otherFactIds: readonly string[]): Promise<Basis> {
    const ruleSet = this.ruleSetOn(effectiveDate);
    if (!isEligibilityKind(kind)) return { eligible: true, unmet: [], factIds: [...otherFactIds], ruleSetVersion: ruleSet.version };
    const record = await this.performanceRecord(nip);
    return applyRule(kind, employeeFactsOf(nip, record), effectiveDate, ruleSet);
  }

  /** The approved outcome of the employee's improvement case of `year`, for the placement decision carrying it out. */
  async basisFromImprovementCase(nip: string, year: number, kind: DecisionKind, positionId: string | null, effectiveDate: LocalDate): Promise<Basis> {
    const caseId = improvementCaseIdOf(nip, year);
    const state = await this.fold(improvementCaseStream(caseId), improvementCaseDecider);
    return basisFromImprovementCase(caseId, state, { kind, nip, positionId }, this.ruleSetOn(effectiveDate).version);
  }
}
