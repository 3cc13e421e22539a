import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@kinerja/domain';
import { EventStore, handle, WrongExpectedRevisionError } from '@kinerja/event-store';
import { Clock, CLOCK, LOGGER, Logger } from '@kinerja/platform';
import { evaluationDecider, evaluationStream, FinalizePredicate } from '../evaluations/evaluation.decider';
import { GetOpenObjectionWindowsQuery, OpenWindowCursor } from '../evaluations/get-open-objection-windows/get-open-objection-windows.query';
import { EVENT_STORE } from '../tokens';

export const SCHEDULER_ACTOR = { id: 'system:objection-window-scheduler', role: 'SYSTEM' } as const;

/**
 * PP 30/2019 Pasal 59: with no objection the predicate becomes final when the window ends. Each tick
 * finalises the predicates whose window closed before the clock's now. Exactly once across restarts
 * and concurrent instances: the decider returns nothing for a final predicate, and two appends
 * racing on one stream leave one winner (the loser's WrongExpectedRevisionError is skipped).
 */
@Injectable()
export class ObjectionWindowScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly openWindows: GetOpenObjectionWindowsQuery,
  ) {}

  start(intervalMs: number): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** One pass; returns how many predicates it finalised. Overlapping calls share the pass in progress. */
  tick(): Promise<number> {
    if (!this.running) {
      this.running = this.finalizeDue()
        .catch((error) => {
          this.logger.error({ err: error }, 'objection-window scheduler pass failed');
          return 0;
        })
        .finally(() => (this.running = null));
    }
    return this.running;
  }

  private async finalizeDue(): Promise<number> {
    const now = this.clock.now();
    let finalized = 0;
    let after: OpenWindowCursor | null = null;
    for (;;) {
      const page = await this.openWindows.closedBefore(now, PAGE, after);
      const finalizeOne = async (evaluationId: string): Promise<void> => {
        const command: FinalizePredicate = { type: 'FinalizePredicate', data: { evaluationId }, metadata: { now, actor: SCHEDULER_ACTOR } };
        try {
          const { append } = await handle(this.store, evaluationStream(evaluationId), evaluationDecider, command, {
            actorId: SCHEDULER_ACTOR.id,
            actorRole: SCHEDULER_ACTOR.role,
            occurredAt: now.toISOString(),
            agencyId: evaluationId.split(':')[0],
          });
          if (append) finalized++;
        } catch (error) {
          // Another instance won the race, or an objection arrived after the read model was read.
          if (error instanceof WrongExpectedRevisionError || error instanceof DomainError) return;
          throw error;
        }
      };
      // Streams are independent: a few at a time keeps the pool busy without starving requests.
      for (let i = 0; i < page.length; i += PARALLEL) await Promise.all(page.slice(i, i + PARALLEL).map((w) => finalizeOne(w.evaluationId)));
      if (page.length < PAGE) return finalized;
      after = page[page.length - 1];
    }
  }
}

const PAGE = 200;
const PARALLEL = 4;
