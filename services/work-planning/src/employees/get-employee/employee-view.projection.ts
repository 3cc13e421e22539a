import { Projection } from '@kinerja/domain';
import { EmployeeEvent } from '../employee.events';

export interface EmployeeViewRow {
  nip: string;
  name: string;
  status: string;
  agencyId: string;
  pangkat: string | null;
  golongan: string | null;
  birthDate: string;
  gender: string;
  appointmentYear: number;
  appointmentMonth: number | null;
  registeredAt: Date;
}

export const employeeViewProjection: Projection<EmployeeViewRow, EmployeeEvent> = {
  name: 'work-planning.get-employee',
  handles: ['EmployeeRegistered'],
  keys: (event) => [event.data.nip],
  evolve(_row, event) {
    switch (event.type) {
      case 'EmployeeRegistered': {
        const { registeredAt, registeredBy: _by, ...data } = event.data;
        return { ...data, registeredAt: new Date(registeredAt) };
      }
      default: {
        const _exhaustive: never = event.type;
        return _exhaustive;
      }
    }
  },
};
