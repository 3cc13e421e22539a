import { CommandActor, fold } from '@kinerja/domain';
import { OrganisationEvent } from '../organisation/organisation.events';
import { OrganisationState, organisationDecider } from '../organisation/organisation.decider';
import { EmployeeSnapshot, IMPORT_HEADER, ImportInput, ImportResult, planImport } from './csv-import.rules';
import { DemoRow, generateAgency, toCsv } from '../../test/support/demo-agency';
import { parseCsv } from './csv';

const NOW = new Date('2024-01-15T02:00:00.000Z');
const ADMIN: CommandActor = { id: 'admin-dinkes', role: 'ADMIN_OPD', agencyId: 'DINKES' };
const agency = generateAgency();

const input = (over: Partial<ImportInput> = {}): ImportInput => ({
  agencyId: 'DINKES',
  csv: agency.csv,
  asOf: '2024-01-15',
  organisation: fold(organisationDecider, agency.units),
  employees: new Map(),
  definitiveElsewhere: new Map(),
  metadata: { now: NOW, actor: ADMIN },
  ...over,
});

function applied(result: ImportResult, state: OrganisationState): { events: OrganisationEvent[]; state: OrganisationState } {
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
  const events = organisationDecider.decide(result.organisation, state);
  return { events, state: events.reduce(organisationDecider.evolve, state) };
}

function employeesAfter(result: ImportResult): Map<string, EmployeeSnapshot> {
  if (!result.ok) throw new Error('not ok');
  return new Map(result.employees.map((e) => [e.nip, { agencyId: e.agencyId, name: e.name, status: e.status, golongan: e.golongan, pangkat: e.pangkat, tmtGolongan: e.tmtGolongan }]));
}

const errorsOf = (result: ImportResult) => (result.ok ? [] : result.errors.map((e) => [e.line, e.code]));
const lineOf = (rows: DemoRow[], nip: string) => rows.findIndex((r) => r.nip === nip) + 2;

describe('organisation import from CSV', () => {
  describe('a realistic agency of several hundred employees, into an organisation with only its units', () => {
    const result = planImport(input());

    it('plans one position and one definitive assignment per row, and one registration per employee', () => {
      expect(agency.rows.length).toBeGreaterThan(300);
      if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
      const types = result.organisation.data.changes.map((c) => c.type);
      expect(types.filter((t) => t === 'CreatePosition')).toHaveLength(agency.rows.length);
      expect(types.filter((t) => t === 'AssignPosition')).toHaveLength(agency.rows.length);
      expect(result.employees).toHaveLength(agency.rows.length);
      expect(result.employees.every((e) => e.kind === 'REGISTER')).toBe(true);
      expect(result.employees.find((e) => e.status === 'PNS' && e.golongan === 'III/a')?.pangkat).toBe('Penata Muda');
      expect(result.notInFile).toEqual([]);
    });

    it('re-importing the same file against the result plans nothing', () => {
      const { state } = applied(result, input().organisation);
      const again = planImport(input({ organisation: state, employees: employeesAfter(result) }));
      expect(again).toEqual({ ok: true, rows: agency.rows.length, organisation: { type: 'ApplyOrganisationChanges', data: { agencyId: 'DINKES', changes: [] }, metadata: { now: NOW, actor: ADMIN } }, employees: [], notInFile: [], diff: [], unresolvedSupervisors: [{ line: 2, nip: agency.rows[0].nip, nipAtasan: agency.externalSupervisorNip }] });
    });

    it('a later file with one staff member moved and one promoted plans only those changes', () => {
      const { state } = applied(result, input().organisation);
      const rows = agency.rows.map((r) => ({ ...r }));
      const moved = rows[rows.length - 1];
      const otherKasi = rows.find((r) => r.kind === 'PENGAWAS' && r.nip !== moved.atasanNip && r.unitId.startsWith('DINKES.B'))!;
      Object.assign(moved, { unitId: otherKasi.unitId, atasanNip: otherKasi.nip, tmtJabatan: '2024-07-01' });
      const promoted = rows.filter((r) => r.status === 'PNS' && r.nip !== moved.nip && r.golongan !== 'III/d').at(-1)!;
      Object.assign(promoted, { golongan: 'III/d' });
      const plan = planImport(input({ csv: toCsv(rows), asOf: '2024-07-01', organisation: state, employees: employeesAfter(result) }));
      if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
      expect(plan.organisation.data.changes.map((c) => [c.type, 'nip' in c.data ? c.data.nip : undefined])).toEqual([
        ['CreatePosition', undefined],
        ['EndAssignment', undefined],
        ['AssignPosition', moved.nip],
      ]);
      expect(plan.employees.map((e) => [e.kind, e.nip, e.golongan])).toEqual([['UPDATE', promoted.nip, 'III/d']]);
    });

    it('a new holder of a structural post ends the term of the previous holder, who left the file', () => {
      const { state } = applied(result, input().organisation);
      const rows = agency.rows.map((r) => ({ ...r }));
      const kasi = rows.find((r) => r.kind === 'PENGAWAS')!;
      const successor = { ...kasi, nip: '198506152010012003', name: 'Rina Marlina, S.E.', tmtJabatan: '2024-03-01' };
      const next = rows.map((r) => (r.nip === kasi.nip ? successor : r.atasanNip === kasi.nip ? { ...r, atasanNip: successor.nip } : r));
      const plan = planImport(input({ csv: toCsv(next), asOf: '2024-03-01', organisation: state, employees: employeesAfter(result) }));
      if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
      expect(plan.organisation.data.changes.map((c) => c.type)).toEqual(['EndAssignment', 'AssignPosition']);
      expect(plan.organisation.data.changes[0].data).toMatchObject({ lastDay: '2024-02-29' });
      expect(plan.employees.map((e) => [e.kind, e.nip])).toEqual([['REGISTER', successor.nip]]);
    });

    it('a holder absent from the file is reported, not ended', () => {
      const { state } = applied(result, input().organisation);
      const rows = agency.rows.slice(0, -1);
      const plan = planImport(input({ csv: toCsv(rows), organisation: state, employees: employeesAfter(result) }));
      expect(plan.ok && plan.notInFile).toEqual([agency.rows[agency.rows.length - 1].nip]);
      expect(plan.ok && plan.organisation.data.changes).toEqual([]);
    });
  });

  describe('a file with bad rows is rejected whole, with every bad row and why', () => {
    const rows = agency.rows.slice(0, 40).map((r) => ({ ...r }));
    const staffA = rows[10];
    const staffB = rows[11];
    const staffC = rows[12];

    it('invalid NIP, unknown unit, bad status and golongan, bad dates, duplicate NIP, unknown supervisor and a cycle', () => {
      const bad = rows.map((r) => ({ ...r }));
      bad[5].nip = '198013452005011001'; // month 13
      bad[6].unitId = 'DINKES.TIDAK.ADA';
      bad[7].status = 'HONORER' as never;
      bad[8].golongan = 'V/a';
      bad[9].tmtJabatan = '2024-02-30';
      bad[13].nip = bad[14].nip;
      bad[15].atasanNip = '199912312020011999';
      const [a, b, c] = [bad[10], bad[11], bad[12]];
      a.atasanNip = b.nip;
      b.atasanNip = c.nip;
      c.atasanNip = a.nip;
      const result = planImport(input({ csv: toCsv(bad) }));
      expect(errorsOf(result)).toEqual([
        [7, 'NIP_BIRTH_DATE_INVALID'],
        [8, 'UNKNOWN_UNIT'],
        [9, 'STATUS_INVALID'],
        [10, 'GOLONGAN_INVALID'],
        [11, 'DATE_INVALID'],
        [12, 'REPORTING_CYCLE'],
        [13, 'REPORTING_CYCLE'],
        [14, 'REPORTING_CYCLE'],
        [15, 'DUPLICATE_NIP'],
        [16, 'DUPLICATE_NIP'],
        [17, 'UNKNOWN_SUPERVISOR'],
      ]);
      expect(result.ok || result.errors.every((e) => e.message.length > 0)).toBe(true);
    });

    it('a person who reports to themself', () => {
      const bad = rows.map((r) => ({ ...r }));
      bad[3].atasanNip = bad[3].nip;
      expect(errorsOf(planImport(input({ csv: toCsv(bad) })))).toEqual([[5, 'REPORTING_CYCLE']]);
    });

    it('two people in the same structural post', () => {
      const bad = rows.map((r) => ({ ...r }));
      const kasubbags = bad.filter((r) => r.kind === 'PENGAWAS');
      Object.assign(kasubbags[1], { jabatan: kasubbags[0].jabatan, unitId: kasubbags[0].unitId });
      expect(errorsOf(planImport(input({ csv: toCsv(bad) })))).toEqual([
        [lineOf(bad, kasubbags[0].nip), 'POSITION_HELD_TWICE'],
        [lineOf(bad, kasubbags[1].nip), 'POSITION_HELD_TWICE'],
      ]);
    });

    it('two definitive posts at once: one held in another agency (lookup)', () => {
      const result = planImport(input({ csv: toCsv(rows), definitiveElsewhere: new Map([[staffA.nip, [{ from: '2010-01-01', to: null }]]]) }));
      expect(errorsOf(result)).toEqual([[lineOf(rows, staffA.nip), 'DEFINITIVE_OVERLAP']]);
    });

    it('two definitive posts at once: the file starts a new post before the current one began', () => {
      const first = applied(planImport(input({ csv: toCsv(rows) })), input().organisation);
      const later = rows.map((r) => ({ ...r }));
      const target = later.find((r) => r.nip === staffB.nip)!;
      Object.assign(target, { unitId: staffC.unitId, atasanNip: staffC.atasanNip, jabatan: 'Pengelola Data Baru', tmtJabatan: '2000-01-01' });
      const result = planImport(input({ csv: toCsv(later), organisation: first.state }));
      expect(errorsOf(result)).toEqual([[lineOf(later, staffB.nip), 'DEFINITIVE_OVERLAP']]);
    });

    it('a missing column in the header', () => {
      const csv = toCsv(rows).replace(IMPORT_HEADER, IMPORT_HEADER.replace(',NIP_ATASAN', ''));
      expect(errorsOf(planImport(input({ csv })))).toEqual([[1, 'CSV_HEADER_INVALID']]);
    });

    it('a row with the wrong number of columns, and an unreadable file', () => {
      expect(errorsOf(planImport(input({ csv: `${IMPORT_HEADER}\n1,2,3\n` })))).toEqual([[2, 'CSV_COLUMN_COUNT']]);
      expect(errorsOf(planImport(input({ csv: `${IMPORT_HEADER}\n"1,2` })))).toEqual([[2, 'CSV_MALFORMED']]);
      expect(errorsOf(planImport(input({ csv: `${IMPORT_HEADER}\n` })))).toEqual([[2, 'CSV_EMPTY']]);
    });
  });

  describe('issue 14: one pass, separators, a diff, superiors outside the agency', () => {
    const rows = agency.rows.slice(0, 40).map((r) => ({ ...r }));

    it("reports every error in one pass, each on its own row, and never blames a subordinate for its superior's bad row", () => {
      const bad = rows.map((r) => ({ ...r }));
      bad[0].tmtJabatan = '2024-13-01'; // the Kepala's row
      const staff = bad.find((r) => r.kind === 'PELAKSANA')!;
      const result = planImport(input({ csv: toCsv(bad), definitiveElsewhere: new Map([[staff.nip, [{ from: '2010-01-01', to: null }]]]) }));
      expect(result.ok ? [] : result.errors.map((e) => [e.line, e.code, e.column])).toEqual([
        [2, 'DATE_INVALID', 'TMT_JABATAN'],
        [lineOf(bad, staff.nip), 'DEFINITIVE_OVERLAP', 'TMT_JABATAN'],
      ]);
    });

    it('reads a semicolon-separated file with a UTF-8 BOM as Excel saves it, the same as a comma-separated one', () => {
      const comma = planImport(input({ csv: toCsv(rows) }));
      const records = parseCsv(toCsv(rows));
      if (!records.ok) throw new Error('unreadable');
      const quote = (f: string) => (/[";,]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
      const semicolon = planImport(input({ csv: '\uFEFF' + records.records.map((r) => r.fields.map(quote).join(';')).join('\r\n') }));
      expect(semicolon.ok).toBe(true);
      expect(semicolon).toEqual(comma);
    });

    it('reports what it changes, row by row, and nothing for an unchanged file', () => {
      const first = planImport(input({ csv: toCsv(rows) }));
      if (!first.ok) throw new Error('not ok');
      expect(first.diff.filter((d) => d.line === 2).map((d) => d.change)).toEqual(['EMPLOYEE_REGISTERED', 'POSITION_CREATED', 'POSITION_ASSIGNED']);
      const { state } = applied(first, input().organisation);
      const next = rows.map((r) => ({ ...r }));
      next[5].golongan = next[5].golongan === 'III/c' ? 'III/d' : 'III/c';
      const second = planImport(input({ csv: toCsv(next), organisation: state, employees: employeesAfter(first) }));
      expect(second.ok && second.diff).toEqual([{ line: 7, nip: next[5].nip, change: 'EMPLOYEE_UPDATED', detail: `GOLONGAN: ${rows[5].golongan} → ${next[5].golongan}` }]);
    });

    it("puts the Kepala under the Sekda's post in the Sekretariat Daerah, or under the kepala daerah, when the city knows them", () => {
      const sekda = new Map([[agency.externalSupervisorNip, { kind: 'POSITION' as const, agencyId: 'SETDA', positionId: 'SEKDA' }]]);
      const plan = planImport(input({ csv: toCsv(rows), externalSuperiors: sekda }));
      if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
      expect(plan.organisation.data.changes[0]).toMatchObject({ type: 'CreatePosition', data: { parentAgencyId: 'SETDA', parentPositionId: 'SEKDA', parentOfficialId: null } });
      const { state } = applied(plan, input().organisation);
      const employees = employeesAfter(plan);
      expect(planImport(input({ csv: toCsv(rows), organisation: state, employees, externalSuperiors: sekda }))).toMatchObject({ ok: true, diff: [], unresolvedSupervisors: [] });

      const toMayor = rows.map((r, i) => (i === 0 ? { ...r, atasanNip: 'walikota' } : r));
      const mayor = new Map([['walikota', { kind: 'OFFICIAL' as const, officialId: 'walikota' }]]);
      const moved = planImport(input({ csv: toCsv(toMayor), organisation: state, employees, externalSuperiors: mayor }));
      expect(moved.ok && moved.organisation.data.changes.map((c) => [c.type, c.data])).toEqual([
        ['ChangeReportingLine', expect.objectContaining({ parentPositionId: null, parentAgencyId: null, parentOfficialId: 'walikota' })],
      ]);
      expect(errorsOf(planImport(input({ csv: toCsv(toMayor) })))).toEqual([[2, 'UNKNOWN_OFFICIAL']]);
    });
  });

  it('accepts DD-MM-YYYY dates as SIASN writes them', () => {
    const rows = agency.rows.slice(0, 3);
    const csv = toCsv(rows).replace(rows[0].tmtJabatan, rows[0].tmtJabatan.split('-').reverse().join('-'));
    expect(planImport(input({ csv })).ok).toBe(true);
  });

  it('an agency admin of another agency may not import', () => {
    expect(() => planImport(input({ metadata: { now: NOW, actor: { id: 'x', role: 'ADMIN_OPD', agencyId: 'DISDIK' } } }))).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });
});
