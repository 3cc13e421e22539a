import { Column, Entity, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { openObjectionWindowProjection, OpenObjectionWindowRow } from './open-objection-window.projection';

@Entity({ name: 'open_objection_window' })
export class OpenObjectionWindow implements OpenObjectionWindowRow {
  @PrimaryColumn({ name: 'evaluation_id', type: 'text' }) evaluationId!: string;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt!: Date;
}

export const openObjectionWindowReadModel = defineReadModel({ projection: openObjectionWindowProjection, entity: OpenObjectionWindow });
