import { randomUUID } from 'node:crypto';
import { ObjectionNotifier } from '../src/notifications/objection-notifier';
import type { EvaluationEvent } from '../src/evaluations/evaluation.events';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, PgLogTransport, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { SmtpSink, startSmtpSink, waitUntil } from '@kinerja/testing';
import { NotificationDispatcher } from '../src/notifications/notification-dispatcher';
import { AGENCY, bootHarness, Harness, NIP, organisationFacts } from './support/harness';

const mailOf = (nip: string) => `${nip}@kota.example.go.id`;
/** The agency's HR admin (ADMIN_OPD), outside the reporting lines. */
const HR = '198505052010012007';
const SOURCES = { [TOPICS.workPlanning]: '/kinerja/work-planning', [TOPICS.evaluation]: '/kinerja/evaluation', [TOPICS.feedbackIntake]: '/kinerja/feedback-intake' } as Record<string, string>;

/** A public event as the producing service's relay publishes it. */
function message(topic: string, type: string, data: Record<string, unknown>, key: string, id: string = randomUUID()) {
  return toOutgoingMessage({ id, type, data, key, source: SOURCES[topic], time: '2026-07-01T03:00:00.000Z', correlationId: id, traceparent: traceparentFor(id, id) });
}

/**
 * Notifications from public events and deadlines, e-mailed through a real SMTP server started here
 * (smtp-server), on the PostgreSQL log: each kind reaches its recipient, a redelivered event sends
 * nothing twice, the daily digest gathers what was chosen as DIGEST.
 */
describe('notifications in the console and by e-mail (real SMTP sink, PG log)', () => {
  let h: Harness;
  let sink: SmtpSink;
  let transport: PgLogTransport;
  let dispatcher: NotificationDispatcher;

  const inboxCount = async () => {
    // The consumer starts in the background: until it has created its inbox, it has recorded nothing.
    const [{ exists }] = (await h.sql.query(`SELECT to_regclass('evaluation.inbox') IS NOT NULL AS exists`)).rows;
    if (!exists) return 0;
    return (await h.sql.query(`SELECT count(*)::int AS n FROM evaluation.inbox WHERE group_id = 'evaluation'`)).rows[0].n as number;
  };
  /** Produces and waits until the consumer has recorded every message in its inbox. */
  const deliver = async (topic: string, messages: ReturnType<typeof message>[], expectedNew = messages.length) => {
    const before = await inboxCount();
    await transport.produce(topic, messages);
    await waitUntil(inboxCount, (n) => n >= before + expectedNew, { what: `${expectedNew} events in the inbox` });
  };
  const unread = async (nip: string, role: 'EMPLOYEE' | 'SUPERVISOR' = 'EMPLOYEE') => (await (await h.as(role, nip)).get('/notifications')).body;

  beforeAll(async () => {
    sink = await startSmtpSink();
    h = await bootHarness('eval_notify', { now: '2026-07-01T03:00:00Z', env: { SMTP_URL: sink.url, MAIL_FROM: 'Kinerja <kinerja@kota.example.go.id>' } });
    transport = createPgLogTransport({ connectionString: h.db.url });
    for (const topic of [TOPICS.workPlanning, TOPICS.evaluation, TOPICS.feedbackIntake]) await transport.ensureTopic(topic, 6);
    dispatcher = h.app.get(NotificationDispatcher);
    const admin = await h.as('ADMIN_CITY', 'bkpsdm');
    expect((await admin.post('/organisation/facts').send({ facts: organisationFacts() })).status).toBe(200);
    const employees = Object.values(NIP).map((nip) =>
      message(TOPICS.workPlanning, 'EmployeeRegistered.v1', { nip, name: `Pegawai ${nip.slice(-4)}`, status: 'PNS', agencyId: AGENCY, email: mailOf(nip) }, nip),
    );
    await deliver(TOPICS.workPlanning, employees);
  });
  afterAll(async () => {
    await transport?.close();
    await h?.close();
    await sink?.close();
  });

  it('SKP waiting for approval reaches the pejabat penilai once, in the console and by e-mail, however often the event is delivered', async () => {
    const submitted = message(TOPICS.workPlanning, 'SkpSubmitted.v1', { skpId: `${NIP.staf1}-2026-01-01`, nip: NIP.staf1, version: 1, submittedAt: '2026-07-01T03:00:00.000Z' }, NIP.staf1);
    await deliver(TOPICS.workPlanning, [submitted]);
    const list = await unread(NIP.kaumum, 'SUPERVISOR');
    expect(list).toMatchObject({ unreadCount: 1, notifications: [{ kind: 'SKP_SUBMITTED', link: `/tim/skp/${NIP.staf1}-2026-01-01`, readAt: null, params: { nip: NIP.staf1, employeeName: 'Pegawai 1004' } }] });
    expect(await dispatcher.runOnce()).toMatchObject({ emailed: 1 });
    expect(sink.to(mailOf(NIP.kaumum)).map((m) => m.subject)).toEqual(['SKP menunggu persetujuan']);
    expect(sink.to(mailOf(NIP.kaumum))[0].from).toBe('kinerja@kota.example.go.id');
    expect(sink.to(mailOf(NIP.kaumum))[0].raw).toContain('Pegawai 1004');

    // The same event again (a redelivery after a crash, or a re-publish): the inbox knows its id.
    // An event handled after it (its inbox row shows the redelivery was passed).
    const after = message(TOPICS.workPlanning, 'EmployeeUpdated.v1', { nip: NIP.staf1, name: 'Pegawai 1004', status: 'PNS', agencyId: AGENCY, email: mailOf(NIP.staf1) }, NIP.staf1);
    await deliver(TOPICS.workPlanning, [submitted, after], 1);
    expect(await dispatcher.runOnce()).toMatchObject({ emailed: 0 });
    expect(sink.to(mailOf(NIP.kaumum))).toHaveLength(1);
    expect((await unread(NIP.kaumum, 'SUPERVISOR')).unreadCount).toBe(1);

    // Read marks are the recipient's own.
    const id = list.notifications[0].notificationId;
    expect((await (await h.as('EMPLOYEE', NIP.staf1)).post(`/notifications/${encodeURIComponent(id)}/read`)).status).toBe(404);
    expect((await (await h.as('SUPERVISOR', NIP.kaumum)).post(`/notifications/${encodeURIComponent(id)}/read`)).status).toBe(204);
    expect(await unread(NIP.kaumum, 'SUPERVISOR')).toMatchObject({ unreadCount: 0, notifications: [{ notificationId: id }] });
  });

  it('SKP returned reaches the employee; a keberatan filed the atasan, and its decision the employee', async () => {
    await deliver(TOPICS.workPlanning, [
      message(TOPICS.workPlanning, 'SkpReturned.v1', { skpId: `${NIP.staf2}-2026-01-01`, nip: NIP.staf2, version: 1, returnedBy: NIP.kaumum, returnedAt: '2026-07-01T05:00:00.000Z' }, NIP.staf2),
    ]);
    // Keberatan are evaluation's own events: recorded where evaluation stores them (ObjectionNotifier), as the objection endpoints do.
    const objections = h.app.get(ObjectionNotifier);
    const evaluationId = `${AGENCY}:2025:ANNUAL:${NIP.staf3}`;
    const base = { evaluationId, employeeId: NIP.staf3, periodId: `${AGENCY}:2025:ANNUAL` };
    await objections.recorded([{ type: 'ObjectionFiled', data: { ...base, atasanId: NIP.sek } } as unknown as EvaluationEvent], 5);
    await objections.recorded([{ type: 'ObjectionDecided', data: { ...base, outcome: 'CHANGE', predicate: 'BAIK' } } as unknown as EvaluationEvent], 6);
    // The same events again (a retried request) record nothing.
    await objections.recorded([{ type: 'ObjectionDecided', data: { ...base, outcome: 'CHANGE', predicate: 'BAIK' } } as unknown as EvaluationEvent], 6);
    const result = await dispatcher.runOnce();
    expect(result).toMatchObject({ emailed: 3 });
    expect(sink.to(mailOf(NIP.staf2)).map((m) => m.subject)).toEqual(['SKP dikembalikan']);
    expect(sink.to(mailOf(NIP.sek)).map((m) => m.subject)).toEqual(['Keberatan diajukan']);
    expect(sink.to(mailOf(NIP.staf3)).map((m) => m.subject)).toEqual(['Keberatan diputuskan']);
    expect(sink.to(mailOf(NIP.staf3))[0].raw).toContain('predikat diubah');
  });

  it('realisation due in N days, ratings due and the curve unmet before penetapan: once per reminder day, to whom they concern', async () => {
    const admin = await h.as('ADMIN_CITY', 'bkpsdm');
    const calendar = await admin.post(`/agencies/${AGENCY}/evaluation-calendars`).send({ year: 2026, cadence: 'SEMESTER', fillDeadlines: { S1: '2026-07-10', ANNUAL: '2027-01-31' } });
    expect(calendar.status).toBe(201);
    const skp = (nip: string) => ({
      skpId: `${nip}-2026-01-01`, nip, agencyId: AGENCY, positionId: 'P-X', positionKind: 'PELAKSANA', unitId: 'U-UMUM', periodStart: '2026-01-01', periodEnd: '2026-12-31',
      version: 1, approach: 'KUANTITATIF', rhk: [], perilaku: [], lampiran: { dukunganSumberDaya: [], skemaPertanggungjawaban: [], konsekuensi: [] },
      pejabatPenilaiNip: NIP.kaumum, approvedAt: '2026-01-10T03:00:00.000Z',
    });
    await deliver(TOPICS.workPlanning, [
      message(TOPICS.workPlanning, 'SkpApproved.v1', skp(NIP.staf1), NIP.staf1),
      message(TOPICS.workPlanning, 'SkpApproved.v1', skp(NIP.staf2), NIP.staf2),
      message(TOPICS.workPlanning, 'RealisationRecorded.v1', {
        skpId: `${NIP.staf2}-2026-01-01`, nip: NIP.staf2, periodId: '2026-S1', ikiId: 'IKI-1', revision: 1, value: 3, narrative: null, evidence: [], occurredOn: '2026-06-30', recordedAt: '2026-07-01T03:00:00.000Z', late: false,
      }, NIP.staf2),
      message(TOPICS.workPlanning, 'EmployeeRegistered.v1', { nip: HR, name: 'Admin Kepegawaian', status: 'PNS', agencyId: AGENCY, email: mailOf(HR) }, HR),
      message(TOPICS.workPlanning, 'RoleGranted.v1', { nip: HR, role: 'ADMIN_OPD', agencyId: AGENCY, grantedBy: 'bkpsdm', grantedAt: '2026-01-02T03:00:00.000Z' }, NIP.kadis),
    ]);

    // 3 July, 10:00 WIB: S1's batas pengisian (10 July) is 7 days away; S1 ended on 30 June.
    h.clock.set('2026-07-03T03:00:00Z');
    expect(await dispatcher.runOnce()).toMatchObject({ emailed: 4 }); // staf1's realisations; kaumum's, sek's and kadis's ratings
    expect(sink.to(mailOf(NIP.staf1)).map((m) => m.subject)).toEqual(['Batas pengisian realisasi']);
    expect(sink.to(mailOf(NIP.staf1))[0].raw).toContain('tinggal 7 hari');
    expect(sink.to(mailOf(NIP.staf2))).toHaveLength(1); // recorded S1's realisation: only the earlier return
    expect(sink.to(mailOf(NIP.kaumum)).map((m) => m.subject)).toEqual(['SKP menunggu persetujuan', 'Penilaian menunggu']);
    expect(sink.to(mailOf(NIP.kaumum))[1].raw).toMatch(/3 pegawai belum Anda nilai/);
    expect(sink.to(mailOf(HR))).toHaveLength(0); // the curve waits for the annual period
    // The same day again: nothing new.
    expect(await dispatcher.runOnce()).toMatchObject({ notified: 0, emailed: 0 });

    // The annual period: every staff member rated SESUAI under an organisation predicate BAIK breaks the curve.
    h.clock.set('2027-01-05T03:00:00Z');
    const kaumum = await h.as('SUPERVISOR', NIP.kaumum);
    for (const nip of [NIP.staf1, NIP.staf2, NIP.staf3])
      expect((await kaumum.post(`/periods/${AGENCY}:2026:ANNUAL/employees/${nip}/evaluation`).send({ ratingHasil: 'SESUAI', ratingPerilaku: 'SESUAI', justification: 'Sesuai bukti.' })).status).toBe(201);
    const sek = await h.as('SUPERVISOR', NIP.sek);
    expect((await sek.put(`/periods/${AGENCY}:2026:ANNUAL/units/U-UMUM/organisation-predicate`).send({ predicate: 'BAIK' })).status).toBe(200);
    expect((await sek.post(`/periods/${AGENCY}:2026:ANNUAL/employees/${NIP.kaumum}/evaluation`).send({ ratingPerilaku: 'SESUAI', justification: 'Memimpin unit.' })).status).toBe(201);
    h.clock.set('2027-01-30T03:00:00Z'); // one day before the batas pengisian of 31 January
    await dispatcher.runOnce();
    expect(sink.to(mailOf(HR)).map((m) => m.subject)).toEqual(['Kurva distribusi belum terpenuhi']);
    expect((await unread(HR)).notifications[0]).toMatchObject({ kind: 'CURVE_UNMET', params: { unitsFailing: 1, daysLeft: 1 } });
  });

  it('a daily digest gathers the kinds chosen as DIGEST into one e-mail after the digest hour', async () => {
    const staf1 = await h.as('EMPLOYEE', NIP.staf1);
    const chosen = await staf1.put('/notifications/preferences').send({ preferences: [{ kind: 'SKP_RETURNED', delivery: 'DIGEST' }, { kind: 'OBJECTION_DECIDED', delivery: 'DIGEST' }] });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ emailKnown: true });
    expect(chosen.body.preferences).toContainEqual({ kind: 'SKP_RETURNED', delivery: 'DIGEST' });
    expect(chosen.body.preferences).toContainEqual({ kind: 'SKP_SUBMITTED', delivery: 'EMAIL' });
    const bad = await staf1.put('/notifications/preferences').send({ preferences: [{ kind: 'SKP_RETURNED', delivery: 'SMS' }] });
    expect([bad.status, bad.body.field]).toEqual([400, 'preferences.0.delivery']);

    h.clock.set('2027-02-01T03:00:00Z'); // 10:00 WIB, after today's digest hour (07:00)
    const sent = sink.to(mailOf(NIP.staf1)).length;
    await deliver(TOPICS.workPlanning, [
      message(TOPICS.workPlanning, 'SkpReturned.v1', { skpId: `${NIP.staf1}-2027-01-01`, nip: NIP.staf1, version: 1, returnedBy: NIP.kaumum, returnedAt: '2027-02-01T03:00:00.000Z' }, NIP.staf1),
    ]);
    await h.app
      .get(ObjectionNotifier)
      .recorded([{ type: 'ObjectionDecided', data: { evaluationId: `${AGENCY}:2026:ANNUAL:${NIP.staf1}`, employeeId: NIP.staf1, periodId: `${AGENCY}:2026:ANNUAL`, outcome: 'KEEP', predicate: 'BAIK' } } as unknown as EvaluationEvent], 7);
    expect(await dispatcher.runOnce()).toMatchObject({ emailed: 0, digests: 0 });
    expect(sink.to(mailOf(NIP.staf1))).toHaveLength(sent);

    h.clock.set('2027-02-02T01:30:00Z'); // 08:30 WIB the next day
    expect(await dispatcher.runOnce()).toMatchObject({ digests: 1 });
    const digest = sink.to(mailOf(NIP.staf1)).slice(sent);
    expect(digest.map((m) => m.subject)).toEqual(['Ringkasan harian Kinerja: 2 pemberitahuan']);
    expect(digest[0].raw).toContain('dikembalikan');
    expect(digest[0].raw).toContain('predikat tetap');
    expect(await dispatcher.runOnce()).toMatchObject({ digests: 0 });
  });

  it('a complaint close to breaching its SLA reaches the head of its unit once; a resolved one does not', async () => {
    h.clock.set('2027-02-03T03:00:00Z');
    const received = (complaintId: string, dueAt: string) =>
      message(TOPICS.feedbackIntake, 'ComplaintReceived.v1', { complaintId, agencyId: AGENCY, unitId: 'U-UMUM', category: 'PELAYANAN', dueAt, receivedAt: '2027-01-27T03:00:00.000Z' }, complaintId);
    await deliver(TOPICS.feedbackIntake, [received('C-1', '2027-02-03T17:00:00.000Z'), received('C-2', '2027-02-05T17:00:00.000Z')]);
    const before = sink.to(mailOf(NIP.kaumum)).length;
    await dispatcher.runOnce();
    const warned = sink.to(mailOf(NIP.kaumum)).slice(before);
    expect(warned.map((m) => m.subject)).toEqual(['Pengaduan mendekati batas waktu']);
    expect(warned[0].raw).toContain('C-1');
    expect((await unread(NIP.kaumum, 'SUPERVISOR')).notifications[0]).toMatchObject({ kind: 'COMPLAINT_SLA_NEAR', params: { complaintId: 'C-1', dueAt: '2027-02-03T17:00:00.000Z' } });
    await dispatcher.runOnce();
    expect(sink.to(mailOf(NIP.kaumum)).slice(before)).toHaveLength(1);

    await deliver(TOPICS.feedbackIntake, [
      message(TOPICS.feedbackIntake, 'ComplaintResolved.v1', { complaintId: 'C-2', unitId: 'U-UMUM', category: 'PELAYANAN', resolvedAt: '2027-02-04T03:00:00.000Z', withinSla: true }, 'C-2'),
    ]);
    h.clock.set('2027-02-05T03:00:00Z');
    await dispatcher.runOnce();
    expect(sink.to(mailOf(NIP.kaumum)).slice(before)).toHaveLength(1);
  });
});
