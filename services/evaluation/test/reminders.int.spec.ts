import { AGENCY, bootHarness, Harness, NIP, organisationFacts } from './support/harness';

const S1 = `${AGENCY}:2026:S1`;

describe('evaluation over HTTP: who has not been rated in a period, and reminders (issue 17 §2)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('eval_reminders', { now: '2026-07-03T03:00:00Z' });
    const admin = await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY);
    expect((await admin.post('/organisation/facts').send({ facts: organisationFacts() })).status).toBe(200);
    expect((await admin.post(`/agencies/${AGENCY}/evaluation-calendars`).send({ year: 2026, cadence: 'SEMESTER' })).status).toBe(201);
    const kaumum = await h.as('SUPERVISOR', NIP.kaumum);
    const rated = await kaumum.post(`/periods/${S1}/employees/${NIP.staf1}/evaluation`).send({ ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', justification: 'Target tercapai.' });
    expect(rated.status).toBe(201);
  });
  afterAll(async () => h?.close());

  it("lists everyone of the agency with their pejabat penilai and whether they have been rated", async () => {
    const res = await (await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY)).get(`/periods/${S1}/rating-progress`).expect(200);
    expect(res.body).toMatchObject({ periodId: S1, factsPeriodId: '2026-S1', asOf: '2026-06-30' });
    const byNip = new Map(res.body.people.map((p: { nip: string }) => [p.nip, p]));
    expect(byNip.get(NIP.staf1)).toMatchObject({ pejabatPenilaiId: NIP.kaumum, status: expect.not.stringMatching('NOT_SUBMITTED'), predicate: expect.any(String) });
    expect(byNip.get(NIP.staf2)).toMatchObject({ pejabatPenilaiId: NIP.kaumum, status: 'NOT_SUBMITTED', predicate: null });
    expect(byNip.size).toBe(res.body.people.length);
  });

  it('keeps other agencies and employees out (403) and names a malformed period (400)', async () => {
    expect((await (await h.as('ADMIN_OPD', 'admin-dishub', 'DISHUB')).get(`/periods/${S1}/rating-progress`)).status).toBe(403);
    expect((await (await h.as('EMPLOYEE', NIP.staf2)).get(`/periods/${S1}/reminders`)).status).toBe(403);
    const bad = await (await h.as('ADMIN_CITY', 'bkpsdm')).get('/periods/nope/rating-progress');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('periodId');
  });

  it('stores a reminder as asked, pending until sent, and lists it for the period', async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY);
    const before = await h.eventCount();
    const res = await admin.post(`/periods/${S1}/reminders`).send({ stage: 'RATE', recipients: [NIP.kaumum, NIP.kaumum], note: 'Batas 10 Juli' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ periodId: S1, agencyId: AGENCY, stage: 'RATE', recipients: [NIP.kaumum], note: 'Batas 10 Juli', requestedBy: 'admin-dinkes', status: 'PENDING', sentAt: null });
    expect(await h.eventCount()).toBe(before + 1);
    const list = await (await h.as('ADMIN_CITY', 'bkpsdm')).get(`/periods/${S1}/reminders`).expect(200);
    expect(list.body.reminders).toEqual([res.body]);
    expect(await h.eventCount(`reminder-${res.body.reminderId}`)).toBe(1);
  });

  it('refuses reminders from another agency (403), an unknown stage or nobody (400), storing nothing', async () => {
    const before = await h.eventCount();
    const other = await (await h.as('ADMIN_OPD', 'admin-dishub', 'DISHUB')).post(`/periods/${S1}/reminders`).send({ stage: 'RATE', recipients: [NIP.kaumum] });
    expect(other.status).toBe(403);
    const admin = await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY);
    const stage = await admin.post(`/periods/${S1}/reminders`).send({ stage: 'DANCE', recipients: [NIP.kaumum] });
    expect(stage.status).toBe(400);
    expect(stage.body.errors.map((e: { field: string }) => e.field)).toContain('stage');
    const nobody = await admin.post(`/periods/${S1}/reminders`).send({ stage: 'SUBMIT_SKP', recipients: [] });
    expect(nobody.status).toBe(400);
    expect((await (await h.as('AUDITOR', 'inspektorat')).post(`/periods/${S1}/reminders`).send({ stage: 'RATE', recipients: [NIP.kaumum] })).status).toBe(403);
    expect(await h.eventCount()).toBe(before);
  });
});
