import { bootHarness, DINKES_ADMIN, Harness, OFFICER, OFFICER_2, seedDirectory, SUPERVISOR } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z'; // Tuesday 10:00 WIB

describe('feedback-intake: citizens and staff through HTTP', () => {
  let h: Harness;
  const privacyRows = async () =>
    Number((await h.sql.query('SELECT (SELECT count(*) FROM feedback_intake_privacy.contact_record) + (SELECT count(*) FROM feedback_intake_privacy.contact_key) AS n')).rows[0].n);

  beforeAll(async () => {
    h = await bootHarness('fi_citizens', { now: NOW, env: { RATE_LIMIT_PER_ADDRESS: '8', RATE_LIMIT_PER_TARGET: '40', RELAY_ENABLED: 'false' } });
    await seedDirectory(h);
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('citizen feedback', () => {
    const feedback = { unitId: 'PUSKESMAS-1', rating: 4, comment: 'Pelayanan cepat.', channel: 'QR_COUNTER', counterId: 'LOKET-1' };

    it('accepts a rating without an account', async () => {
      const res = await h.citizen().post('/public/feedback').send(feedback).expect(201);
      expect(res.body).toEqual({ feedbackId: expect.any(String), message: 'Terima kasih, masukan Anda telah diterima.' });
      const [event] = await h.store.readStream(`citizen-feedback-${res.body.feedbackId}`);
      expect(event).toMatchObject({ type: 'CitizenFeedbackReceived', data: { unitId: 'PUSKESMAS-1', agencyId: 'DINKES', rating: 4, contactRef: null } });
      expect(event.metadata).toMatchObject({ actorId: 'citizen', occurredAt: NOW });
    });

    it.each([
      ['a rating of 0', { rating: 0 }, 'RATING_OUT_OF_RANGE', 'rating'],
      ['a rating of 5', { rating: 5 }, 'RATING_OUT_OF_RANGE', 'rating'],
      ['a rating of 2.5', { rating: 2.5 }, 'RATING_OUT_OF_RANGE', 'rating'],
      ['an unknown unit', { unitId: 'NOPE' }, 'UNKNOWN_UNIT', 'unitId'],
      ['an unknown counter', { counterId: 'LOKET-9' }, 'UNKNOWN_COUNTER', 'counterId'],
      ['a comment over 1000 characters', { comment: 'x'.repeat(1001) }, 'COMMENT_TOO_LONG', 'comment'],
      ['an unknown channel', { channel: 'FAX' }, 'INVALID_VALUE', 'channel'],
      ['an unknown field', { budget: 1 }, 'UNKNOWN_FIELD', 'budget'],
    ])('refuses %s with 400 naming the field, storing nothing', async (_what, change, code, field) => {
      const before = await h.eventCount();
      const res = await h.citizen().post('/public/feedback').send({ ...feedback, ...change, contact: { email: 'warga@example.id' } }).expect(400);
      expect(res.body.field).toBe(field);
      expect(res.body.errors?.[0]?.code ?? res.body.code).toBe(code);
      expect(typeof res.body.message).toBe('string');
      expect(await h.eventCount()).toBe(before);
      expect(await privacyRows()).toBe(0);
    });

    it('refuses a body over the size limit with 413 in plain Bahasa Indonesia', async () => {
      const res = await h.citizen().post('/public/feedback').send({ ...feedback, comment: 'x'.repeat(20_000) }).expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'SUBMISSION_TOO_LARGE', message: expect.stringContaining('Kiriman terlalu besar') });
    });

    it('refuses a body beyond the parser limit with 413 too, not 500', async () => {
      const res = await h.citizen().post('/public/feedback').send({ ...feedback, comment: 'x'.repeat(200_000) });
      expect(res.status).toBe(413);
      expect(res.body.statusCode).toBe(413);
    });

    it('accepts an exact duplicate once and tells the citizen it was already received (200)', async () => {
      const citizen = h.citizen('192.0.2.10');
      const before = await h.eventCount();
      const first = await citizen.post('/public/feedback').send({ ...feedback, rating: 3 }).expect(201);
      const again = await citizen.post('/public/feedback').send({ ...feedback, rating: 3 }).expect(200);
      expect(again.body).toMatchObject({ feedbackId: first.body.feedbackId, duplicate: true, message: expect.stringContaining('sudah diterima') });
      expect(await h.eventCount()).toBe(before + 1);
      // Another respondent at the same kiosk with the same answer is told apart by its submissionId.
      await citizen.post('/public/feedback').send({ ...feedback, rating: 3, submissionId: '6f1c7a52-3d4e-4b8a-9c1d-2e3f4a5b6c7d' }).expect(201);
    });

    it('limits submissions per client address with 429 and Retry-After', async () => {
      const citizen = h.citizen('192.0.2.77');
      for (let i = 0; i < 8; i++) await citizen.post('/public/feedback').send({ ...feedback, rating: 9 }).expect(400);
      const res = await citizen.post('/public/feedback').send(feedback).expect(429);
      expect(res.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('Terlalu banyak kiriman dari alamat Anda') });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await h.citizen('192.0.2.78').post('/public/feedback').send({ ...feedback, rating: 1 }).expect(201);
    });

    it('limits submissions per target unit, whatever the address', async () => {
      const target = { ...feedback, unitId: 'PUSKESMAS-2', counterId: undefined, channel: 'WEB_FORM' };
      for (let i = 0; i < 40; i++) await h.citizen().post('/public/feedback').send({ ...target, rating: 9 }).expect(400);
      const res = await h.citizen().post('/public/feedback').send(target).expect(429);
      expect(res.body).toMatchObject({ code: 'TARGET_RATE_LIMITED', message: expect.stringContaining('terlalu banyak kiriman') });
    });
  });

  describe('complaints', () => {
    const complaint = { unitId: 'PUSKESMAS-1', category: 'PELAYANAN', channel: 'WEB_FORM', description: 'Antrean tidak tertib dan petugas tidak ada di loket.' };
    let complaintId: string;
    let trackingCode: string;

    it('files a complaint without an account and answers with a tracking code and the SLA deadline', async () => {
      const res = await h.citizen().post('/public/complaints').send({ ...complaint, contact: { phone: '+62 812 0000 1111' } }).expect(201);
      expect(res.body).toMatchObject({ status: 'RECEIVED', dueOn: '2026-03-17', dueAt: '2026-03-17T17:00:00.000Z' });
      expect(res.body.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      ({ complaintId, trackingCode } = res.body);
      const [event] = await h.store.readStream(`complaint-${complaintId}`);
      expect(event.data).toMatchObject({ contactRef: expect.any(String), trackingCodeHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(JSON.stringify(event)).not.toContain(trackingCode);
      expect(JSON.stringify(event)).not.toContain('0000 1111');
    });

    it('lets the citizen follow it with the tracking code (any case, any separators)', async () => {
      const res = await h.citizen().get(`/public/complaints/${trackingCode.toLowerCase().replace(/-/g, '')}`).expect(200);
      expect(res.body).toMatchObject({ complaintId, status: 'RECEIVED', sla: { dueOn: '2026-03-17' }, contactErased: false });
      await h.citizen().get('/public/complaints/AAAA-BBBB-CCCC').expect(404);
    });

    it("shows the unit's inbox with the SLA clock and without the complainant", async () => {
      const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
      const res = await officer.get('/complaints/inbox').expect(200);
      expect(res.body).toHaveLength(1);
      expect(res.body[0]).toMatchObject({ complaintId, status: 'RECEIVED', sla: { dueOn: '2026-03-17', overdue: false, breachRecorded: false, secondsLeft: 7 * 86400 + 14 * 3600 } });
      expect(Object.keys(res.body[0])).not.toEqual(expect.arrayContaining(['contactRef']));
      expect(JSON.stringify(res.body)).not.toMatch(/contact|tracking|0000 1111/i);
      const other = await h.as('EMPLOYEE', OFFICER_2, 'DINKES');
      await other.get(`/complaints/${complaintId}`).expect(403);
      expect((await other.get('/complaints/inbox').expect(200)).body).toEqual([]);
    });

    it('refuses a transition not allowed from the current state with 409, storing nothing', async () => {
      const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
      const before = await h.eventCount();
      const res = await officer.post(`/complaints/${complaintId}/resolve`).send({ resolution: 'Sudah.' }).expect(409);
      expect(res.body).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', message: expect.stringContaining('tidak dapat diselesaikan') });
      expect(await h.eventCount()).toBe(before);
    });

    it('runs triage → start → resolve; an officer of another unit is refused with 403', async () => {
      const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
      await officer.post(`/complaints/${complaintId}/triage`).send({ assignee: { kind: 'EMPLOYEE', unitId: 'PUSKESMAS-1', employeeId: OFFICER } }).expect(200);
      await (await h.as('EMPLOYEE', OFFICER_2, 'DINKES')).post(`/complaints/${complaintId}/start`).expect(403);
      await officer.post(`/complaints/${complaintId}/start`).expect(200);
      const resolved = await officer.post(`/complaints/${complaintId}/resolve`).send({ resolution: 'Petugas loket ditambah pada jam sibuk.' }).expect(200);
      expect(resolved.body).toMatchObject({ status: 'RESOLVED', assigneeEmployeeId: OFFICER });
      const followed = await h.citizen().get(`/public/complaints/${trackingCode}`).expect(200);
      expect(followed.body).toMatchObject({ status: 'RESOLVED', resolution: 'Petugas loket ditambah pada jam sibuk.' });
    });

    it('lets the complainant reopen with the code (a new deadline from now), and then confirm a rejection', async () => {
      h.clock.set('2026-03-12T02:00:00.000Z'); // Thursday
      const reopened = await h.citizen().post(`/public/complaints/${trackingCode}/reopen`).send({ reason: 'Antrean masih kacau.' }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'REOPENED', sla: { dueOn: '2026-03-26' } });
      const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
      await officer.post(`/complaints/${complaintId}/start`).expect(200);
      await officer.post(`/complaints/${complaintId}/reject`).send({ reasonCode: 'OUT_OF_SCOPE', reason: 'Di luar kewenangan puskesmas.' }).expect(200);
      await h.citizen().post('/public/complaints/AAAA-BBBB-CCCC/confirm').expect(404);
      const confirmed = await h.citizen().post(`/public/complaints/${trackingCode}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', rejectionReason: 'Di luar kewenangan puskesmas.' });
      const res = await h.citizen().post(`/public/complaints/${trackingCode}/reopen`).send({ reason: 'Lagi.' }).expect(409);
      expect(res.body.code).toBe('TRANSITION_NOT_ALLOWED');
      h.clock.set(NOW);
    });

    it('refuses an unknown category, an oversized description and an unknown unit with 400, storing nothing', async () => {
      const before = await h.eventCount();
      expect((await h.citizen().post('/public/complaints').send({ ...complaint, category: 'CUACA' }).expect(400)).body.code).toBe('UNKNOWN_CATEGORY');
      expect((await h.citizen().post('/public/complaints').send({ ...complaint, description: 'x'.repeat(4001), contact: { name: 'Siti' } }).expect(400)).body.code).toBe('DESCRIPTION_TOO_LONG');
      expect((await h.citizen().post('/public/complaints').send({ ...complaint, unitId: 'NOPE' }).expect(400)).body.code).toBe('UNKNOWN_UNIT');
      expect(await h.eventCount()).toBe(before);
      expect(Number((await h.sql.query('SELECT count(*) FROM feedback_intake_privacy.contact_record')).rows[0].count)).toBe(1);
    });

    it('gives an identical resubmission the first tracking code (200), storing one complaint', async () => {
      const citizen = h.citizen('198.51.100.5');
      const first = await citizen.post('/public/complaints').send({ ...complaint, description: 'Toilet rusak.' }).expect(201);
      const again = await citizen.post('/public/complaints').send({ ...complaint, description: 'Toilet rusak.' }).expect(200);
      expect(again.body).toMatchObject({ trackingCode: first.body.trackingCode, complaintId: first.body.complaintId, duplicate: true });
      expect(again.body.message).toContain('sudah diterima');
    });
  });

  describe('complaint statistics', () => {
    it('counts complaints by agency and category for city admins; agency admins see their own; officers none', async () => {
      const city = await (await h.as('ADMIN_CITY', 'bkpsdm.admin')).get('/complaints/statistics').expect(200);
      expect(city.body).toEqual([
        { agencyId: 'DINKES', category: 'PELAYANAN', received: 2, open: 1, resolved: 0, rejected: 0, confirmed: 1, slaBreached: 0 },
      ]);
      expect((await (await h.as(...DINKES_ADMIN)).get('/complaints/statistics').expect(200)).body).toEqual(city.body);
      expect((await (await h.as('ADMIN_OPD', 'disdik.admin', 'DISDIK')).get('/complaints/statistics').expect(200)).body).toEqual([]);
      await (await h.as('EMPLOYEE', OFFICER, 'DINKES')).get('/complaints/statistics').expect(403);
    });
  });

  describe('continuous feedback', () => {
    it('lets only the pejabat penilai give feedback; the employee responds; the timeline is theirs', async () => {
      const supervisor = await h.as('SUPERVISOR', SUPERVISOR, 'DINKES');
      const given = await supervisor
        .post('/continuous-feedback')
        .send({ employeeId: OFFICER, periodId: '2026', topic: { kind: 'BERAKHLAK', value: 'BERORIENTASI_PELAYANAN' }, content: 'Sigap melayani antrean pagi.' })
        .expect(201);
      expect(given.body).toMatchObject({ employeeId: OFFICER, giverId: SUPERVISOR, source: 'PEJABAT_PENILAI', markedAsEvidence: false });

      const notPenilai = await (await h.as('EMPLOYEE', OFFICER_2, 'DINKES'))
        .post('/continuous-feedback')
        .send({ employeeId: OFFICER, periodId: '2026', topic: { kind: 'BERAKHLAK', value: 'KOMPETEN' }, content: 'Bagus.' })
        .expect(403);
      expect(notPenilai.body.code).toBe('NOT_PEJABAT_PENILAI');
      await supervisor.post('/continuous-feedback').send({ employeeId: OFFICER, periodId: '2026', topic: { kind: 'RHK', rhkId: 'rhk-1' }, content: 'RHK.' }).expect(400);

      const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
      await officer.post(`/continuous-feedback/${given.body.feedbackId}/response`).send({ response: 'Terima kasih.' }).expect(200);
      await supervisor.post(`/continuous-feedback/${given.body.feedbackId}/evidence-mark`).expect(200);
      const timeline = await officer.get(`/employees/${OFFICER}/feedback-timeline`).expect(200);
      expect(timeline.body).toEqual([expect.objectContaining({ feedbackId: given.body.feedbackId, response: 'Terima kasih.', markedAsEvidence: true })]);
      await supervisor.get(`/employees/${OFFICER}/feedback-timeline`).expect(200);
      await (await h.as('EMPLOYEE', OFFICER_2, 'DINKES')).get(`/employees/${OFFICER}/feedback-timeline`).expect(403);
    });
  });

  describe('SKM periods and directory permissions', () => {
    it('refuses staff of another agency and unknown units', async () => {
      await (await h.as('ADMIN_OPD', 'disdik.admin', 'DISDIK')).put('/directory/units/PUSKESMAS-1').send({ agencyId: 'DINKES', name: 'X' }).expect(403);
      const admin = await h.as(...DINKES_ADMIN);
      expect((await admin.post('/skm/periods').send({ unitId: 'NOPE', periodId: '2026' }).expect(400)).body.code).toBe('UNKNOWN_UNIT');
      await (await h.as('EMPLOYEE', OFFICER_2, 'DINKES')).post('/skm/periods').send({ unitId: 'PUSKESMAS-1', periodId: '2026' }).expect(403);
      await h.citizen().post('/skm/periods').send({ unitId: 'PUSKESMAS-1', periodId: '2026' }).expect(401);
    });
  });

  describe('forwarded messages', () => {
    it('lets an officer type in a forwarded complaint; it names the officer and gets a tracking code for the citizen', async () => {
      await h.citizen().post('/complaints/forwarded').send({ unitId: 'PUSKESMAS-1', category: 'LAINNYA', description: 'Pesan WA: obat habis.' }).expect(401);
      const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
      const res = await officer.post('/complaints/forwarded').send({ unitId: 'PUSKESMAS-1', category: 'LAINNYA', description: 'Pesan WA: obat habis.', contact: { phone: '0812 9999 0000' } }).expect(201);
      expect(res.body).toMatchObject({ status: 'RECEIVED', trackingCode: expect.any(String) });
      const [event] = await h.store.readStream(`complaint-${res.body.complaintId}`);
      expect(event.data).toMatchObject({ channel: 'FORWARDED_MESSAGE', forwardedBy: OFFICER, contactRef: expect.any(String) });
      expect(event.metadata).toMatchObject({ actorId: OFFICER, agencyId: 'DINKES' });
      await (await h.as('ADMIN_CITY', 'bkpsdm.admin')).post('/complaints/forwarded').send({ unitId: 'PUSKESMAS-1', category: 'LAINNYA', description: 'x' }).expect(403);
    });
  });
});
