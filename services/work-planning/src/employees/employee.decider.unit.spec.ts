import { CommandActor } from '@kinerja/domain';
import { deciderSpec } from '@kinerja/testing';
import { EmployeeCommand, employeeDecider, RegisterEmployee } from './employee.decider';
import { EmployeeRegistered } from './employee.events';

const { given } = deciderSpec(employeeDecider);

const now = new Date('2026-01-05T02:00:00Z');
const cityAdmin: CommandActor = { id: 'bkpsdm.admin', role: 'ADMIN_CITY' };
const dinkesAdmin: CommandActor = { id: '198001012005011001', role: 'ADMIN_OPD', agencyId: 'DINKES' };

function register(data: Partial<RegisterEmployee['data']> = {}, actor: CommandActor = cityAdmin, agencyRegistered = true): EmployeeCommand {
  return {
    type: 'RegisterEmployee',
    data: { nip: '199003152015031002', name: 'Budi Santoso', status: 'PNS', agencyId: 'DINKES', ...data },
    lookups: { agencyRegistered },
    metadata: { now, actor },
  };
}

const registered: EmployeeRegistered = {
  type: 'EmployeeRegistered',
  data: {
    nip: '199003152015031002',
    name: 'Budi Santoso',
    status: 'PNS',
    agencyId: 'DINKES',
    pangkat: 'Penata Muda',
    golongan: 'III/a',
    tmtGolongan: '2015-03-01',
    birthDate: '1990-03-15',
    gender: 'MALE',
    appointmentYear: 2015,
    appointmentMonth: 3,
    registeredAt: now.toISOString(),
    registeredBy: 'bkpsdm.admin',
  },
};

describe('employee decider', () => {
  describe('given no employee with that NIP', () => {
    it('registers a PNS with what the NIP tells, at the command time, the pangkat following from the golongan', () => {
      expect(given().when(register({ golongan: 'III/a', tmtGolongan: '2015-03-01' })).events()).toEqual([registered]);
    });

    it('gives a PPPK no pangkat', () => {
      const [event] = given().when(register({ nip: '198807122021212003', status: 'PPPK', golongan: 'IX', tmtGolongan: '2021-12-01' })).events();
      expect(event.data).toMatchObject({ golongan: 'IX', pangkat: null, tmtGolongan: '2021-12-01' });
    });

    it.each([
      ['a TMT that is no date', { golongan: 'III/a', tmtGolongan: '2015-02-30' }, 'DATE_INVALID', 'tmtGolongan'],
      ['a TMT without a golongan', { tmtGolongan: '2015-03-01' }, 'GOLONGAN_REQUIRED', 'golongan'],
    ])('refuses %s, naming the field', (_label, data, code, field) => {
      const error = given().when(register(data)).error();
      expect([error.kind, error.code, error.field]).toEqual(['invalid', code, field]);
    });

    it('lets the admin of that agency register', () => {
      const [event] = given().when(register({}, dinkesAdmin)).events();
      expect(event.data).toMatchObject({ agencyId: 'DINKES', registeredBy: dinkesAdmin.id, pangkat: null, golongan: null, tmtGolongan: null });
    });

    it('records the work e-mail for notifications when one is given, and none otherwise', () => {
      const [withEmail] = given().when(register({ email: 'budi.santoso@dinkes.example.go.id' })).events();
      expect(withEmail.data).toMatchObject({ email: 'budi.santoso@dinkes.example.go.id' });
      const [without] = given().when(register()).events();
      expect(without.data).not.toHaveProperty('email');
    });

    it('registers a PPPK with a PPPK golongan', () => {
      const [event] = given().when(register({ nip: '198807122021212003', status: 'PPPK', golongan: 'IX' })).events();
      expect(event.data).toMatchObject({ status: 'PPPK', golongan: 'IX', gender: 'FEMALE', appointmentYear: 2021, appointmentMonth: null });
    });

    it.each([
      ['the admin of another agency', { id: 'a', role: 'ADMIN_OPD', agencyId: 'DISDIK' }],
      ['an agency admin without agency', { id: 'a', role: 'ADMIN_OPD' }],
      ['an employee', { id: '199003152015031002', role: 'EMPLOYEE', agencyId: 'DINKES' }],
      ['a supervisor', { id: 's', role: 'SUPERVISOR', agencyId: 'DINKES' }],
      ['an auditor', { id: 'u', role: 'AUDITOR' }],
    ])('refuses %s with forbidden', (_who, actor) => {
      const error = given().when(register({}, actor)).error();
      expect([error.kind, error.code]).toEqual(['forbidden', 'EMPLOYEE_REGISTRATION_FORBIDDEN']);
    });

    it('refuses an agency that is not registered, naming agencyId', () => {
      const error = given().when(register({}, cityAdmin, false)).error();
      expect([error.kind, error.code, error.field]).toEqual(['invalid', 'AGENCY_NOT_REGISTERED', 'agencyId']);
    });

    it.each([
      ['199003152015031', 'NIP_FORMAT'],
      ['199002302015031002', 'NIP_BIRTH_DATE_INVALID'],
      ['199003152015131002', 'NIP_APPOINTMENT_MONTH_INVALID'],
      ['199003152026031002', 'NIP_APPOINTMENT_IN_FUTURE'],
      ['199003152015035002', 'NIP_GENDER_INVALID'],
    ])('refuses NIP %s naming nip (%s)', (nip, code) => {
      const error = given().when(register({ nip })).error();
      expect([error.kind, error.code, error.field]).toEqual(['invalid', code, 'nip']);
    });

    it.each([
      ['PNS', 'IX'],
      ['PNS', 'III/e'],
      ['PPPK', 'III/a'],
      ['PPPK', 'XVIII'],
    ] as const)('refuses a %s with golongan %s, naming golongan', (status, golongan) => {
      const nip = status === 'PNS' ? '199003152015031002' : '198807122021212003';
      const error = given().when(register({ nip, status, golongan })).error();
      expect([error.kind, error.code, error.field]).toEqual(['invalid', 'GOLONGAN_INVALID', 'golongan']);
    });
  });

  describe('given a registered employee', () => {
    it('refuses to register the NIP again with a conflict', () => {
      const error = given(registered).when(register()).error();
      expect([error.kind, error.code]).toEqual(['conflict', 'EMPLOYEE_ALREADY_REGISTERED']);
    });

    it('still refuses a stranger with forbidden, not revealing the conflict', () => {
      const error = given(registered).when(register({}, { id: 'x', role: 'EMPLOYEE' })).error();
      expect(error.kind).toBe('forbidden');
    });
  });
});

describe('UpdateEmployee', () => {
  const update = (data: Partial<Extract<EmployeeCommand, { type: 'UpdateEmployee' }>['data']> = {}, actor: CommandActor = dinkesAdmin): EmployeeCommand => ({
    type: 'UpdateEmployee',
    data: { nip: '199003152015031002', name: 'Budi Santoso', status: 'PNS', agencyId: 'DINKES', golongan: 'III/c', tmtGolongan: '2023-04-01', ...data },
    lookups: { agencyRegistered: true },
    metadata: { now, actor },
  });

  it('records a promotion by the agency admin', () => {
    const [event] = given(registered).when(update()).events();
    expect(event).toEqual({
      type: 'EmployeeUpdated',
      data: { nip: '199003152015031002', name: 'Budi Santoso', status: 'PNS', agencyId: 'DINKES', pangkat: 'Penata', golongan: 'III/c', tmtGolongan: '2023-04-01', updatedAt: now.toISOString(), updatedBy: dinkesAdmin.id },
    });
  });

  it('keeps the recorded TMT when the update leaves it out and the golongan stays', () => {
    expect(given(registered).when(update({ golongan: 'III/a', tmtGolongan: undefined })).events()).toEqual([]);
    const [event] = given(registered).when(update({ name: 'Budi S.', golongan: 'III/a', tmtGolongan: undefined })).events();
    expect(event.data).toMatchObject({ tmtGolongan: '2015-03-01', pangkat: 'Penata Muda' });
  });

  it('records a new TMT for the same golongan', () => {
    const [event] = given(registered).when(update({ golongan: 'III/a', tmtGolongan: '2016-03-01' })).events();
    expect(event.data).toMatchObject({ golongan: 'III/a', tmtGolongan: '2016-03-01' });
  });

  it('changes nothing when the record is the same', () => {
    expect(given(registered).when(update({ golongan: 'III/a', tmtGolongan: '2015-03-01' })).events()).toEqual([]);
  });

  it('refuses an unknown employee, the admin of another agency, and a wrong golongan', () => {
    expect(given().when(update()).error().code).toBe('EMPLOYEE_NOT_FOUND');
    expect(given(registered).when(update({}, { id: 'x', role: 'ADMIN_OPD', agencyId: 'BAPPEDA' })).error().code).toBe('EMPLOYEE_UPDATE_FORBIDDEN');
    expect(given(registered).when(update({ golongan: 'V/a' })).error().code).toBe('GOLONGAN_INVALID');
  });

  it('records a new work e-mail, its removal, and nothing when it is the same', () => {
    const same = { golongan: 'III/a', tmtGolongan: '2015-03-01' };
    const [added] = given(registered).when(update({ ...same, email: 'budi@dinkes.example.go.id' })).events();
    expect(added.data).toMatchObject({ email: 'budi@dinkes.example.go.id', golongan: 'III/a' });
    const withEmail = { ...added, data: { ...added.data } } as never;
    expect(given(registered, withEmail).when(update({ ...same, email: 'budi@dinkes.example.go.id' })).events()).toEqual([]);
    // Left out: the recorded e-mail stays.
    expect(given(registered, withEmail).when(update({ ...same, name: 'Budi S.' })).events()[0].data).toMatchObject({ email: 'budi@dinkes.example.go.id' });
    expect(given(registered, withEmail).when(update({ ...same, email: null })).events()[0].data).toMatchObject({ email: null });
  });
});
