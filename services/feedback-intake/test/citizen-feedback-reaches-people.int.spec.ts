import { randomUUID } from 'node:crypto';
import { toCloudEventHeaders } from '@kinerja/contracts';
import { createPgLogTransport, Transport } from '@kinerja/messaging';
import { bootHarness, Harness } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const KEPALA = '197505052000031001';
const PETUGAS = '199209092019022002';
const OTHER = '199311112020121003';
const UNIT = 'DUKCAPIL-LAYANAN';

/**
 * Issue 14 §4: a citizen finds a unit in the public directory without an account, reads the
 * complaint categories, rates an employee; the employee, their pejabat penilai and the head of the
 * unit read it (without anything about the citizen), others may not.
 */
describe('feedback-intake: citizens find units, their feedback reaches people', () => {
  let h: Harness;
  let transport: Transport;

  const publish = async (type: string, key: string, data: unknown) =>
    transport.produce('kinerja.work-planning.v1', [
      {
        key,
        value: JSON.stringify(data),
        headers: toCloudEventHeaders({ id: randomUUID(), type, source: '/kinerja/work-planning', time: NOW, subject: key, correlationId: 'org', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }),
      },
    ]);

  beforeAll(async () => {
    h = await bootHarness('fi_citizen_fb', { now: NOW, env: { RELAY_ENABLED: 'false' } });
    transport = createPgLogTransport({ connectionString: h.db.url });
    await transport.ensureTopic('kinerja.work-planning.v1', 6);
    const agency = 'DUKCAPIL';
    await publish('AgencyRegistered.v1', agency, { agencyId: agency, code: agency, name: 'Dinas Kependudukan dan Pencatatan Sipil' });
    for (const nip of [KEPALA, PETUGAS, OTHER]) await publish('EmployeeRegistered.v1', nip, { nip, name: `Pegawai ${nip.slice(-3)}`, status: 'PNS', agencyId: agency });
    await publish('UnitCreated.v1', agency, { agencyId: agency, unitId: 'DUKCAPIL', name: 'Dinas Kependudukan dan Pencatatan Sipil', parentUnitId: null });
    await publish('UnitCreated.v1', agency, { agencyId: agency, unitId: UNIT, name: 'Seksi Pelayanan Administrasi Kependudukan', parentUnitId: 'DUKCAPIL' });
    await publish('PositionCreated.v1', agency, { agencyId: agency, positionId: 'KADIS', name: 'Kepala Dinas', kind: 'JPT_PRATAMA', unitId: 'DUKCAPIL', parentPositionId: null, establishedOn: '2025-01-01' });
    await publish('PositionCreated.v1', agency, { agencyId: agency, positionId: 'KASI', name: 'Kepala Seksi', kind: 'PENGAWAS', unitId: UNIT, parentPositionId: 'KADIS', establishedOn: '2025-01-01' });
    await publish('PositionCreated.v1', agency, { agencyId: agency, positionId: 'PETUGAS', name: 'Petugas Layanan', kind: 'PELAKSANA', unitId: UNIT, parentPositionId: 'KASI', establishedOn: '2025-01-01' });
    await publish('PositionCreated.v1', agency, { agencyId: agency, positionId: 'STAF-2', name: 'Petugas Layanan', kind: 'PELAKSANA', unitId: UNIT, parentPositionId: 'KASI', establishedOn: '2025-01-01' });
    // The Kepala Seksi post is vacant: the head of the unit is its PLT, the Kepala Dinas.
    await publish('PositionAssigned.v1', KEPALA, { agencyId: agency, assignmentId: 'A-1', nip: KEPALA, positionId: 'KADIS', type: 'DEFINITIVE', from: '2025-01-01', to: null });
    await publish('PositionAssigned.v1', KEPALA, { agencyId: agency, assignmentId: 'A-2', nip: KEPALA, positionId: 'KASI', type: 'PLT', from: '2026-01-01', to: '2026-12-31' });
    await publish('PositionAssigned.v1', PETUGAS, { agencyId: agency, assignmentId: 'A-3', nip: PETUGAS, positionId: 'PETUGAS', type: 'DEFINITIVE', from: '2025-01-01', to: null });
    await publish('PositionAssigned.v1', OTHER, { agencyId: agency, assignmentId: 'A-4', nip: OTHER, positionId: 'STAF-2', type: 'DEFINITIVE', from: '2025-01-01', to: null });
    const deadline = Date.now() + 30_000;
    while (Number((await h.sql.query(`SELECT count(*) FROM feedback_intake.org_assignment`)).rows[0].count) < 4 || Number((await h.sql.query(`SELECT count(*) FROM feedback_intake.directory_agency`)).rows[0].count) < 1) {
      if (Date.now() > deadline) throw new Error('organisation events not consumed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const admin = await h.as('ADMIN_OPD', 'dukcapil.admin', agency);
    await admin.put(`/directory/units/${UNIT}`).send({ agencyId: agency, name: 'Seksi Pelayanan Administrasi Kependudukan', services: 'KTP-el, Kartu Keluarga, akta kelahiran', counterIds: ['loket-1'] }).expect(200);
  });
  afterAll(async () => {
    await transport?.close();
    await h?.close();
  });

  it('lists and searches the service units without an account: agency, name, what the unit serves', async () => {
    const found = await h.citizen().get('/public/units?q=akta').expect(200);
    expect(found.body).toEqual({
      total: 1,
      limit: 20,
      offset: 0,
      units: [{ unitId: UNIT, agencyId: 'DUKCAPIL', agencyName: 'Dinas Kependudukan dan Pencatatan Sipil', name: 'Seksi Pelayanan Administrasi Kependudukan', services: 'KTP-el, Kartu Keluarga, akta kelahiran', counterIds: ['loket-1'] }],
    });
    const all = await h.citizen().get('/public/units?agencyId=DUKCAPIL&limit=1').expect(200);
    expect(all.body).toMatchObject({ total: 2, limit: 1, units: [expect.objectContaining({ agencyId: 'DUKCAPIL' })] });
    expect((await h.citizen().get(`/public/units/${UNIT}`).expect(200)).body.services).toBe('KTP-el, Kartu Keluarga, akta kelahiran');
    expect((await h.citizen().get('/public/units/NOPE').expect(404)).body.code).toBe('UNIT_NOT_FOUND');
    expect((await h.citizen().get('/public/units?limit=500').expect(400)).body.field).toBe('limit');
  });

  it('shows the complaint categories with their SLA and the rule sets in force without an account', async () => {
    const categories = await h.citizen().get('/public/complaint-categories').expect(200);
    expect(categories.body.policyVersion).toBe('example-2026');
    expect(categories.body.categories).toContainEqual({ category: 'PUNGUTAN_LIAR', label: 'Pungutan liar', slaWorkingDays: 3 });
    const ruleSets = await h.citizen().get('/rule-sets').expect(200);
    expect(ruleSets.body.inForce.map((r: { kind: string }) => r.kind)).toEqual(['SLA_POLICY', 'IKM', 'WORKING_CALENDAR']);
    const ikm = ruleSets.body.inForce[1];
    expect((await h.citizen().get(`/rule-sets/${encodeURIComponent(ikm.version)}`).expect(200)).body).toEqual(ikm);
    expect((await h.citizen().get('/rule-sets/1999.9').expect(404)).body.code).toBe('RULE_SET_NOT_FOUND');
  });

  it("puts a citizen's rating and comment on the employee's and the unit's feedback, without the citizen", async () => {
    await h
      .citizen('10.9.0.1')
      .post('/public/feedback')
      .send({ unitId: UNIT, rating: 4, comment: 'Cepat dan ramah.', channel: 'QR_COUNTER', counterId: 'loket-1', employeeId: PETUGAS, contact: { email: 'warga@example.org' } })
      .expect(201);
    await h.citizen('10.9.0.2').post('/public/feedback').send({ unitId: UNIT, rating: 2, channel: 'KIOSK' }).expect(201);

    const petugas = await h.as('EMPLOYEE', PETUGAS, 'DUKCAPIL');
    // The citizen's answer does not wait for the read model: wait until both are projected.
    const deadline = Date.now() + 30_000;
    while (Number((await h.sql.query('SELECT count(*) FROM feedback_intake.citizen_feedback_view')).rows[0].count) < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const mine = await petugas.get(`/employees/${PETUGAS}/citizen-feedback`).expect(200);
    expect(mine.body.summary).toEqual({ count: 1, meanRating: 4, byRating: { '1': 0, '2': 0, '3': 0, '4': 1 } });
    expect(mine.body.items).toEqual([
      { feedbackId: expect.any(String), unitId: UNIT, counterId: 'loket-1', employeeId: PETUGAS, rating: 4, comment: 'Cepat dan ramah.', channel: 'QR_COUNTER', receivedAt: NOW },
    ]);
    expect(JSON.stringify(mine.body)).not.toContain('warga@example.org');

    // The pejabat penilai (the PLT of the vacant Kepala Seksi post) reads the employee's, and, as head of the unit, the unit's.
    const kepala = await h.as('EMPLOYEE', KEPALA, 'DUKCAPIL');
    expect((await kepala.get(`/employees/${PETUGAS}/citizen-feedback`).expect(200)).body.summary.count).toBe(1);
    const unit = await kepala.get(`/units/${UNIT}/citizen-feedback?from=2026-03-10&to=2026-03-10`).expect(200);
    expect(unit.body.summary).toEqual({ count: 2, meanRating: 3, byRating: { '1': 0, '2': 1, '3': 0, '4': 1 } });
    expect((await kepala.get(`/units/${UNIT}/citizen-feedback?from=2026-03-11`).expect(200)).body.summary.count).toBe(0);

    const colleague = await h.as('EMPLOYEE', OTHER, 'DUKCAPIL');
    expect((await colleague.get(`/employees/${PETUGAS}/citizen-feedback`).expect(403)).body.code).toBe('CITIZEN_FEEDBACK_READ_FORBIDDEN');
    expect((await colleague.get(`/units/${UNIT}/citizen-feedback`).expect(403)).body.code).toBe('CITIZEN_FEEDBACK_READ_FORBIDDEN');
    expect((await kepala.get(`/units/${UNIT}/citizen-feedback?from=2026-02-30`).expect(400)).body.field).toBe('from');
  });
});
