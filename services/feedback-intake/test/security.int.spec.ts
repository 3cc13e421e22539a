import { bootHarness, Harness } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const HEAD = '197001012000011001';
const MID = '198001012005011002';
const NAMED = '199001012015011003';
const PEER = '199101012016011004';
const OF_DISDIK = '199201012017011005';

/**
 * Issue 15 on feedback-intake: findings 2 (an admin placing anyone in any agency's unit), 3 (the
 * employee a complaint names handling it), 10 (tracking codes in the log) and 12 (the public
 * endpoints telling whether a NIP exists).
 */
describe('feedback-intake: complaints never reach the people they are about; the directory stays in its agency', () => {
  let h: Harness;
  let complaintId: string;
  let trackingCode: string;

  beforeAll(async () => {
    h = await bootHarness('fi_security', { now: NOW, env: { RELAY_ENABLED: 'false' } });
    const dinkes = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    const disdik = await h.as('ADMIN_OPD', 'disdik.admin', 'DISDIK');
    await dinkes.put('/directory/units/PUSKESMAS-9').send({ agencyId: 'DINKES', name: 'Puskesmas Sembilan', counterIds: ['LOKET-1'] }).expect(200);
    await disdik.put('/directory/units/SEKOLAH-1').send({ agencyId: 'DISDIK', name: 'SD Negeri Satu' }).expect(200);
    await dinkes.put(`/directory/employees/${HEAD}`).send({ agencyId: 'DINKES', unitId: 'PUSKESMAS-9' }).expect(200);
    await dinkes.put(`/directory/employees/${MID}`).send({ agencyId: 'DINKES', unitId: 'PUSKESMAS-9', pejabatPenilaiNip: HEAD }).expect(200);
    await dinkes.put(`/directory/employees/${NAMED}`).send({ agencyId: 'DINKES', unitId: 'PUSKESMAS-9', pejabatPenilaiNip: MID }).expect(200);
    await dinkes.put(`/directory/employees/${PEER}`).send({ agencyId: 'DINKES', unitId: 'PUSKESMAS-9', pejabatPenilaiNip: HEAD }).expect(200);
    await disdik.put(`/directory/employees/${OF_DISDIK}`).send({ agencyId: 'DISDIK', unitId: 'SEKOLAH-1' }).expect(200);
    const filed = await h
      .citizen()
      .post('/public/complaints')
      .send({ unitId: 'PUSKESMAS-9', category: 'PELAYANAN', description: 'Petugas loket membentak warga. <script>alert(1)</script>', subjectEmployeeId: NAMED, channel: 'WEB_FORM' })
      .expect(201);
    ({ complaintId, trackingCode } = filed.body);
  });

  afterAll(async () => h?.close());

  it('finding 2: an agency admin cannot put an employee into another agency\'s unit, nor move another agency\'s employee', async () => {
    const disdik = await h.as('ADMIN_OPD', 'disdik.admin', 'DISDIK');
    expect((await disdik.put(`/directory/employees/${OF_DISDIK}`).send({ agencyId: 'DISDIK', unitId: 'PUSKESMAS-9' })).status).toBe(403);
    expect((await disdik.put('/directory/employees/199301012018011006').send({ agencyId: 'DISDIK', unitId: 'PUSKESMAS-9' })).status).toBe(403);
    expect((await disdik.put(`/directory/employees/${NAMED}`).send({ agencyId: 'DISDIK', unitId: 'SEKOLAH-1' })).status).toBe(403);
    const dinkes = await h.as('ADMIN_OPD', 'dinkes.admin', 'DINKES');
    expect((await dinkes.put(`/directory/employees/${OF_DISDIK}`).send({ agencyId: 'DINKES', unitId: 'PUSKESMAS-9' })).status).toBe(403);
    const unknownUnit = await dinkes.put(`/directory/employees/${PEER}`).send({ agencyId: 'DINKES', unitId: 'NOWHERE' });
    expect(unknownUnit.status).toBe(400);
    expect(unknownUnit.body.field).toBe('unitId');
    // So DISDIK's officer still cannot read DINKES's complaints.
    expect((await (await h.as('EMPLOYEE', OF_DISDIK, 'DISDIK')).get(`/complaints/${complaintId}`)).status).toBe(403);
  });

  it('finding 3: the employee a complaint names neither sees it nor handles it', async () => {
    const named = await h.as('EMPLOYEE', NAMED, 'DINKES');
    expect((await named.get('/complaints/inbox').expect(200)).body.map((c: { complaintId: string }) => c.complaintId)).not.toContain(complaintId);
    expect((await named.get(`/complaints/${complaintId}`)).body.code).toBe('CONFLICT_OF_INTEREST');
    expect((await named.post(`/complaints/${complaintId}/triage`).send({ assignee: { kind: 'EMPLOYEE', unitId: 'PUSKESMAS-9', employeeId: NAMED } })).status).toBe(403);
    expect((await named.post(`/complaints/${complaintId}/start`)).status).toBe(403);
    expect((await named.post(`/complaints/${complaintId}/reject`).send({ reasonCode: 'NOT_A_COMPLAINT', reason: 'Tidak benar.' })).status).toBe(403);
  });

  it("finding 3: nor does anyone in that employee's reporting line below the unit head; the head and a peer do", async () => {
    const mid = await h.as('SUPERVISOR', MID, 'DINKES');
    expect((await mid.get('/complaints/inbox').expect(200)).body.map((c: { complaintId: string }) => c.complaintId)).not.toContain(complaintId);
    expect((await mid.get(`/complaints/${complaintId}`)).status).toBe(403);
    const head = await h.as('SUPERVISOR', HEAD, 'DINKES');
    expect((await head.get('/complaints/inbox').expect(200)).body.map((c: { complaintId: string }) => c.complaintId)).toContain(complaintId);
    const peer = await h.as('EMPLOYEE', PEER, 'DINKES');
    await peer.get(`/complaints/${complaintId}`).expect(200);
    // Nobody assigns it to the named employee or their supervisor below the head.
    for (const employeeId of [NAMED, MID]) {
      const res = await peer.post(`/complaints/${complaintId}/triage`).send({ assignee: { kind: 'EMPLOYEE', unitId: 'PUSKESMAS-9', employeeId } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ASSIGNEE_CONFLICTED');
    }
    await peer.post(`/complaints/${complaintId}/triage`).send({ assignee: { kind: 'EMPLOYEE', unitId: 'PUSKESMAS-9', employeeId: PEER } }).expect(200);
    await head.post(`/complaints/${complaintId}/triage`).send({ assignee: { kind: 'EMPLOYEE', unitId: 'PUSKESMAS-9', employeeId: HEAD } }).expect(200);
    expect(h.logs.some((line) => line.includes('complaint reassigned') && line.includes(complaintId))).toBe(true);
  });

  it('finding 11: staff get the complaint text as JSON that no browser runs, never cached', async () => {
    const res = await (await h.as('SUPERVISOR', HEAD, 'DINKES')).get(`/complaints/${complaintId}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('finding 12: the public endpoints do not tell whether a NIP exists', async () => {
    const feedback = { unitId: 'PUSKESMAS-9', rating: 3, channel: 'WEB_FORM' };
    const known = await h.citizen().post('/public/feedback').send({ ...feedback, employeeId: PEER });
    const unknown = await h.citizen().post('/public/feedback').send({ ...feedback, employeeId: '199912312020121999' });
    const elsewhere = await h.citizen().post('/public/feedback').send({ ...feedback, employeeId: OF_DISDIK });
    expect([known.status, unknown.status, elsewhere.status]).toEqual([201, 201, 201]);
    expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
    expect(unknown.body.message).toBe(known.body.message);
    const complaint = { unitId: 'PUSKESMAS-9', category: 'PELAYANAN', description: 'Antrean lama.', channel: 'WEB_FORM' };
    expect((await h.citizen().post('/public/complaints').send({ ...complaint, subjectEmployeeId: '199912312020121999' })).status).toBe(201);
  });

  it('finding 10: the tracking code never reaches the log', async () => {
    await h.citizen().get(`/public/complaints/${trackingCode}`).expect(200);
    const bare = trackingCode.replace(/-/g, '');
    expect(h.logs.filter((line) => line.includes(trackingCode) || line.includes(bare))).toEqual([]);
  });
});
