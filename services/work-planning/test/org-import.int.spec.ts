import { generateAgency } from './support/demo-agency';
import { GetSupervisorQuery } from '../src/organisation/get-supervisor/get-supervisor.query';
import { bootHarness, Harness } from './support/harness';

const NOW = '2024-02-01T03:00:00.000Z';

describe('work-planning: CSV import of an agency of several hundred employees through HTTP', () => {
  let h: Harness;
  const demo = generateAgency({ agencyId: 'DINKES', seed: 7 });

  beforeAll(async () => {
    h = await bootHarness('wp_import', { now: NOW });
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    await city.post('/agencies').send({ code: 'BAPPEDA', name: 'Bappeda' }).expect(201);
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    for (const u of demo.units) {
      const { unitId, name, parentUnitId } = u.data;
      await admin.post('/agencies/DINKES/units').send({ unitId, name, parentUnitId }).expect(201);
    }
  });
  afterAll(() => h?.close());

  it('refuses the admin of another agency with 403, storing nothing', async () => {
    const before = await h.eventCount();
    const other = await h.as('ADMIN_OPD', 'bappeda.admin', 'BAPPEDA');
    const res = await other.post('/agencies/DINKES/imports').set('content-type', 'text/csv').send(demo.csv);
    expect(res.status).toBe(403);
    expect(await h.eventCount()).toBe(before);
  });

  it('rejects a file with bad rows whole, reporting every bad row, and stores nothing', async () => {
    const before = await h.eventCount();
    const staff = demo.rows.filter((r) => r.kind === 'PELAKSANA');
    const line = (nip: string) => demo.rows.findIndex((r) => r.nip === nip) + 2;
    const [badNip, badUnit, looping, twice] = [staff[0], staff[1], staff[2], staff[3]];
    const kadis = demo.rows[0];
    const rows = demo.rows.map((r) =>
      r.nip === badNip.nip
        ? { ...r, nip: '12345' }
        : r.nip === badUnit.nip
          ? { ...r, unitId: 'DINKES.NOPE' }
          : r.nip === kadis.nip
            ? { ...r, atasanNip: looping.nip }
            : r,
    );
    rows.push(twice);
    const { toCsv } = await import('./support/demo-agency');
    const csv = toCsv(rows);
    const res = await (await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES')).post('/agencies/DINKES/imports').send({ csv }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'IMPORT_REJECTED', message: expect.stringMatching(/ditolak/) });
    const codes = res.body.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        `${line(badNip.nip)}:NIP_FORMAT`,
        `${line(badUnit.nip)}:UNKNOWN_UNIT`,
        `${line(kadis.nip)}:REPORTING_CYCLE`,
        `${line(looping.nip)}:REPORTING_CYCLE`,
        `${line(twice.nip)}:DUPLICATE_NIP`,
        `${rows.length + 1}:DUPLICATE_NIP`,
      ]),
    );
    for (const e of res.body.errors) expect(e.message).toEqual(expect.any(String));
    expect(await h.eventCount()).toBe(before);
  });

  it('imports the whole agency (text/csv), then the same file again changes nothing (200, zero events)', async () => {
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    const first = await admin.post('/agencies/DINKES/imports?asOf=2024-01-01').set('content-type', 'text/csv').send(demo.csv);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ agencyId: 'DINKES', rows: demo.rows.length, employeesRegistered: demo.rows.length, employeesUpdated: 0 });
    expect(demo.rows.length).toBeGreaterThan(300);
    const stored = await h.eventCount();

    const again = await admin.post('/agencies/DINKES/imports').send({ csv: demo.csv, asOf: '2024-01-01' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ events: 0, employeesRegistered: 0, employeesUpdated: 0, organisationEvents: 0, notInFile: [] });
    expect(await h.eventCount()).toBe(stored);

    // The read side answers from the imported organisation.
    const staff = demo.rows.find((r) => r.kind === 'PELAKSANA')!;
    const kasi = demo.rows.find((r) => r.nip === staff.atasanNip)!;
    const chain = (await (await h.as('ADMIN_CITY')).get(`/employees/${staff.nip}/supervisor?date=2024-01-15`).expect(200)).body;
    expect(chain.pejabatPenilai).toMatchObject({ nip: kasi.nip, name: kasi.name });
    expect(chain.atasanPejabatPenilai.nip).toBe(kasi.atasanNip);
    // Every employee has the supervisor of the file (the real chain: GetSupervisorQuery on the intervals).
    const supervisor = h.app.get(GetSupervisorQuery);
    for (const row of demo.rows) {
      const expected = demo.rows.some((r) => r.nip === row.atasanNip) ? row.atasanNip : undefined;
      expect((await supervisor.chainOf(row.nip, '2024-06-01')).pejabatPenilai?.nip).toBe(expected);
    }
  });

  it('applies a changed file as the difference: a promotion and a new superior', async () => {
    const admin = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    const staff = demo.rows.filter((r) => r.kind === 'PELAKSANA' && r.status === 'PNS');
    const [promoted, moved] = staff;
    const otherKasi = demo.rows.find((r) => r.kind === 'PENGAWAS' && r.nip !== moved.atasanNip)!;
    const rows = demo.rows.map((r) =>
      r.nip === promoted.nip ? { ...r, golongan: 'III/d' } : r.nip === moved.nip ? { ...r, atasanNip: otherKasi.nip, unitId: otherKasi.unitId, tmtJabatan: '2024-02-01' } : r,
    );
    const { toCsv } = await import('./support/demo-agency');
    const res = await admin.post('/agencies/DINKES/imports').send({ csv: toCsv(rows), asOf: '2024-02-01' });
    expect([res.status, res.body.errors]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({ employeesUpdated: 1, employeesRegistered: 0 });
    expect(res.body.organisationEvents).toBeGreaterThan(0);
    const city = await h.as('ADMIN_CITY');
    expect((await city.get(`/employees/${promoted.nip}`).expect(200)).body.golongan).toBe('III/d');
    expect((await city.get(`/employees/${moved.nip}/supervisor?date=2024-02-15`).expect(200)).body.pejabatPenilai.nip).toBe(otherKasi.nip);
    expect((await city.get(`/employees/${moved.nip}/supervisor?date=2024-01-15`).expect(200)).body.pejabatPenilai.nip).toBe(moved.atasanNip);
  });
});
