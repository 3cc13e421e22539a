import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, Transport } from '@kinerja/messaging';
import { registerEmployees } from './support/directory';
import { bootHarness, Harness } from './support/harness';

/**
 * Issue 15, findings 1, 6, 9 and 13 on career-decisions, as they were probed: agency A's admin and PPK
 * acting on agency B's employee through A's own path, one person proposing, approving and issuing
 * for themself, the same award twice in a year, a decision for a NIP nobody knows, an AUDITOR
 * writing, a token naming an unknown NIP.
 */
describe('career-decisions: one agency cannot touch another agency\'s people; proposer, approver, issuer and subject are four people', () => {
  let h: Harness;
  let transport: Transport;
  const A = 'DINKES';
  const B = 'DISDIK';
  const OF_B = '198001012005011001';
  const OF_A = '198102022006021002';
  /** An employee of A who also holds A's HR-admin and PPK roles (a small agency). */
  const HR_OF_A = '198203032007031003';

  beforeAll(async () => {
    h = await bootHarness('career_sec', { now: '2026-03-01T03:00:00Z' });
    transport = createPgLogTransport({ connectionString: h.db.url });
    await transport.ensureTopic(TOPICS.evaluation, 6);
    await registerEmployees(transport, h.sql, [
      { nip: OF_B, agencyId: B },
      { nip: OF_A, agencyId: A },
      { nip: HR_OF_A, agencyId: A },
    ]);
  });
  afterAll(async () => {
    await transport?.close();
    await h?.close();
  });

  it("finding 1: A's admin cannot rewrite B's employment, penalties, assessments or trainings through A's path", async () => {
    const adminA = await h.as('ADMIN_OPD', 'admin-dinkes', A);
    const writes = [
      adminA.put(`/agencies/${A}/employees/${OF_B}/employment`).send({ employmentKind: 'PNS', golongan: 'III/c', rankSince: '2021-04-01' }),
      adminA.post(`/agencies/${A}/employees/${OF_B}/disciplinary-penalties`).send({ penaltyId: 'HD-1', level: 'SEDANG', from: '2026-01-01', until: '2026-06-30' }),
      adminA.post(`/agencies/${A}/employees/${OF_B}/assessments`).send({ assessmentId: 'AS-1', score: 80, assessedOn: '2026-02-01' }),
      adminA.post(`/agencies/${A}/employees/${OF_B}/trainings`).send({ trainingId: 'T-1', title: 'Pelatihan', date: '2026-02-01', length: { unit: 'JP', value: 5 } }),
    ];
    for (const write of writes) {
      const res = await write;
      expect(res.status).toBe(403);
    }
    expect(await h.eventCount(`performance-record-${OF_B}`)).toBe(0);
    // Through B's path A's admin is refused too, and B's admin may act.
    expect((await adminA.put(`/agencies/${B}/employees/${OF_B}/employment`).send({ employmentKind: 'PNS', golongan: 'III/c', rankSince: '2021-04-01' })).status).toBe(403);
    const adminB = await h.as('ADMIN_OPD', 'admin-disdik', B);
    expect((await adminB.put(`/agencies/${B}/employees/${OF_B}/employment`).send({ employmentKind: 'PNS', golongan: 'III/c', rankSince: '2021-04-01' })).status).toBe(200);
  });

  it("finding 1: a dismissal of B's employee cannot be proposed, approved or issued by A", async () => {
    const adminA = await h.as('ADMIN_OPD', 'admin-dinkes', A);
    const dismissal = { decisionId: 'PDH-X-1', kind: 'PEMBERHENTIAN_DENGAN_HORMAT', nip: OF_B, effectiveDate: '2026-04-01' };
    expect((await adminA.post(`/agencies/${A}/decisions`).send(dismissal)).body.code).toBe('OUTSIDE_AGENCY');
    expect(await h.eventCount('decision-PDH-X-1')).toBe(0);
    const adminB = await h.as('ADMIN_OPD', 'admin-disdik', B);
    expect((await adminB.post(`/agencies/${B}/decisions`).send(dismissal)).status).toBe(201);
    expect((await (await h.as('PPK', 'ppk-dinkes', A)).post('/decisions/PDH-X-1/approve')).status).toBe(403);
    await (await h.as('PPK', 'ppk-disdik', B)).post('/decisions/PDH-X-1/approve').expect(201);
    expect((await adminA.post('/decisions/PDH-X-1/issue')).status).toBe(403);
    expect((await (await h.as('PPK', 'ppk-dinkes', A)).get(`/decisions/PDH-X-1`)).status).toBe(403);
  });

  it('finding 6: nobody proposes, approves or issues a decision about themself; proposer ≠ approver ≠ issuer', async () => {
    const selfAdmin = await h.as('ADMIN_OPD', HR_OF_A, A);
    const own = { decisionId: 'PDH-SELF', kind: 'PEMBERHENTIAN_DENGAN_HORMAT', nip: HR_OF_A, effectiveDate: '2026-05-01' };
    expect((await selfAdmin.post(`/agencies/${A}/decisions`).send(own)).status).toBe(403);

    const adminA = await h.as('ADMIN_OPD', 'admin-dinkes', A);
    const about = { decisionId: 'PDH-A-1', kind: 'PEMBERHENTIAN_DENGAN_HORMAT', nip: OF_A, effectiveDate: '2026-05-01' };
    await adminA.post(`/agencies/${A}/decisions`).send(about).expect(201);
    // The same person holding the PPK role cannot approve what they proposed.
    expect((await (await h.as('PPK', 'admin-dinkes', A)).post('/decisions/PDH-A-1/approve')).body.code).toBe('DUTIES_NOT_SEPARATED');
    await (await h.as('PPK', 'ppk-dinkes', A)).post('/decisions/PDH-A-1/approve').expect(201);
    expect((await (await h.as('PPK', 'ppk-dinkes', A)).post('/decisions/PDH-A-1/issue')).body.code).toBe('DUTIES_NOT_SEPARATED');
    expect((await adminA.post('/decisions/PDH-A-1/issue')).body.code).toBe('DUTIES_NOT_SEPARATED');
    expect((await (await h.as('ADMIN_OPD', 'admin2-dinkes', A)).post('/decisions/PDH-A-1/issue')).body.status).toBe('ISSUED');

    // The employee a decision is about cannot approve it either, whatever role their token carries.
    const other = { decisionId: 'PDH-A-2', kind: 'PEMBERHENTIAN_DENGAN_HORMAT', nip: HR_OF_A, effectiveDate: '2026-05-01' };
    await adminA.post(`/agencies/${A}/decisions`).send(other).expect(201);
    expect((await (await h.as('PPK', HR_OF_A, A)).post('/decisions/PDH-A-2/approve')).status).toBe(403);
  });

  it('finding 6: one decision per employee, kind and year; a NIP nobody knows is refused', async () => {
    const adminB = await h.as('ADMIN_OPD', 'admin-disdik', B);
    const again = await adminB.post(`/agencies/${B}/decisions`).send({ decisionId: 'PDH-X-2', kind: 'PEMBERHENTIAN_DENGAN_HORMAT', nip: OF_B, effectiveDate: '2026-09-01' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DECISION_ALREADY_THIS_YEAR');
    const unknown = await adminB.post(`/agencies/${B}/decisions`).send({ decisionId: 'PDH-NOBODY', kind: 'PEMBERHENTIAN_DENGAN_HORMAT', nip: '199901012020011999', effectiveDate: '2026-09-01' });
    expect(unknown.status).toBe(403);
    expect(unknown.body.code).toBe('SUBJECT_UNKNOWN');
    const city = await (await h.as('ADMIN_CITY', 'bkpsdm')).post(`/agencies/${B}/decisions`).send({ decisionId: 'PDH-NOBODY', kind: 'PEMBERHENTIAN_DENGAN_HORMAT', nip: '199901012020011999', effectiveDate: '2026-09-01' });
    expect(city.status).toBe(403);
    expect(await h.eventCount('decision-PDH-NOBODY')).toBe(0);
  });

  it('finding 9: the employment record takes no grade or NIP the rules do not know, and a bad date is reported under its own name', async () => {
    const adminA = await h.as('ADMIN_OPD', 'admin-dinkes', A);
    const script = await adminA.put(`/agencies/${A}/employees/${OF_A}/employment`).send({ employmentKind: 'PNS', golongan: '<script>', rankSince: '2021-04-01' });
    expect(script.status).toBe(400);
    expect(JSON.stringify(script.body)).toContain('golongan');
    const notNip = await adminA.put(`/agencies/${A}/employees/not-a-nip/employment`).send({ employmentKind: 'PNS', golongan: 'III/a', rankSince: '2021-04-01' });
    expect(notNip.status).toBe(400);
    const badDate = await adminA.post(`/agencies/${A}/decisions`).send({ decisionId: 'PH-BAD-DATE', kind: 'PENGHARGAAN', nip: OF_A, effectiveDate: '2026-02-30' });
    expect(badDate.status).toBe(400);
    const fields = [badDate.body.field, ...(badDate.body.errors ?? []).map((e: { field: string }) => e.field)];
    expect(fields).toContain('effectiveDate');
    expect(fields).not.toContain('asOf');
  });

  it('finding 13: an AUDITOR token never writes; a token naming an unknown NIP is refused', async () => {
    const auditor = await h.as('AUDITOR', OF_A);
    expect((await auditor.put(`/agencies/${A}/employees/${OF_A}/employment`).send({ employmentKind: 'PNS', golongan: 'III/a', rankSince: '2020-01-01' })).status).toBe(403);
    expect((await auditor.get(`/employees/${OF_A}/performance-record`)).status).not.toBe(403);
    expect((await (await h.as('EMPLOYEE', '199912312020121999')).get('/employees/199912312020121999/performance-record')).body.code).toBe('ACTOR_UNKNOWN');
  });
});
