import { project, Recorded } from '@kinerja/domain';
import { EmployeeRegistered } from '../employee.events';
import { employeeViewProjection } from './employee-view.projection';

const registered: Recorded<EmployeeRegistered> = {
  id: 'e1',
  stream: 'employee-199003152015031002',
  revision: 0,
  position: '1',
  metadata: {},
  recordedAt: new Date('2026-03-10T03:00:01Z'),
  type: 'EmployeeRegistered',
  data: {
    nip: '199003152015031002',
    name: 'Budi Santoso',
    status: 'PNS',
    agencyId: 'DINKES',
    pangkat: null,
    golongan: 'III/a',
    birthDate: '1990-03-15',
    gender: 'MALE',
    appointmentYear: 2015,
    appointmentMonth: 3,
    registeredAt: '2026-03-10T03:00:00.000Z',
    registeredBy: 'dinkes.admin',
  },
};

describe('employee view projection', () => {
  it('gives one row per NIP, the same when the events are replayed twice', () => {
    const once = project(employeeViewProjection, [registered]);
    const twice = project(employeeViewProjection, [registered, registered]);
    expect(twice).toEqual(once);
    expect(once.get('199003152015031002')).toEqual({
      nip: '199003152015031002',
      name: 'Budi Santoso',
      status: 'PNS',
      agencyId: 'DINKES',
      pangkat: null,
      golongan: 'III/a',
      tmtGolongan: null,
      email: null,
      birthDate: '1990-03-15',
      gender: 'MALE',
      appointmentYear: 2015,
      appointmentMonth: 3,
      registeredAt: new Date('2026-03-10T03:00:00.000Z'),
    });
  });
});
