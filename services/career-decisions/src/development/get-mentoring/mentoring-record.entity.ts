import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { mentoringRecordProjection, MentoringRecordRow, MentoringRelationView } from './mentoring-record.projection';

@Entity({ name: 'mentoring_record_view' })
export class MentoringRecordView implements MentoringRecordRow {
  @PrimaryColumn({ type: 'text' }) nip!: string;
  @Column({ type: 'jsonb' }) relations!: MentoringRelationView[];
}

export const mentoringRecordReadModel = defineReadModel({ projection: mentoringRecordProjection, entity: MentoringRecordView });
