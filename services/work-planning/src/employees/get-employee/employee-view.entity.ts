import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { defineReadModel } from '@kinerja/projections';
import { employeeViewProjection, EmployeeViewRow } from './employee-view.projection';

@Entity({ name: 'employee_view' })
@Index('employee_view_agency_idx', ['agencyId'])
export class EmployeeView implements EmployeeViewRow {
  @PrimaryColumn({ type: 'text' })
  nip!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'agency_id', type: 'text' })
  agencyId!: string;

  @Column({ type: 'text', nullable: true })
  pangkat!: string | null;

  @Column({ type: 'text', nullable: true })
  golongan!: string | null;

  /** TMT golongan, 'YYYY-MM-DD'. */
  @Column({ name: 'tmt_golongan', type: 'date', nullable: true })
  tmtGolongan!: string | null;

  /** Work e-mail for notifications. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** ISO date; `date` columns come back as 'YYYY-MM-DD' strings. */
  @Column({ name: 'birth_date', type: 'date' })
  birthDate!: string;

  @Column({ type: 'text' })
  gender!: string;

  @Column({ name: 'appointment_year', type: 'integer' })
  appointmentYear!: number;

  @Column({ name: 'appointment_month', type: 'integer', nullable: true })
  appointmentMonth!: number | null;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}

export const employeeReadModel = defineReadModel({ projection: employeeViewProjection, entity: EmployeeView });
