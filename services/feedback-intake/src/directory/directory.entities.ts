import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The organisation as feedback-intake needs it, kept from work-planning's public events and from
 * the directory admin endpoints. Reference data, not owned here: never the source of truth.
 */
@Entity({ name: 'directory_unit' })
export class DirectoryUnit {
  @PrimaryColumn({ name: 'unit_id', type: 'text' }) unitId!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ type: 'text' }) name!: string;
  /** Service counters (loket) of the unit; QR codes at the counters name them. */
  @Column({ name: 'counter_ids', type: 'jsonb' }) counterIds!: string[];
  /** What the unit serves (for the public directory), as its admin describes it. */
  @Column({ type: 'text', nullable: true }) services!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'directory_employee' })
export class DirectoryEmployee {
  @PrimaryColumn({ type: 'text' }) nip!: string;
  @Column({ name: 'agency_id', type: 'text' }) agencyId!: string;
  @Column({ name: 'unit_id', type: 'text', nullable: true }) unitId!: string | null;
  @Column({ name: 'pejabat_penilai_nip', type: 'text', nullable: true }) pejabatPenilaiNip!: string | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
