import { randomUUID } from 'node:crypto';
import { toCloudEventHeaders } from '@kinerja/contracts';
import { createPgLogTransport, Transport } from '@kinerja/messaging';
import { bootHarness, DINKES_ADMIN, Harness } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const KADIS = '197505052000031001';
const KABID = '198206062006041002';
const STAFF = '199209092019022002';
const PEER = '199311112020121003';

/**
 * The relation "who is the pejabat penilai" comes from work-planning's public organisation events
 * (kinerja.work-planning.v1), effective-dated, as the consumer stores them.
 */
describe('feedback-intake: the organisation from work-planning events', () => {
  let h: Harness;
  let transport: Transport;

  const publish = async (type: string, key: string, data: unknown, id: string = randomUUID()) =>
    transport.produce('kinerja.work-planning.v1', [
      {
        key,
        value: JSON.stringify(data),
        headers: toCloudEventHeaders({
          id,
          type,
          source: '/kinerja/work-planning',
          time: NOW,
          subject: key,
          correlationId: 'org-import-1',
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
        }),
      },
    ]);

  const until = async (sql: string, expected: number) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const count = Number((await h.sql.query(sql)).rows[0].count);
      if (count >= expected || Date.now() > deadline) return count;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    h = await bootHarness('fi_org', { now: NOW, env: { RELAY_ENABLED: 'false' } });
    transport = createPgLogTransport({ connectionString: h.db.url });
    await transport.ensureTopic('kinerja.work-planning.v1', 6);
    const agency = 'DINSOS';
    await publish('AgencyRegistered.v1', agency, { agencyId: agency, code: agency, name: 'Dinas Sosial' });
    for (const nip of [KADIS, KABID, STAFF, PEER]) await publish('EmployeeRegistered.v1', nip, { nip, name: `Pegawai ${nip.slice(-3)}`, status: 'PNS', agencyId: agency });
    await publish('UnitCreated.v1', agency, { agencyId: agency, unitId: 'DINSOS-LAYANAN', name: 'Bidang Layanan Sosial', parentUnitId: null });
    const position = (positionId: string, kind: string, parentPositionId: string | null) =>
      publish('PositionCreated.v1', agency, { agencyId: agency, positionId, name: positionId, kind, unitId: 'DINSOS-LAYANAN', parentPositionId, establishedOn: '2025-01-01' });
    await position('KADIS', 'JPT_PRATAMA', null);
    await position('KABID', 'ADMINISTRATOR', 'KADIS');
    await position('ANALIS-1', 'FUNGSIONAL', 'KABID');
    await position('ANALIS-2', 'FUNGSIONAL', 'KABID');
    const assign = (assignmentId: string, nip: string, positionId: string, from: string) =>
      publish('PositionAssigned.v1', nip, { agencyId: agency, assignmentId, nip, positionId, type: 'DEFINITIVE', from, to: null });
    await assign('A-1', KADIS, 'KADIS', '2025-01-01');
    await assign('A-2', STAFF, 'ANALIS-1', '2025-01-01');
    await assign('A-3', PEER, 'ANALIS-2', '2025-01-01');
    // The KABID post is vacant until April: until then the staff report, past it, to the KADIS.
    await assign('A-4', KABID, 'KABID', '2026-04-01');
    await publish('SkpApproved.v1', STAFF, {
      skpId: `${STAFF}-2026-01-01`,
      nip: STAFF,
      agencyId: agency,
      positionId: 'ANALIS-1',
      positionKind: 'FUNGSIONAL',
      unitId: 'DINSOS-LAYANAN',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      version: 1,
      approach: 'KUANTITATIF',
      rhk: [{ rhkId: 'RHK-1', jenis: 'UTAMA', text: 'Terverifikasinya data penerima bantuan', link: null, perspektif: null, indicators: [] }],
      perilaku: [],
      lampiran: { dukunganSumberDaya: [], skemaPertanggungjawaban: [], konsekuensi: [] },
      pejabatPenilaiNip: KADIS,
      approvedAt: '2026-01-15T03:00:00.000Z',
    });
    expect(await until('SELECT count(*) FROM feedback_intake.org_assignment', 4)).toBe(4);
    expect(await until('SELECT count(*) FROM feedback_intake.skp_plan', 1)).toBe(1);
  });

  afterAll(async () => {
    await transport?.close();
    await h?.close();
  });

  it('fills the directory: employees with their agency, units, and the unit an officer serves in', async () => {
    expect(Number((await h.sql.query('SELECT count(*) FROM feedback_intake.directory_employee')).rows[0].count)).toBe(4);
    const unit = await (await h.as(...DINKES_ADMIN)).get('/directory/units/DINSOS-LAYANAN').expect(200);
    expect(unit.body).toEqual({ unitId: 'DINSOS-LAYANAN', agencyId: 'DINSOS', counterIds: [] });
    // The staff member acts for the unit of their position: the unit's (empty) inbox is theirs.
    expect((await (await h.as('EMPLOYEE', STAFF, 'DINSOS')).get('/complaints/inbox').expect(200)).body).toEqual([]);
  });

  it('lets the holder of the next occupied post up give feedback, on a BerAKHLAK value or an RHK of the approved SKP', async () => {
    const kadis = await h.as('SUPERVISOR', KADIS, 'DINSOS');
    const value = await kadis
      .post('/continuous-feedback')
      .send({ employeeId: STAFF, periodId: '2026', topic: { kind: 'BERAKHLAK', value: 'AKUNTABEL' }, content: 'Laporan verifikasi rapi dan tepat waktu.' })
      .expect(201);
    expect(value.body).toMatchObject({ source: 'PEJABAT_PENILAI', agencyId: 'DINSOS', giverId: KADIS });
    const rhk = await kadis
      .post('/continuous-feedback')
      .send({ employeeId: STAFF, periodId: '2026', topic: { kind: 'RHK', rhkId: 'RHK-1' }, content: 'Target verifikasi triwulan I tercapai.', evidence: [{ ref: 'realisasi/RHK-1/2026-03' }] })
      .expect(201);
    expect(rhk.body.topic).toEqual({ kind: 'RHK', rhkId: 'RHK-1' });
    const unknown = await kadis.post('/continuous-feedback').send({ employeeId: STAFF, periodId: '2026', topic: { kind: 'RHK', rhkId: 'RHK-9' }, content: 'x' }).expect(400);
    expect(unknown.body.code).toBe('UNKNOWN_RHK');
  });

  it('refuses a peer, the employee themself, and the future KABID before their assignment starts', async () => {
    for (const giver of [PEER, STAFF, KABID]) {
      const res = await (await h.as('EMPLOYEE', giver, 'DINSOS'))
        .post('/continuous-feedback')
        .send({ employeeId: STAFF, periodId: '2026', topic: { kind: 'BERAKHLAK', value: 'KOLABORATIF' }, content: 'Kerja sama baik.' })
        .expect(403);
      expect(['NOT_PEJABAT_PENILAI', 'SELF_FEEDBACK']).toContain(res.body.code);
    }
  });

  it('lets a peer at the same level and a direct subordinate give BerAKHLAK feedback only where the agency enabled it', async () => {
    const peer = await h.as('EMPLOYEE', PEER, 'DINSOS');
    const toStaff = { employeeId: STAFF, periodId: '2026', value: 'KOLABORATIF', content: 'Selalu membantu rekan satu bidang.' };
    expect((await peer.post('/continuous-feedback/colleague').send(toStaff).expect(403)).body.code).toBe('PEER_FEEDBACK_DISABLED');
    const subordinate = await h.as('EMPLOYEE', STAFF, 'DINSOS');
    const toKadis = { employeeId: KADIS, periodId: '2026', value: 'HARMONIS', content: 'Terbuka pada masukan.' };
    expect((await subordinate.post('/continuous-feedback/colleague').send(toKadis).expect(403)).body.code).toBe('SUBORDINATE_FEEDBACK_DISABLED');

    await (await h.as('ADMIN_OPD', 'dinsos.admin', 'DINKES')).put('/directory/agencies/DINSOS/feedback-settings').send({ peerFeedbackEnabled: true, subordinateFeedbackEnabled: true }).expect(403);
    await (await h.as('ADMIN_OPD', 'dinsos.admin', 'DINSOS')).put('/directory/agencies/DINSOS/feedback-settings').send({ peerFeedbackEnabled: true, subordinateFeedbackEnabled: true }).expect(200);
    expect((await peer.post('/continuous-feedback/colleague').send(toStaff).expect(201)).body).toMatchObject({ source: 'PEER', giverId: PEER, topic: { kind: 'BERAKHLAK', value: 'KOLABORATIF' } });
    expect((await subordinate.post('/continuous-feedback/colleague').send(toKadis).expect(201)).body).toMatchObject({ source: 'DIRECT_SUBORDINATE', giverId: STAFF });
    // The KADIS is neither a peer of the staff member nor their subordinate.
    const kadis = await h.as('SUPERVISOR', KADIS, 'DINSOS');
    expect((await kadis.post('/continuous-feedback/colleague').send(toStaff).expect(403)).body.code).toBe('NOT_PEER_OR_SUBORDINATE');
  });

  it('follows the reporting line as it changes: from April the KABID is the pejabat penilai', async () => {
    h.clock.set('2026-04-02T03:00:00.000Z');
    try {
      await (await h.as('SUPERVISOR', KABID, 'DINSOS'))
        .post('/continuous-feedback')
        .send({ employeeId: STAFF, periodId: '2026', topic: { kind: 'BERAKHLAK', value: 'KOMPETEN' }, content: 'Cepat menguasai aplikasi baru.' })
        .expect(201);
      await (await h.as('SUPERVISOR', KADIS, 'DINSOS'))
        .post('/continuous-feedback')
        .send({ employeeId: STAFF, periodId: '2026', topic: { kind: 'BERAKHLAK', value: 'LOYAL' }, content: 'x' })
        .expect(403);
      const timeline = await (await h.as('EMPLOYEE', STAFF, 'DINSOS')).get(`/employees/${STAFF}/feedback-timeline`).expect(200);
      expect(timeline.body.map((f: { giverId: string }) => f.giverId).sort()).toEqual([KABID, KADIS, KADIS, PEER].sort());
    } finally {
      h.clock.set(NOW);
    }
  });

  it('applies a redelivered event (same ce_id) once: the inbox drops the copy', async () => {
    const id = randomUUID();
    const ended = { agencyId: 'DINSOS', assignmentId: 'A-3', nip: PEER, positionId: 'ANALIS-2', lastDay: '2026-06-30' };
    await publish('AssignmentEnded.v1', PEER, ended, id);
    await publish('AssignmentEnded.v1', PEER, { ...ended, lastDay: '2026-01-31' }, id);
    await publish('EmployeeUpdated.v1', PEER, { nip: PEER, name: 'Pegawai 003', status: 'PNS', agencyId: 'DINSOS' });
    expect(await until(`SELECT count(*) FROM feedback_intake.inbox WHERE event_type = 'EmployeeUpdated.v1'`, 1)).toBe(1);
    const { rows } = await h.sql.query(`SELECT to_char(to_date, 'YYYY-MM-DD') AS last FROM feedback_intake.org_assignment WHERE assignment_id = 'A-3'`);
    expect(rows).toEqual([{ last: '2026-06-30' }]);
  });

  it("lets the Sekda in the Sekretariat Daerah give feedback to the Kepala OPD who reports to the Sekda's post (issue 14)", async () => {
    const SEKDA = '196805121990031002';
    await publish('EmployeeRegistered.v1', SEKDA, { nip: SEKDA, name: 'Sekretaris Daerah', status: 'PNS', agencyId: 'SETDA' });
    await publish('UnitCreated.v1', 'SETDA', { agencyId: 'SETDA', unitId: 'SETDA', name: 'Sekretariat Daerah', parentUnitId: null });
    await publish('PositionCreated.v1', 'SETDA', {
      agencyId: 'SETDA', positionId: 'SEKDA', name: 'Sekretaris Daerah', kind: 'JPT_PRATAMA', unitId: 'SETDA', parentPositionId: null, parentOfficialId: 'walikota', establishedOn: '2020-01-01',
    });
    await publish('PositionAssigned.v1', SEKDA, { agencyId: 'SETDA', assignmentId: 'A-SEKDA', nip: SEKDA, positionId: 'SEKDA', type: 'DEFINITIVE', from: '2020-01-01', to: null });
    await publish('ReportingLineChanged.v1', 'DINSOS', { agencyId: 'DINSOS', positionId: 'KADIS', parentPositionId: 'SEKDA', parentAgencyId: 'SETDA', effectiveFrom: '2026-01-01' });
    expect(await until(`SELECT count(*) FROM feedback_intake.org_reporting_line WHERE parent_agency_id = 'SETDA'`, 1)).toBe(1);
    expect(await until(`SELECT count(*) FROM feedback_intake.org_assignment WHERE nip = '${SEKDA}'`, 1)).toBe(1);
    const res = await (await h.as('SUPERVISOR', SEKDA, 'SETDA'))
      .post('/continuous-feedback')
      .send({ employeeId: KADIS, periodId: '2026', topic: { kind: 'BERAKHLAK', value: 'KOLABORATIF' }, content: 'Koordinasi lintas perangkat daerah berjalan baik.' })
      .expect(201);
    expect(res.body).toMatchObject({ source: 'PEJABAT_PENILAI', giverId: SEKDA });
  });
});
