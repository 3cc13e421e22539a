import { DomainEvent } from '@kinerja/domain';
import { EmploymentStatus, Gender } from './nip.rules';

/** Stream of one employee, keyed by NIP. */
export const employeeStream = (nip: string) => `employee-${nip}`;

/** The employee's record as registered and as updated. */
export interface EmployeeRecordFields {
  nip: string;
  name: string;
  status: EmploymentStatus;
  agencyId: string;
  /** Derived from the golongan (`pangkatOf`); null for a PPPK. */
  pangkat: string | null;
  golongan: string | null;
  /** TMT golongan (YYYY-MM-DD); absent in events recorded before it was kept. */
  tmtGolongan?: string | null;
  /** Work e-mail for notifications; absent in events recorded before it was kept. */
  email?: string | null;
}

export type EmployeeRegistered = DomainEvent<
  'EmployeeRegistered',
  EmployeeRecordFields & {
    /** Read from the NIP. */
    birthDate: string;
    gender: Gender;
    appointmentYear: number;
    appointmentMonth: number | null;
    registeredAt: string;
    registeredBy: string;
  }
>;

/** Name, status, rank or agency changed (e.g. by an organisation import). */
export type EmployeeUpdated = DomainEvent<
  'EmployeeUpdated',
  EmployeeRecordFields & {
    updatedAt: string;
    updatedBy: string;
  }
>;

export type EmployeeEvent = EmployeeRegistered | EmployeeUpdated;
