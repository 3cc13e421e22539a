import { SlaScheduler } from '../src/complaints/sla-breach.reactor';
import { bootHarness, DINKES_ADMIN, Harness, OFFICER, seedDirectory } from './support/harness';

const UNSUR = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
const ENV = { RATE_LIMIT_PER_ADDRESS: '100000', RATE_LIMIT_PER_TARGET: '100000' };

/** `count` respondents answering all nine unsur, whose answers add up to `total`. */
function respondents(count: number, total: number): Record<string, number>[] {
  let extra = total - 9 * count;
  return Array.from({ length: count }, () => Object.fromEntries(UNSUR.map((u) => {
    const add = Math.min(3, extra);
    extra -= add;
    return [u, 1 + add];
  })));
}

async function publishedTypes(h: Harness): Promise<string[]> {
  const { rows } = await h.sql
    .query(`SELECT headers->>'ce_type' AS type FROM kinerja_log.messages WHERE topic = 'kinerja.feedback-intake.v1' ORDER BY partition, "offset"`)
    .catch(() => ({ rows: [] as { type: string }[] }));
  return rows.map((r) => r.type);
}

async function eventually<T>(probe: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (until(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('feedback-intake: IKM at the grade boundaries, SLA deadlines and the SLA scheduler, through HTTP', () => {
  let h: Harness & { keyDir: string };

  beforeAll(async () => {
    h = await bootHarness('fi_ikm_sla', { now: '2026-03-06T03:00:00.000Z', env: ENV });
    await seedDirectory(h);
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('IKM (PermenPANRB 14/2017) per unit and period', () => {
    it.each([
      [38, 889, '64.99', 'D', 'Tidak Baik'],
      [5, 117, '65.00', 'C', 'Kurang Baik'],
      [26, 717, '76.60', 'C', 'Kurang Baik'],
      [19, 524, '76.61', 'B', 'Baik'],
      [19, 604, '88.30', 'B', 'Baik'],
      [24, 763, '88.31', 'A', 'Sangat Baik'],
    ])('%i respondents totalling %i → %s, grade %s', async (count, total, ikm, grade, label) => {
      const unitId = `UPT-${ikm.replace('.', '')}`;
      const admin = await h.as(...DINKES_ADMIN);
      await admin.put(`/directory/units/${unitId}`).send({ agencyId: 'DINKES', name: `UPT ${ikm}` }).expect(200);
      expect((await admin.post('/skm/periods').send({ unitId, periodId: '2026-S1' }).expect(201)).body).toMatchObject({ status: 'OPEN', responseCount: 0 });
      for (const answers of respondents(count, total)) {
        await h.citizen().post(`/public/skm/${unitId}/2026-S1/responses`).send({ answers, channel: 'KIOSK' }).expect(201);
      }
      const closed = await admin.post(`/skm/periods/${unitId}/2026-S1/close`).expect(200);
      const expected = { unitId, periodId: '2026-S1', agencyId: 'DINKES', status: 'COMPUTED', ikm, grade, label, respondentCount: count, responseCount: count, weight: '1/9', revision: 1 };
      expect(closed.body).toMatchObject(expected);
      expect((await h.citizen().get(`/public/ikm/${unitId}/2026-S1`).expect(200)).body).toMatchObject(expected);
    });

    it('recomputes with a new revision when a late answer arrives after closing', async () => {
      const late = await h.citizen().post('/public/skm/UPT-6500/2026-S1/responses').send({ answers: { U1: 4, U2: 4 }, channel: 'WEB_FORM' }).expect(201);
      expect(late.body.message).toContain('diterima');
      const ikm = await h.citizen().get('/public/ikm/UPT-6500/2026-S1').expect(200);
      expect(ikm.body).toMatchObject({ revision: 2, respondentCount: 6, responseCount: 6 });
    });

    it("lists the year's IKM of every unit for the dashboards: the agency's own for its admin, the city's for BKPSDM; others are refused", async () => {
      const own = (await (await h.as(...DINKES_ADMIN)).get('/skm/ikm?year=2026').expect(200)).body as { unitId: string; agencyId: string; periodId: string; ikm: string }[];
      const published = (await h.citizen().get('/public/ikm/UPT-6500/2026-S1').expect(200)).body;
      // What is published, with the unit's name from the directory (the dashboards show names, not ids).
      expect(own.find((r) => r.unitId === 'UPT-6500')).toEqual({ ...published, unitName: 'UPT 65.00' });
      expect(own.every((r) => r.agencyId === 'DINKES')).toBe(true);
      expect((await (await h.as('ADMIN_CITY', 'bkpsdm')).get('/skm/ikm?year=2026&agencyId=DINKES').expect(200)).body.length).toBe(own.length);
      expect((await (await h.as('ADMIN_CITY', 'bkpsdm')).get('/skm/ikm?year=2025').expect(200)).body).toEqual([]);
      expect((await (await h.as('ADMIN_OPD', 'admin-disdik', 'DISDIK')).get('/skm/ikm?year=2026&agencyId=DINKES').expect(403)).body.code).toBe('IKM_LIST_FORBIDDEN');
      expect((await (await h.as('EMPLOYEE', OFFICER, 'DINKES')).get('/skm/ikm?year=2026').expect(403)).body.code).toBe('IKM_LIST_FORBIDDEN');
      expect((await (await h.as(...DINKES_ADMIN)).get('/skm/ikm?year=abc').expect(400)).body.field).toBe('year');
    });

    it('refuses a score outside 1–4 and an unknown unsur with 400, storing nothing; a closed period cannot be closed again (409)', async () => {
      const before = await h.eventCount();
      expect((await h.citizen().post('/public/skm/UPT-6500/2026-S1/responses').send({ answers: { U1: 5 }, channel: 'KIOSK' }).expect(400)).body.code).toBe('SCORE_OUT_OF_RANGE');
      expect((await h.citizen().post('/public/skm/UPT-6500/2026-S1/responses').send({ answers: { U10: 3 }, channel: 'KIOSK' }).expect(400)).body.code).toBe('UNKNOWN_UNSUR');
      await h.citizen().post('/public/skm/UPT-NOPE/2026-S1/responses').send({ answers: { U1: 3 }, channel: 'KIOSK' }).expect(404);
      expect((await (await h.as(...DINKES_ADMIN)).post('/skm/periods/UPT-6500/2026-S1/close').expect(409)).body.code).toBe('SURVEY_PERIOD_CLOSED');
      expect(await h.eventCount()).toBe(before);
    });
  });

  describe('SLA deadlines in working days (WIB, national holidays and cuti bersama 2026)', () => {
    it.each([
      ['Friday, across a weekend', '2026-03-06T03:00:00.000Z', 'PUNGUTAN_LIAR', '2026-03-11'],
      ['before Imlek (cuti bersama and holiday) and a weekend', '2026-02-13T03:00:00.000Z', 'PELAYANAN', '2026-02-24'],
      ['before Nyepi and Idulfitri with their cuti bersama', '2026-03-17T03:00:00.000Z', 'PELAYANAN', '2026-03-31'],
      ['at 23:59 WIB on a Friday (the local date counts, not UTC)', '2026-03-13T16:59:00.000Z', 'PUNGUTAN_LIAR', '2026-03-25'],
    ])('received %s', async (_when, at, category, dueOn) => {
      h.clock.set(at);
      const res = await h.citizen().post('/public/complaints').send({ unitId: 'PUSKESMAS-1', category, channel: 'KIOSK', description: 'Pelayanan lambat.' }).expect(201);
      const next = new Date(`${dueOn}T00:00:00.000Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      expect(res.body).toMatchObject({ dueOn, dueAt: new Date(next.getTime() - 7 * 3600_000).toISOString() });
    });
  });

  describe('SLA scheduler', () => {
    let first: string;
    let second: string;
    let later: string;
    const breaches = async (complaintId: string) => (await h.store.readStream(`complaint-${complaintId}`)).filter((e) => e.type === 'ComplaintSlaBreached');

    it('records the passed deadlines of earlier complaints, and nothing before a deadline', async () => {
      h.clock.set('2026-04-06T03:00:00.000Z'); // Monday: 3 working days → due Thursday 2026-04-09, end of day
      expect(await h.app.get(SlaScheduler).runOnce()).toBe(4); // the four of the deadline tests above
      const file = async () =>
        (await h.citizen().post('/public/complaints').send({ unitId: 'PUSKESMAS-1', category: 'PUNGUTAN_LIAR', channel: 'WEB_FORM', description: `Pungutan di loket ${Math.random()}` }).expect(201)).body;
      first = (await file()).complaintId;
      second = (await file()).complaintId;
      h.clock.set('2026-04-07T03:00:00.000Z');
      later = (await file()).complaintId; // due 2026-04-10
      h.clock.set('2026-04-09T16:59:59.999Z');
      expect(await h.app.get(SlaScheduler).runOnce()).toBe(0);
    });

    it('records each breach exactly once when the deadline passes, even with schedulers running at once', async () => {
      h.clock.set('2026-04-09T17:00:00.000Z');
      const scheduler = h.app.get(SlaScheduler);
      const counts = await Promise.all([scheduler.runOnce(), scheduler.runOnce(), scheduler.runOnce()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(2);
      expect(await scheduler.runOnce()).toBe(0);
      for (const id of [first, second]) {
        const [breach] = await breaches(id);
        expect(breach.data).toMatchObject({ complaintId: id, dueAt: '2026-04-09T17:00:00.000Z', detectedAt: '2026-04-09T17:00:00.000Z' });
        expect(await breaches(id)).toHaveLength(1);
      }
      expect(await breaches(later)).toHaveLength(0);
      // The scheduler's append reaches the inbox read model a moment later (no request waited for it).
      const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
      let inbox = await officer.get(`/complaints/${first}`).expect(200);
      for (const deadline = Date.now() + 15_000; !inbox.body.sla.breachRecorded && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        inbox = await officer.get(`/complaints/${first}`).expect(200);
      }
      expect(inbox.body.sla).toMatchObject({ overdue: true, breachRecorded: true, secondsLeft: 0 });
    });

    it('records a breach with a late resolution in the same append; the scheduler then has nothing to do', async () => {
      h.clock.set('2026-04-13T01:00:00.000Z');
      const officer = await h.as('EMPLOYEE', OFFICER, 'DINKES');
      await officer.post(`/complaints/${later}/triage`).send({ assignee: { kind: 'UNIT', unitId: 'PUSKESMAS-1' } }).expect(200);
      await officer.post(`/complaints/${later}/start`).expect(200);
      await officer.post(`/complaints/${later}/resolve`).send({ resolution: 'Pungutan dihentikan; petugas dibina.' }).expect(200);
      const events = (await h.store.readStream(`complaint-${later}`)).map((e) => [e.type, (e.data as { withinSla?: boolean }).withinSla]);
      expect(events.slice(-2)).toEqual([['ComplaintSlaBreached', undefined], ['ComplaintResolved', false]]);
      expect(await h.app.get(SlaScheduler).runOnce()).toBe(0);
    });

    it('keeps exactly once across a restart: a new instance with its scheduler running records only the new breach', async () => {
      h.clock.set('2026-04-13T02:00:00.000Z');
      const pending = (await h.citizen().post('/public/complaints').send({ unitId: 'PUSKESMAS-1', category: 'PUNGUTAN_LIAR', channel: 'WEB_FORM', description: 'Tarif tidak resmi.' }).expect(201)).body.complaintId;
      await h.stop();

      const restarted = await bootHarness('', { now: '2026-05-01T03:00:00.000Z', db: h.db, keyDir: h.keyDir, env: { ...ENV, SLA_SCHEDULER_ENABLED: 'true', SLA_SCHEDULER_INTERVAL_MS: '100' } });
      try {
        const got = await eventually(() => restarted.store.readStream(`complaint-${pending}`), (events) => events.some((e) => e.type === 'ComplaintSlaBreached'));
        expect(got.filter((e) => e.type === 'ComplaintSlaBreached')).toHaveLength(1);
        await new Promise((resolve) => setTimeout(resolve, 500));
        for (const id of [first, second, later, pending]) {
          expect((await restarted.store.readStream(`complaint-${id}`)).filter((e) => e.type === 'ComplaintSlaBreached')).toHaveLength(1);
        }
        expect(await restarted.app.get(SlaScheduler).runOnce()).toBe(0);

        // The relay published each public fact once, across both instances.
        const types = await eventually(() => publishedTypes(restarted), (t) => t.filter((x) => x === 'ComplaintSlaBreached.v1').length >= 8);
        const count = (type: string) => types.filter((t) => t === type).length;
        expect(count('ComplaintSlaBreached.v1')).toBe(8);
        expect(count('ComplaintResolved.v1')).toBe(1);
        expect(count('IkmComputed.v1')).toBe(7);
        const { rows } = await restarted.sql.query(
          `SELECT convert_from(value, 'UTF8')::jsonb AS data FROM kinerja_log.messages WHERE headers->>'ce_type' = 'IkmComputed.v1' AND key = 'UPT-7661'`,
        );
        expect(rows.map((r) => r.data)).toEqual([expect.objectContaining({ unitId: 'UPT-7661', periodId: '2026-S1', ikm: '76.61', grade: 'B', respondentCount: 19, weight: '1/9', revision: 1, trigger: 'PERIOD_CLOSED' })]);
      } finally {
        await restarted.stop();
      }
    });
  });
});
