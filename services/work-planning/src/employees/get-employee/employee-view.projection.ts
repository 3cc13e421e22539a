import { Projection } from '@kinerja/domain';
import { EmployeeEvent } from '../employee.events';

/** What every view of an employee starts with. */
export interface EmployeeSummary {
  nip: string;
  name: string;
  status: string;
  agencyId: string;
  pangkat: string | null;
  golongan: string | null;
}

export type EmployeeViewRow = EmployeeSummary & {
  tmtGolongan: string | null;
  email: string | null;
  birthDate: string;
  gender: string;
  appointmentYear: number;
  appointmentMonth: number | null;
  registeredAt: Date;
};

export const employeeViewProjection: Projection<EmployeeViewRow, EmployeeEvent> = {
  name: 'work-planning.get-employee',
  handles: ['EmployeeRegistered', 'EmployeeUpdated'],
  keys: (event) => [event.data.nip],
  evolve(row, event) {
    switch (event.type) {
      case 'EmployeeRegistered': {
        const { registeredAt, registeredBy: _by, ...data } = event.data;
        return { ...data, tmtGolongan: data.tmtGolongan ?? null, email: data.email ?? null, registeredAt: new Date(registeredAt) };
      }
      case 'EmployeeUpdated': {
        if (!row) return row;
        const { name, status, agencyId, pangkat, golongan, tmtGolongan, email } = event.data;
        return { ...row, name, status, agencyId, pangkat, golongan, tmtGolongan: tmtGolongan ?? null, email: email === undefined ? row.email : email };
      }
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};
