import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReminderView } from './reminder-view.entity';
import { ReminderViewRow } from './reminder-view.projection';

export interface RemindersResponse {
  periodId: string;
  /** Newest first. */
  reminders: ReminderViewRow[];
}

@Injectable()
export class GetRemindersQuery {
  constructor(private readonly dataSource: DataSource) {}

  async run(periodId: string): Promise<RemindersResponse> {
    const rows = await this.dataSource.getRepository(ReminderView).find({ where: { periodId }, order: { requestedAt: 'DESC', reminderId: 'ASC' }, take: 200 });
    return {
      periodId,
      reminders: rows.map(({ reminderId, agencyId, periodId: p, stage, recipients, note, requestedBy, requestedAt, status, sentAt, channel }) => ({
        reminderId,
        agencyId,
        periodId: p,
        stage,
        recipients,
        note,
        requestedBy,
        requestedAt,
        status,
        sentAt,
        channel,
      })),
    };
  }
}
