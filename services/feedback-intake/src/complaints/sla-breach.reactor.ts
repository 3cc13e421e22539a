import { Inject, Injectable } from '@nestjs/common';
import { Commands, DeadlineReactor, LOGGER, Logger } from '@kinerja/platform';
import { FeedbackIntakeConfig } from '../config';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { complaintDecider } from './complaint.decider';
import { complaintStreamId } from './complaint.events';
import { DueComplaint, GetDueComplaintsQuery } from './get-due-complaints/get-due-complaints.query';

/**
 * Records `ComplaintSlaBreached` for open complaints whose deadline has passed; its work list is the
 * `due_complaint` read model. Exactly once (see DeadlineReactor): MarkSlaBreached emits nothing once
 * the breach is recorded.
 */
@Injectable()
export class SlaScheduler extends DeadlineReactor<DueComplaint> {
  constructor(
    commands: Commands,
    private readonly dueComplaints: GetDueComplaintsQuery,
    @Inject(LOGGER) logger: Logger,
    @Inject(FEEDBACK_INTAKE_CONFIG) config: FeedbackIntakeConfig,
  ) {
    super({
      name: 'sla-scheduler',
      actor: { id: 'feedback-intake.sla-scheduler', role: 'SYSTEM' },
      commands,
      logger,
      intervalMs: config.SLA_SCHEDULER_INTERVAL_MS,
      enabled: config.SLA_SCHEDULER_ENABLED,
      pageSize: 500,
    });
  }

  protected due(now: Date, limit: number, after: DueComplaint | null): Promise<DueComplaint[]> {
    return this.dueComplaints.page(now, limit, after);
  }

  protected act({ complaintId }: DueComplaint, now: Date): Promise<boolean> {
    return this.decide(complaintStreamId(complaintId), complaintDecider, { type: 'MarkSlaBreached', data: { complaintId } }, now);
  }
}
