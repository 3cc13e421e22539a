import { RULE_SET_2022_1 } from '../src/rule-sets/default-rule-set';
import { ObjectionWindowScheduler } from '../src/evaluations/objection-window.reactor';
import { AGENCY, bootHarness, Harness, NIP, organisationFacts } from './support/harness';

/** From 2026 the curve blocks finalisation instead of asking for a justification. */
const RULE_SET_2026_1 = { ...RULE_SET_2022_1, version: '2026.1', effectiveFrom: '2026-01-01', curve: { ...RULE_SET_2022_1.curve, enforcement: 'BLOCK' } };

const Y2025 = `${AGENCY}:2025:ANNUAL`;
const Y2026 = `${AGENCY}:2026:ANNUAL`;

describe('distribution curve (WARN and BLOCK), keberatan window edges and the window scheduler over HTTP', () => {
  let h: Harness;

  const rateUnit = async (periodId: string, staff: Record<string, [string, string]>) => {
    const kaumum = await h.as('SUPERVISOR', NIP.kaumum);
    for (const [nip, [ratingHasil, ratingPerilaku]] of Object.entries(staff)) {
      const res = await kaumum.post(`/periods/${periodId}/employees/${nip}/evaluation`).send({ ratingHasil, ratingPerilaku, justification: 'Sesuai bukti kinerja.' });
      expect(res.status).toBe(201);
    }
    const sek = await h.as('SUPERVISOR', NIP.sek);
    expect((await sek.put(`/periods/${periodId}/units/U-UMUM/organisation-predicate`).send({ predicate: 'BAIK' })).status).toBe(200);
    expect((await sek.post(`/periods/${periodId}/employees/${NIP.kaumum}/evaluation`).send({ ratingPerilaku: 'SESUAI', justification: 'Memimpin unit.' })).status).toBe(201);
  };

  beforeAll(async () => {
    h = await bootHarness('eval_curve', { now: '2027-01-05T03:00:00Z', env: { RULE_SETS_JSON: JSON.stringify(RULE_SET_2026_1) } });
    const admin = await h.as('ADMIN_CITY', 'bkpsdm');
    expect((await admin.post('/organisation/facts').send({ facts: organisationFacts() })).status).toBe(200);
    for (const year of [2025, 2026]) expect((await admin.post(`/agencies/${AGENCY}/evaluation-calendars`).send({ year, cadence: 'SEMESTER' })).status).toBe(201);
  });
  afterAll(async () => h?.close());

  it('WARN (2022.1): Monitoring Kurva shows the broken conditions; finalising needs a recorded justification', async () => {
    await rateUnit(Y2025, { [NIP.staf1]: ['SESUAI', 'SESUAI'], [NIP.staf2]: ['SESUAI', 'SESUAI'], [NIP.staf3]: ['SESUAI', 'SESUAI'] });
    const sek = await h.as('SUPERVISOR', NIP.sek);
    const curve = await sek.get(`/periods/${Y2025}/units/U-UMUM/curve`);
    expect(curve.status).toBe(200);
    expect(curve.body).toMatchObject({ organisationPredicate: 'BAIK', ruleSetVersion: '2022.1', enforcement: 'WARN', unrated: 0 });
    expect(curve.body.check).toMatchObject({ total: 4, passed: false, failed: ['BAIK.B_MAX', 'BAIK.BP_K_PRESENT'] });
    expect(curve.body.check.counts.BAIK).toBe(4);
    expect((await (await h.as('EMPLOYEE', NIP.staf1)).get(`/periods/${Y2025}/units/U-UMUM/curve`)).status).toBe(403);

    const agency = await (await h.as('ADMIN_OPD', 'admin-dinkes', AGENCY)).get(`/periods/${Y2025}/curve`);
    expect(agency.status).toBe(200);
    expect(agency.body.summary).toMatchObject({ unitsChecked: 1, unitsFailing: 1, employees: 6, unrated: 2 });
    // Issue 15 finding 7: a PPK reads its own agency's curve, never another agency's (every NIP and predicate).
    expect((await (await h.as('PPK', 'ppk-dinkes', AGENCY)).get(`/periods/${Y2025}/curve`)).status).toBe(200);
    expect((await (await h.as('PPK', 'ppk-disdik', 'DISDIK')).get(`/periods/${Y2025}/curve`)).status).toBe(403);
    expect((await (await h.as('PPK', 'ppk-disdik', 'DISDIK')).get(`/periods/${Y2025}/units/U-UMUM/curve`)).status).toBe(403);

    // The leaders' own Monitoring Kurva: the Sekretaris leads U-UMUM one level up, the Kepala Umum leads it; a staff member leads nothing.
    const led = await sek.get(`/periods/${Y2025}/led-units`);
    expect(led.status).toBe(200);
    expect(led.body.units.map((u: { unitId: string }) => u.unitId)).toContain('U-UMUM');
    expect(led.body.units.find((u: { unitId: string }) => u.unitId === 'U-UMUM').check).toMatchObject({ passed: false });
    expect((await (await h.as('SUPERVISOR', NIP.kaumum)).get(`/periods/${Y2025}/led-units`)).body.units.map((u: { unitId: string }) => u.unitId)).toEqual(['U-UMUM']);
    expect((await (await h.as('EMPLOYEE', NIP.staf1)).get(`/periods/${Y2025}/led-units`)).body.units).toEqual([]);

    expect((await (await h.as('SUPERVISOR', NIP.kaumum)).post(`/periods/${Y2025}/units/U-UMUM/finalization`).send({ justification: 'x' })).status).toBe(403);
    const without = await sek.post(`/periods/${Y2025}/units/U-UMUM/finalization`).send({});
    expect(without.status).toBe(400);
    expect(without.body.code).toBe('CURVE_JUSTIFICATION_REQUIRED');
    const finalized = await sek.post(`/periods/${Y2025}/units/U-UMUM/finalization`).send({ justification: 'Unit kecil; seluruh pegawai memenuhi target.' });
    expect(finalized.status).toBe(201);
    expect(finalized.body).toMatchObject({ finalized: true, finalization: { justification: 'Unit kecil; seluruh pegawai memenuhi target.', enforcement: 'WARN', curve: { passed: false } } });
    const late = await (await h.as('SUPERVISOR', NIP.kaumum)).post(`/periods/${Y2025}/employees/${NIP.staf1}/evaluation`).send({ ratingHasil: 'DI_ATAS', ratingPerilaku: 'SESUAI', justification: 'Revisi.' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('UNIT_FINALIZED');
  });

  it('BLOCK (2026.1): a distribution off the curve is refused; once it fits, the unit is finalised', async () => {
    await rateUnit(Y2026, { [NIP.staf1]: ['SESUAI', 'SESUAI'], [NIP.staf2]: ['SESUAI', 'SESUAI'], [NIP.staf3]: ['SESUAI', 'SESUAI'] });
    const sek = await h.as('SUPERVISOR', NIP.sek);
    const before = await h.eventCount(`unit-evaluation-${Y2026}:U-UMUM`);
    const blocked = await sek.post(`/periods/${Y2026}/units/U-UMUM/finalization`).send({ justification: 'Mohon dipertimbangkan.' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('CURVE_VIOLATED');
    expect(await h.eventCount(`unit-evaluation-${Y2026}:U-UMUM`)).toBe(before);

    const kaumum = await h.as('SUPERVISOR', NIP.kaumum);
    expect((await kaumum.post(`/periods/${Y2026}/employees/${NIP.staf3}/evaluation`).send({ ratingHasil: 'DI_BAWAH', ratingPerilaku: 'SESUAI', justification: 'Target tidak tercapai.' })).status).toBe(201);
    const curve = await sek.get(`/periods/${Y2026}/units/U-UMUM/curve`);
    expect(curve.body.check).toMatchObject({ passed: true, counts: { BAIK: 3, BUTUH_PERBAIKAN: 1 } });
    expect(curve.body.check.conditions.find((c: { id: string }) => c.id === 'BAIK.B_MAX')).toMatchObject({ count: 3, bound: 3, pass: true });
    const finalized = await sek.post(`/periods/${Y2026}/units/U-UMUM/finalization`).send({});
    expect(finalized.status).toBe(201);
    expect(finalized.body).toMatchObject({ finalized: true, ruleSetVersion: '2026.1', finalization: { enforcement: 'BLOCK', justification: null, curve: { passed: true } } });
  });

  it('accepts a keberatan on day 14 and refuses it on day 15 in the city time zone (WIB), with the reason', async () => {
    h.clock.set('2027-01-19T16:59:00Z'); // 23:59 WIB on 19 January: day 14
    const day14 = await (await h.as('EMPLOYEE', NIP.staf1)).post(`/evaluations/${Y2025}:${NIP.staf1}/objection`).send({ reasons: 'Capaian tidak dinilai lengkap.' });
    expect(day14.status).toBe(201);
    expect(day14.body.objection.dayOfWindow).toBe(14);
    h.clock.set('2027-01-19T17:00:00Z'); // 00:00 WIB on 20 January: day 15
    const day15 = await (await h.as('EMPLOYEE', NIP.staf2)).post(`/evaluations/${Y2025}:${NIP.staf2}/objection`).send({ reasons: 'Terlambat.' });
    expect(day15.status).toBe(409);
    expect(day15.body.code).toBe('OBJECTION_WINDOW_CLOSED');
    expect(day15.body.message).toContain('hari ke-15');
  });

  it('finalises every predicate whose window ended without objection exactly once, across replicas and restarts', async () => {
    const replica = await h.boot();
    const [a, b] = await Promise.all([h.app.get(ObjectionWindowScheduler).tick(), replica.app.get(ObjectionWindowScheduler).tick()]);
    // 2025: staf2, staf3, kaumum (staf1 objected); 2026: all four.
    expect(a + b).toBe(7);
    const { rows } = await h.sql.query(`SELECT stream, count(*)::int AS n FROM evaluation_events.events WHERE type = 'PredicateFinalized' GROUP BY stream`);
    expect(rows).toHaveLength(7);
    expect(rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    expect(rows.map((r: { stream: string }) => r.stream)).not.toContain(`evaluation-${Y2025}:${NIP.staf1}`);

    await replica.close();
    const restarted = await h.boot({ SCHEDULER_ENABLED: 'true', SCHEDULER_INTERVAL_MS: '50' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await restarted.app.get(ObjectionWindowScheduler).tick()).toBe(0);
    const after = await h.sql.query(`SELECT count(*)::int AS n FROM evaluation_events.events WHERE type = 'PredicateFinalized'`);
    expect(after.rows[0].n).toBe(7);

    const staf2 = await (await h.as('EMPLOYEE', NIP.staf2)).get(`/evaluations/${Y2025}:${NIP.staf2}`);
    expect(staf2.body).toMatchObject({ status: 'FINALIZED', finalizedVia: 'WINDOW_ENDED', predicate: 'BAIK' });
    const staf1 = await (await h.as('EMPLOYEE', NIP.staf1)).get(`/evaluations/${Y2025}:${NIP.staf1}`);
    expect(staf1.body.status).toBe('OBJECTED');
  });

  it('finalises on its timer once a window ends, as the service runs it', async () => {
    h.clock.set('2027-01-21T03:00:00Z');
    const kadis = await h.as('SUPERVISOR', NIP.kadis);
    expect((await kadis.put(`/periods/${Y2025}/units/U-SEK/organisation-predicate`).send({ predicate: 'BAIK' })).status).toBe(200);
    expect((await kadis.post(`/periods/${Y2025}/employees/${NIP.sek}/evaluation`).send({ ratingPerilaku: 'SESUAI', justification: 'Memimpin sekretariat.' })).status).toBe(201);
    h.clock.set('2027-02-05T03:00:00Z');
    const deadline = Date.now() + 5_000;
    let status = '';
    while (Date.now() < deadline && status !== 'FINALIZED') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await (await h.as('EMPLOYEE', NIP.sek)).get(`/evaluations/${Y2025}:${NIP.sek}`)).body.status;
    }
    expect(status).toBe('FINALIZED');
  });
});
