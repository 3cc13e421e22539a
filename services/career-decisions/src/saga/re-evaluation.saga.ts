import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Checkpoint, EventStore, handle, RecordedEvent, Subscription, WrongExpectedRevisionError } from '@kinerja/event-store';
import { ProjectionRunner } from '@kinerja/projections';
import { Clock, CLOCK, LOGGER, Logger } from '@kinerja/platform';
import { decisionDecider, decisionStream, ReEvaluateDecision } from '../decisions/decision.decider';
import { DecisionKind } from '../decisions/decision.events';
import { Lookups } from '../lookups';
import { AnnualPredicateChanged } from '../performance-record/performance-record.events';
import { EVENT_STORE } from '../tokens';

const NAME = 're-evaluation';
const ACTOR = { id: 'system:re-evaluation', role: 'SYSTEM' };
const REASON = { OBJECTION: 'keberatan diputus', CORRECTION: 'koreksi predikat' } as const;

/**
 * When a predicate changes (AnnualPredicateChanged), every live decision resting on the previous
 * fact is re-evaluated on the new facts. Follows the event store from a stored checkpoint, so it
 * picks up where it stopped after a restart; the checkpoint is saved after the batch, and
 * `ReEvaluateDecision` does nothing once the fact was replaced, so a batch done again acts once.
 */
@Injectable()
export class ReEvaluationSaga {
  private subscription: Subscription | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly dataSource: DataSource,
    private readonly runner: ProjectionRunner,
    private readonly lookups: Lookups,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const rows: { position: string }[] = await this.dataSource.query(`SELECT position FROM saga_checkpoint WHERE name = $1`, [NAME]);
    const from = (rows[0]?.position ?? null) as Checkpoint | null;
    this.subscription = this.store.subscribe({ from, filter: { types: ['AnnualPredicateChanged'] } }, async (events, checkpoint) => {
      for (const event of events) await this.onChange(event);
      await this.dataSource.query(
        `INSERT INTO saga_checkpoint (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
        [NAME, checkpoint],
      );
    });
    this.subscription.done.catch((error) => this.logger.fatal({ err: error }, 're-evaluation saga stopped: decisions no longer follow their facts'));
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  private async onChange(recorded: RecordedEvent): Promise<void> {
    const change = { type: recorded.type, data: recorded.data } as AnnualPredicateChanged;
    await this.runner.waitFor(recorded.position, 30_000);
    const decisions: { decision_id: string; kind: DecisionKind; nip: string; effective_date: string; fact_ids: string[] }[] = await this.dataSource.query(
      `SELECT decision_id, kind, nip, effective_date, fact_ids FROM decision_register
        WHERE fact_ids @> $1::jsonb AND status IN ('PROPOSED', 'APPROVED', 'ISSUED')`,
      [JSON.stringify([change.data.previousFactId])],
    );
    for (const decision of decisions) {
      const others = decision.fact_ids.map((id) => (id === change.data.previousFactId ? change.data.factId : id));
      for (let attempt = 1; ; attempt++) {
        try {
          const basis = await this.lookups.basisFor(decision.kind, decision.nip, decision.effective_date, others);
          const command: ReEvaluateDecision = {
            type: 'ReEvaluateDecision',
            data: { decisionId: decision.decision_id, changedFactId: change.data.previousFactId, reason: `Predikat tahun ${change.data.year} berubah (${REASON[change.data.reason]})` },
            lookups: { basis },
            metadata: { now: this.clock.now(), actor: ACTOR },
          };
          await handle(this.store, decisionStream(decision.decision_id), decisionDecider, command, { actorId: ACTOR.id, causationId: recorded.id });
          break;
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError) || attempt >= 5) throw error;
        }
      }
    }
  }
}
