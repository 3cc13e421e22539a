import { DataSource, LessThanOrEqual } from 'typeorm';
import { DomainError } from '@kinerja/domain';
import { EventStore, handle, WrongExpectedRevisionError } from '@kinerja/event-store';
import { Clock } from '@kinerja/platform';
import { complaintDecider, MarkSlaBreached } from './complaint.decider';
import { complaintStreamId } from './complaint.events';
import { DueComplaintView } from './get-due-complaints/due-complaint.entity';

const SLA_SCHEDULER_ACTOR = { id: 'feedback-intake.sla-scheduler', role: 'SYSTEM' };

export interface SlaSchedulerOptions {
  store: EventStore;
  dataSource: DataSource;
  clock: Clock;
  intervalMs: number;
  batchSize?: number;
  logger?: { warn(details: object, message: string): void; info(details: object, message: string): void };
}

/**
 * Records `ComplaintSlaBreached` for open complaints whose deadline has passed. Its work list is the
 * `due_complaint` read model. Exactly once, even across restarts and with several schedulers: the
 * decider's MarkSlaBreached emits nothing once the breach is recorded, and the append expects the
 * revision it read, so a concurrent scheduler's copy is refused by the store.
 */
export class SlaScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(private readonly options: SlaSchedulerOptions) {}

  /** One pass; returns how many breaches it recorded. */
  async runOnce(): Promise<number> {
    const now = this.options.clock.now();
    const due = await this.options.dataSource.getRepository(DueComplaintView).find({
      where: { dueAt: LessThanOrEqual(now) },
      order: { dueAt: 'ASC' },
      take: this.options.batchSize ?? 500,
    });
    let recorded = 0;
    for (const { complaintId } of due) {
      const command: MarkSlaBreached = { type: 'MarkSlaBreached', data: { complaintId }, metadata: { now, actor: SLA_SCHEDULER_ACTOR } };
      try {
        const result = await handle(this.options.store, complaintStreamId(complaintId), complaintDecider, command, {
          actorId: SLA_SCHEDULER_ACTOR.id,
          actorRole: SLA_SCHEDULER_ACTOR.role,
          occurredAt: now.toISOString(),
        });
        if (result.append) recorded++;
      } catch (error) {
        // Another writer moved the stream first, or the read model is behind a reopening: next pass.
        if (error instanceof WrongExpectedRevisionError || error instanceof DomainError) continue;
        throw error;
      }
    }
    if (recorded > 0) this.options.logger?.info({ recorded }, 'SLA breaches recorded');
    return recorded;
  }

  start(): void {
    this.stopped = false;
    const tick = () => {
      this.running = this.runOnce()
        .catch((error) => this.options.logger?.warn({ err: error }, 'SLA scheduler pass failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, Math.min(this.options.intervalMs, 1_000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
