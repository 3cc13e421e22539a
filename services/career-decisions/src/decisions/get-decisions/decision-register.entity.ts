import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { decisionRegisterProjection, DecisionRegisterRow } from './decision-register.projection';

@Entity({ name: 'decision_register' })
export class DecisionRegisterView implements DecisionRegisterRow {
  @PrimaryColumn({ name: 'decision_id', type: 'text' }) decisionId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) nip!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ type: 'text' }) status!: DecisionRegisterRow['status'];
  @Column({ name: 'effective_date', type: 'text' }) effectiveDate!: string;
  @Column({ name: 'fact_ids', type: 'jsonb' }) factIds!: string[];
  @Column({ type: 'integer' }) issue!: number;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'proposed_by', type: 'text' }) proposedBy!: string;
  @Column({ name: 'approved_by', type: 'text', nullable: true }) approvedBy!: string | null;
  @Column({ name: 'rejected_by', type: 'text', nullable: true }) rejectedBy!: string | null;
  @Column({ name: 'issued_by', type: 'text', nullable: true }) issuedBy!: string | null;
  @Column({ name: 'changed_fact_id', type: 'text', nullable: true }) changedFactId!: string | null;
  @Column({ name: 'updated_at', type: 'text' }) updatedAt!: string;
}

export const decisionRegisterReadModel = defineReadModel({ projection: decisionRegisterProjection, entity: DecisionRegisterView });
