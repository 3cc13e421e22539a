import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { PositionKind } from '../organisation.events';
import { positionProjection, PositionRow, unitProjection, UnitRow } from './org-tree.projection';

@Entity({ name: 'unit_view' })
@Index('unit_view_agency_idx', ['agencyId'])
export class UnitView implements UnitRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ name: 'parent_unit_id', type: 'text', nullable: true }) parentUnitId!: string | null;
}

@Entity({ name: 'position_view' })
@Index('position_view_agency_idx', ['agencyId'])
export class PositionView implements PositionRow {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'position_id', type: 'text' }) positionId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: PositionKind;
  @Column({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'established_on', type: 'date' }) establishedOn!: string;
}

export const unitReadModel = defineReadModel({ projection: unitProjection, entity: UnitView });
export const positionReadModel = defineReadModel({ projection: positionProjection, entity: PositionView });
