import { Inject, Injectable } from '@nestjs/common';
import { Commands, DeadlineReactor, LOGGER, Logger } from '@kinerja/platform';
import { CareerConfig } from '../config';
import { CAREER_CONFIG } from '../tokens';
import { decisionDecider, decisionStream } from './decision.decider';
import { DecisionLookups } from './decision-lookups';
import { DecisionToReEvaluate, GetDecisionsToReEvaluateQuery } from './get-decisions/get-decisions-to-re-evaluate.query';

const REASON = { OBJECTION: 'keberatan diputus', CORRECTION: 'koreksi predikat' } as const;

/**
 * When a predicate changes (AnnualPredicateChanged), every live decision resting on the previous fact
 * is re-evaluated on the new facts (revoked, re-issued or its facts updated). Its work list is
 * `replaced_fact` joined with `decision_register`, due at once; exactly once (see DeadlineReactor):
 * `ReEvaluateDecision` does nothing once the fact was replaced.
 */
@Injectable()
export class ReEvaluationSaga extends DeadlineReactor<DecisionToReEvaluate> {
  constructor(
    commands: Commands,
    private readonly work: GetDecisionsToReEvaluateQuery,
    private readonly lookups: DecisionLookups,
    @Inject(LOGGER) logger: Logger,
    @Inject(CAREER_CONFIG) config: CareerConfig,
  ) {
    super({
      name: 're-evaluation-saga',
      actor: { id: 'system:re-evaluation', role: 'SYSTEM' },
      commands,
      logger,
      intervalMs: config.SAGA_INTERVAL_MS,
      enabled: config.SAGA_ENABLED,
    });
  }

  protected due(_now: Date, limit: number, after: DecisionToReEvaluate | null): Promise<DecisionToReEvaluate[]> {
    return this.work.page(limit, after);
  }

  protected async act(decision: DecisionToReEvaluate, now: Date): Promise<boolean> {
    const { change } = decision;
    const others = decision.factIds.map((id) => (id === change.previousFactId ? change.factId : id));
    const basis = await this.lookups.basisFor(decision.kind, decision.nip, decision.effectiveDate, others);
    const reason = `Predikat tahun ${change.year} berubah (${REASON[change.reason]})`;
    const command = { type: 'ReEvaluateDecision', data: { decisionId: decision.decisionId, changedFactId: change.previousFactId, reason }, lookups: { basis } } as const;
    return this.decide(decisionStream(decision.decisionId), decisionDecider, command, now, { causationId: change.changeEventId });
  }
}
