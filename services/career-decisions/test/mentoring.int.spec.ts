import { randomUUID } from 'node:crypto';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { RULE_SET_2022_1 } from '../src/rule-sets/default-rule-set';
import { bootHarness, Harness } from './support/harness';

const AGENCY = 'DISDUKCAPIL';
const MENTEE = '199801012022011001';
const MENTOR = '197501012000031002';
const COLLEAGUE = '198203032008011003';
const ELSEWHERE = '198404042009012004';

/** A city's correction: from 2024-07-01 the mentor's session time counts half toward their own JP. */
const RULE_SET_2024_2 = {
  ...RULE_SET_2022_1,
  version: '2024.2',
  effectiveFrom: '2024-07-01',
  development: { ...RULE_SET_2022_1.development, mentoring: { menteeCreditPercent: 100, mentorCreditPercent: 50, maxRelationMonths: 12 } },
};

function employeeRegistered(nip: string, name: string, agencyId = AGENCY) {
  const id = randomUUID();
  const data = { nip, name, status: 'PNS', agencyId };
  return toOutgoingMessage({ id, type: 'EmployeeRegistered.v1', data, key: nip, source: '/kinerja/work-planning', time: '2024-01-02T03:00:00.000Z', correlationId: id, traceparent: traceparentFor(id, id) });
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

describe('mentoring as development through HTTP (issue 19)', () => {
  let h: Harness;
  const relations = `/agencies/${AGENCY}/employees/${MENTEE}/mentoring-relations`;
  const sessions = `${relations}/MENT-2024-01/sessions`;
  const relation = { relationId: 'MENT-2024-01', mentorNip: MENTOR, startDate: '2024-02-01', endDate: '2024-12-31', goals: ['Menguasai verifikasi berkas KTP-el', 'Melayani pemohon disabilitas'] };

  beforeAll(async () => {
    h = await bootHarness('career_mentoring', { now: '2024-10-15T03:00:00Z', env: { RULE_SETS_JSON: JSON.stringify(RULE_SET_2024_2) } });
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      await transport.ensureTopic(TOPICS.workPlanning, 6);
      await transport.produce(TOPICS.workPlanning, [
        employeeRegistered(MENTEE, 'Rina Putri'),
        employeeRegistered(MENTOR, 'Hendra Gunawan'),
        employeeRegistered(COLLEAGUE, 'Sari Melati'),
        employeeRegistered(ELSEWHERE, 'Yusuf Hakim', 'DINKES'),
      ]);
    } finally {
      await transport.close();
    }
    await eventually(() => h.sql.query(`SELECT count(*)::int AS n FROM career_decisions.employee_directory`), (r) => r.rows[0].n === 4);
  });
  afterAll(async () => h?.close());

  it("HR of the mentee's agency registers a relation with a known senior mentor; bad input is 400 naming the field, an overlap 409, others 403", async () => {
    const admin = await h.as('ADMIN_OPD', 'admin-disdukcapil', AGENCY);
    const started = await admin.post(relations).send(relation);
    expect(started.status).toBe(201);
    expect(started.body.asMentee).toEqual([
      expect.objectContaining({ relationId: 'MENT-2024-01', role: 'MENTEE', mentorNip: MENTOR, mentorName: 'Hendra Gunawan', menteeName: 'Rina Putri', goals: relation.goals, sessions: [] }),
    ]);
    // The same again changes nothing.
    expect((await admin.post(relations).send(relation)).status).toBe(201);
    expect(await h.eventCount(`mentoring-${MENTEE}`)).toBe(1);

    const refused = async (body: object, status: number, code: string, field?: string) => {
      const res = await admin.post(relations).send({ ...relation, ...body });
      expect([res.status, res.body.code, res.body.field]).toEqual([status, code, field]);
    };
    await refused({ relationId: 'MENT-X', mentorNip: MENTEE }, 400, 'MENTOR_IS_MENTEE', 'mentorNip');
    await refused({ relationId: 'MENT-X', mentorNip: '199912312020121999' }, 400, 'MENTOR_UNKNOWN', 'mentorNip');
    await refused({ relationId: 'MENT-X', endDate: '2024-01-01' }, 400, 'INVALID_PERIOD', 'endDate');
    await refused({ relationId: 'MENT-X', startDate: '2024-02-30' }, 400, 'INVALID_DATE', 'startDate');
    await refused({ relationId: 'MENT-X', goals: [] }, 400, 'VALIDATION_FAILED', 'goals');
    await refused({ relationId: 'MENT-X', startDate: '2024-06-01', endDate: '2025-03-31' }, 409, 'MENTORING_OVERLAPS', undefined);
    await refused({ endDate: '2024-11-30' }, 409, 'RELATION_EXISTS', undefined);
    expect(await h.eventCount(`mentoring-${MENTEE}`)).toBe(1);

    expect((await (await h.as('ADMIN_OPD', 'admin-dinkes', 'DINKES')).post(relations).send({ ...relation, relationId: 'MENT-Y' })).status).toBe(403);
    expect((await (await h.as('EMPLOYEE', MENTEE)).post(relations).send({ ...relation, relationId: 'MENT-Y' })).status).toBe(403);
    expect((await (await h.as('ADMIN_OPD', MENTOR, AGENCY)).post(relations).send({ ...relation, relationId: 'MENT-Y', startDate: '2025-01-01', endDate: '2025-06-30' })).body.code).toBe('CONFLICT_OF_INTEREST');
    expect((await (await h.as('ADMIN_CITY', 'bkpsdm')).post(`/agencies/${AGENCY}/employees/${COLLEAGUE}/mentoring-relations`).send({ ...relation, relationId: 'MENT-C' })).status).toBe(201);
  });

  it('the mentor or the mentee records sessions within the period; each adds JP to the mentee, and to the mentor as the rule set in force says', async () => {
    const mentor = await h.as('EMPLOYEE', MENTOR);
    const mentee = await h.as('EMPLOYEE', MENTEE);
    const first = await mentor.post(sessions).send({ sessionId: 'S-1', date: '2024-03-05', minutes: 90, topic: 'Verifikasi dokumen kependudukan', coreValues: ['KOLABORATIF', 'KOMPETEN'] });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      relationId: 'MENT-2024-01',
      sessionId: 'S-1',
      factId: `mentoring:${MENTEE}:MENT-2024-01:S-1`,
      menteeNip: MENTEE,
      mentorNip: MENTOR,
      menteeCreditMinutes: 90,
      mentorCreditMinutes: 45,
      ruleSetVersion: '2024.2',
    });
    expect((await mentee.post(sessions).send({ sessionId: 'S-2', date: '2024-09-10', minutes: 270, topic: 'Pelayanan pemohon disabilitas', coreValues: ['BERORIENTASI_PELAYANAN'] })).status).toBe(201);
    // The same again changes nothing; other data under the same id is 409; outside the period or in the future is 400.
    expect((await mentor.post(sessions).send({ sessionId: 'S-1', date: '2024-03-05', minutes: 90, topic: 'Verifikasi dokumen kependudukan', coreValues: ['KOMPETEN', 'KOLABORATIF'] })).status).toBe(201);
    expect((await mentor.post(sessions).send({ sessionId: 'S-1', date: '2024-03-05', minutes: 60, topic: 'Verifikasi dokumen kependudukan' })).status).toBe(409);
    const outside = await mentor.post(sessions).send({ sessionId: 'S-3', date: '2024-01-15', minutes: 60, topic: 'Perkenalan' });
    expect([outside.status, outside.body.code, outside.body.field]).toEqual([400, 'SESSION_OUTSIDE_PERIOD', 'date']);
    expect((await mentor.post(sessions).send({ sessionId: 'S-3', date: '2024-10-20', minutes: 60, topic: 'Rencana' })).body.code).toBe('FUTURE_SESSION');
    expect((await mentor.post(sessions).send({ sessionId: 'S-3', date: '2024-10-01', minutes: 5, topic: 'Singkat' })).body.field).toBe('minutes');
    expect((await mentor.post(sessions).send({ sessionId: 'S-3', date: '2024-10-01', minutes: 60, topic: 'X', coreValues: ['RAMAH'] })).status).toBe(400);
    // Only the two people of the relation record its sessions.
    for (const [role, sub, agency] of [
      ['ADMIN_OPD', 'admin-disdukcapil', AGENCY],
      ['EMPLOYEE', COLLEAGUE, undefined],
    ] as const)
      expect((await (await h.as(role, sub, agency)).post(sessions).send({ sessionId: 'S-9', date: '2024-10-01', minutes: 60, topic: 'X' })).body.code).toBe('NOT_MENTORING_PARTY');
    expect((await mentor.post(`${relations}/MENT-NONE/sessions`).send({ sessionId: 'S-9', date: '2024-10-01', minutes: 60, topic: 'X' })).status).toBe(403);
    expect(await h.eventCount(`mentoring-${MENTEE}`)).toBe(3);

    // The mentee's development record: 360 minutes of mentoring = 8 JP, with the trainings toward 20 JP.
    const admin = await h.as('ADMIN_OPD', 'admin-disdukcapil', AGENCY);
    await admin.post(`/agencies/${AGENCY}/employees/${MENTEE}/trainings`).send({ trainingId: 'T-1', title: 'Pelayanan Prima', date: '2024-04-01', length: { unit: 'JP', value: 8 } });
    const menteeProgress = await mentee.get(`/agencies/${AGENCY}/employees/${MENTEE}/trainings?year=2024`);
    expect(menteeProgress.body.mentoring).toEqual({ sessions: 2, minutes: 360, jp: 8 });
    expect(menteeProgress.body.progress).toMatchObject({ minutes: 720, jp: 16, shortfallJp: 4, met: false });
    // The mentor: half of each session's time.
    const mentorProgress = await mentor.get(`/agencies/${AGENCY}/employees/${MENTOR}/trainings?year=2024`);
    expect(mentorProgress.body.mentoring).toEqual({ sessions: 2, minutes: 180, jp: 4 });

    // Both people see the relation in their record; a colleague does not see another's.
    const asMentor = await mentor.get(`/agencies/${AGENCY}/employees/${MENTOR}/mentoring?year=2024`);
    expect(asMentor.body.asMentee).toEqual([]);
    expect(asMentor.body.asMentor).toEqual([
      expect.objectContaining({ role: 'MENTOR', menteeNip: MENTEE, menteeName: 'Rina Putri', sessions: [expect.objectContaining({ sessionId: 'S-1', creditMinutes: 45, coreValues: ['KOLABORATIF', 'KOMPETEN'] }), expect.objectContaining({ sessionId: 'S-2', creditMinutes: 135 })] }),
      expect.objectContaining({ role: 'MENTOR', relationId: 'MENT-C', menteeName: 'Sari Melati', sessions: [] }),
    ]);
    const asMentee = await mentee.get(`/agencies/${AGENCY}/employees/${MENTEE}/mentoring?year=2024`);
    expect(asMentee.body.asMentee[0].sessions.map((s: { creditMinutes: number }) => s.creditMinutes)).toEqual([90, 270]);
    expect(asMentee.body.credit).toEqual({ sessions: 2, minutes: 360, jp: 8 });
    expect((await (await h.as('EMPLOYEE', COLLEAGUE)).get(`/agencies/${AGENCY}/employees/${MENTEE}/mentoring?year=2024`)).status).toBe(403);
    expect((await mentee.get(`/agencies/${AGENCY}/employees/${MENTEE}/mentoring?year=next`)).status).toBe(400);

    // The agency's 20 JP list counts the mentoring.
    const agency = await admin.get(`/agencies/${AGENCY}/trainings?year=2024`);
    expect(agency.body.employees.find((e: { nip: string }) => e.nip === MENTEE)).toMatchObject({ trainings: 1, mentoringSessions: 2, progress: { jp: 16 } });
    expect(agency.body.employees.find((e: { nip: string }) => e.nip === MENTOR)).toMatchObject({ trainings: 0, mentoringSessions: 2, progress: { jp: 4 } });
  });

  it("publishes MentoringSessionRecorded.v1 keyed by the mentor's NIP, for the mentor's BerAKHLAK evidence in evaluation", async () => {
    const published = await eventually(
      () =>
        h.sql.query(`SELECT key, convert_from(value, 'UTF8')::jsonb AS v FROM kinerja_log.messages WHERE topic = $1 AND headers->>'ce_type' = 'MentoringSessionRecorded.v1' ORDER BY "offset"`, [
          TOPICS.careerDecisions,
        ]),
      (r) => r.rows.length === 2,
    );
    expect(published.rows.map((r) => r.key)).toEqual([MENTOR, MENTOR]);
    expect(published.rows[0].v.data ?? published.rows[0].v).toMatchObject({
      factId: `mentoring:${MENTEE}:MENT-2024-01:S-1`,
      nip: MENTOR,
      menteeNip: MENTEE,
      date: '2024-03-05',
      minutes: 90,
      coreValues: ['KOLABORATIF', 'KOMPETEN'],
    });
  });
});
