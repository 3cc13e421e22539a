import { Inject, Injectable } from '@nestjs/common';
import { Commands, DeadlineReactor, LOGGER, Logger } from '@kinerja/platform';
import { EvaluationConfig } from '../config';
import { EVALUATION_CONFIG } from '../tokens';
import { evaluationDecider, evaluationStream } from './evaluation.decider';
import { GetOpenObjectionWindowsQuery, OpenWindowCursor } from './get-open-objection-windows/get-open-objection-windows.query';

/**
 * PP 30/2019 Pasal 59: with no objection the predicate becomes final when the window ends. Each pass
 * finalises the predicates whose window closed before the clock's now; exactly once (see
 * DeadlineReactor): the decider returns nothing for a final predicate.
 */
@Injectable()
export class ObjectionWindowScheduler extends DeadlineReactor<OpenWindowCursor> {
  constructor(
    commands: Commands,
    private readonly openWindows: GetOpenObjectionWindowsQuery,
    @Inject(LOGGER) logger: Logger,
    @Inject(EVALUATION_CONFIG) config: EvaluationConfig,
  ) {
    super({
      name: 'objection-window-scheduler',
      actor: { id: 'system:objection-window-scheduler', role: 'SYSTEM' },
      commands,
      logger,
      intervalMs: config.SCHEDULER_INTERVAL_MS,
      enabled: config.SCHEDULER_ENABLED,
    });
  }

  protected due(now: Date, limit: number, after: OpenWindowCursor | null): Promise<OpenWindowCursor[]> {
    return this.openWindows.closedBefore(now, limit, after);
  }

  protected act({ evaluationId }: OpenWindowCursor, now: Date): Promise<boolean> {
    const command = { type: 'FinalizePredicate', data: { evaluationId } } as const;
    return this.decide(evaluationStream(evaluationId), evaluationDecider, command, now, { agencyId: evaluationId.split(':')[0] });
  }
}
