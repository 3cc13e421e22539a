import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { bootHarness, Harness } from './support/harness';

const AGENCY = 'DISKOMINFO';
const NIP = '199001012015011001';
const PPPK = '198807122021212003';

function employeeEvent(type: 'EmployeeRegistered.v1' | 'EmployeeUpdated.v1', data: Record<string, unknown>) {
  const id = randomUUID();
  return toOutgoingMessage({ id, type, data, key: String(data.nip), source: '/kinerja/work-planning', time: '2026-01-05T03:00:00.000Z', correlationId: id, traceparent: traceparentFor(id, id) });
}

const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 30_000): Promise<T> => {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    value = await read();
  }
  return value;
};

describe("career facts without typing them twice: golongan and TMT from work-planning's events, predicates of 2022 on from e-Kinerja", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('career_facts', { now: '2026-02-02T03:00:00Z' });
  });
  afterAll(async () => h?.close());

  it('records the golongan with its TMT from EmployeeRegistered.v1 and a promotion from EmployeeUpdated.v1; an event without TMT records nothing', async () => {
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      await transport.ensureTopic(TOPICS.workPlanning, 6);
      await transport.produce(TOPICS.workPlanning, [
        employeeEvent('EmployeeRegistered.v1', { nip: NIP, name: 'Budi Santoso', status: 'PNS', agencyId: AGENCY, pangkat: 'Penata Muda', golongan: 'III/a', tmtGolongan: '2020-04-01' }),
        employeeEvent('EmployeeUpdated.v1', { nip: NIP, name: 'Budi Santoso', status: 'PNS', agencyId: AGENCY, pangkat: 'Penata Muda Tingkat I', golongan: 'III/b', tmtGolongan: '2024-04-01' }),
        employeeEvent('EmployeeRegistered.v1', { nip: PPPK, name: 'Siti Aminah', status: 'PPPK', agencyId: AGENCY, golongan: 'IX' }),
      ]);
    } finally {
      await transport.close();
    }
    const bkpsdm = await h.as('ADMIN_CITY', 'bkpsdm');
    const record = await eventually(
      () => bkpsdm.get(`/employees/${NIP}/performance-record`),
      (res) => res.status === 200 && res.body.employment?.golongan === 'III/b',
    );
    expect(record.body.employment).toEqual({ agencyId: AGENCY, employmentKind: 'PNS', golongan: 'III/b', pangkat: 'Penata Muda Tingkat I', rankSince: '2024-04-01', factId: `rank:${NIP}:III/b:2024-04-01` });
    expect((await bkpsdm.get(`/employees/${PPPK}/performance-record`)).status).toBe(404);
  });

  it('imports predicates of 2022 on: every error in one answer with line and column, a dry run that stores nothing, then the file, idempotent', async () => {
    const bkpsdm = await h.as('ADMIN_CITY', 'bkpsdm');
    const bad = await bkpsdm.post('/performance-history/predicate-imports').send({ csv: `NIP;TAHUN;PREDIKAT\n${NIP};2021;Baik\n123;2024;Baik\n${NIP};2025;Luar Biasa\n` });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('IMPORT_REJECTED');
    expect(bad.body.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
      [2, 'TAHUN', 'YEAR_TOO_EARLY'],
      [3, 'NIP', 'NIP_INVALID'],
      [4, 'PREDIKAT', 'PREDICATE_INVALID'],
    ]);

    const csv = `\uFEFFNIP;Nama;TAHUN;PREDIKAT\r\n${NIP};Budi Santoso;2024;Baik\r\n${NIP};Budi Santoso;2025;Sangat Baik\r\n`;
    const dry = await bkpsdm.post('/performance-history/predicate-imports?dryRun=true').send({ csv });
    expect(dry.status).toBe(201);
    expect(dry.body).toEqual({ dryRun: true, rows: 2, recorded: 2, unchanged: 0 });
    expect(Object.keys((await bkpsdm.get(`/employees/${NIP}/performance-record`)).body.years)).toEqual([]);

    expect((await bkpsdm.post('/performance-history/predicate-imports').send({ csv })).body).toEqual({ dryRun: false, rows: 2, recorded: 2, unchanged: 0 });
    expect((await bkpsdm.post('/performance-history/predicate-imports').send({ csv })).body).toEqual({ dryRun: false, rows: 2, recorded: 0, unchanged: 2 });
    const conflict = await bkpsdm.post('/performance-history/predicate-imports').send({ csv: `NIP,TAHUN,PREDIKAT\n${NIP},2025,Baik\n` });
    expect(conflict.status).toBe(400);
    expect(conflict.body.errors).toEqual([{ line: 2, column: 'PREDIKAT', code: 'YEAR_RECORDED', message: expect.any(String) }]);
    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    expect((await admin.post('/performance-history/predicate-imports').send({ csv })).status).toBe(403);
  });

  it('makes kenaikan pangkat eligibility work in the first live year: 2024 and 2025 imported, two years in rank on 1 April 2026', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-diskominfo', AGENCY);
    const list = await admin.get(`/agencies/${AGENCY}/eligibility?rule=KENAIKAN_PANGKAT&asOf=2026-04-01`);
    expect(list.status).toBe(200);
    expect(list.body.employees).toEqual([
      expect.objectContaining({ nip: NIP, eligible: true, factIds: [`import:${NIP}:2024`, `import:${NIP}:2025`, `rank:${NIP}:III/b:2024-04-01`] }),
    ]);
  });

  it('lets anyone read the career rule sets: every version, the one in force, one version whole', async () => {
    const list = await request(h.base).get('/rule-sets').expect(200);
    expect(list.body).toMatchObject({ date: '2026-02-02', inForce: '2022.1', versions: [{ version: '2022.1', inForce: true }] });
    const inForce = await request(h.base).get('/rule-sets/in-force?date=2026-04-01').expect(200);
    expect(inForce.body.kenaikanPangkat).toMatchObject({ minPredicate: 'BAIK', lookbackYears: 2, minYearsInRank: 2 });
    expect((await request(h.base).get('/rule-sets/2022.1').expect(200)).body).toEqual(inForce.body);
    expect((await request(h.base).get('/rule-sets/0.1').expect(404)).body.code).toBe('RULE_SET_NOT_FOUND');
  });
});
