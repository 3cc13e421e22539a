import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { reminderViewProjection, ReminderViewRow } from './reminder-view.projection';

@Entity({ name: 'reminder_view' })
@Index('reminder_view_period_idx', ['periodId'])
export class ReminderView implements ReminderViewRow {
  @PrimaryColumn({ name: 'reminder_id', type: 'text' }) reminderId!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'period_id', type: 'text' }) periodId!: string;
  @Column({ type: 'text' }) stage!: string;
  @Column({ type: 'jsonb' }) recipients!: string[];
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy!: string;
  @Column({ name: 'requested_at', type: 'text' }) requestedAt!: string;
  @Column({ type: 'text' }) status!: 'PENDING' | 'SENT';
  @Column({ name: 'sent_at', type: 'text', nullable: true }) sentAt!: string | null;
  @Column({ type: 'text', nullable: true }) channel!: string | null;
}

export const reminderReadModel = defineReadModel({ projection: reminderViewProjection, entity: ReminderView });
