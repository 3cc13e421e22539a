import { randomUUID } from 'node:crypto';
import { DecisionIssuedV1, DecisionRevokedV1, TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, PgLogTransport, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { bootHarness, Harness } from './support/harness';

const NOW = '2026-03-10T03:00:00.000Z';
const KADIS = '197001011995031001';
const KABID_A = '197505052000031002';
const KABID_B = '197802022001122004';
const STAFF = '199003152015031002';

const message = (type: 'DecisionIssued.v1' | 'DecisionRevoked.v1', data: DecisionIssuedV1 | DecisionRevokedV1, id = randomUUID()) =>
  toOutgoingMessage({
    id,
    type,
    data: data as unknown as Record<string, unknown>,
    key: data.nip,
    source: '/kinerja/career-decisions',
    time: NOW,
    correlationId: id,
    traceparent: traceparentFor(id, id),
  });

const placement = (decisionId: string, over: Partial<DecisionIssuedV1>): DecisionIssuedV1 => ({
  decisionId,
  kind: 'ROTASI',
  nip: STAFF,
  agencyId: 'DINKES',
  effectiveDate: '2026-04-01',
  placement: { positionId: 'STAF-B', until: null },
  factIds: [randomUUID()],
  issue: 1,
  replacedFactId: null,
  issuedAt: NOW,
  ...over,
});

describe("work-planning applies career-decisions' placement decisions (consumer with inbox, PG log)", () => {
  let h: Harness;
  let transport: PgLogTransport;

  beforeAll(async () => {
    h = await bootHarness('wp_placements', { now: NOW });
    transport = createPgLogTransport({ connectionString: h.db.url });
    await transport.ensureTopic(TOPICS.careerDecisions, 6);
    const city = await h.as('ADMIN_CITY', 'bkpsdm.admin');
    await city.post('/agencies').send({ code: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    for (const [nip, name] of [
      [KADIS, 'Kepala Dinas'],
      [KABID_A, 'Kabid A'],
      [KABID_B, 'Kabid B'],
      [STAFF, 'Budi Santoso'],
    ])
      await city.post('/employees').send({ nip, name, status: 'PNS', agencyId: 'DINKES' }).expect(201);
    await city.post('/agencies/DINKES/units').send({ unitId: 'DINKES', name: 'Dinas Kesehatan' }).expect(201);
    for (const [positionId, kind, parentPositionId] of [
      ['KADIS', 'JPT_PRATAMA', null],
      ['KABID-A', 'ADMINISTRATOR', 'KADIS'],
      ['KABID-B', 'ADMINISTRATOR', 'KADIS'],
      ['KASI-B', 'PENGAWAS', 'KABID-B'],
      ['STAF-A', 'PELAKSANA', 'KABID-A'],
      ['STAF-B', 'PELAKSANA', 'KABID-B'],
    ])
      await city
        .post('/agencies/DINKES/positions')
        .send({ positionId, name: positionId, kind, unitId: 'DINKES', parentPositionId, establishedOn: '2020-01-01' })
        .expect(201);
    for (const [nip, positionId] of [
      [KADIS, 'KADIS'],
      [KABID_A, 'KABID-A'],
      [KABID_B, 'KABID-B'],
      [STAFF, 'STAF-A'],
    ])
      await city.post('/agencies/DINKES/assignments').send({ nip, positionId, type: 'DEFINITIVE', from: '2020-01-01' }).expect(201);
  });
  afterAll(async () => {
    await transport?.close();
    await h?.close();
  });

  const supervisorOf = async (nip: string, date: string) =>
    (await (await h.as('ADMIN_CITY')).get(`/employees/${nip}/supervisor?date=${date}`).expect(200)).body;
  const holdersOf = async (positionId: string, date: string) => {
    const tree = (await (await h.as('ADMIN_CITY')).get(`/agencies/DINKES/organisation?date=${date}`).expect(200)).body;
    const position = tree.units[0].positions.find((p: { positionId: string }) => p.positionId === positionId);
    return position.holders.map((x: { nip: string; type: string }) => `${x.nip}:${x.type}`);
  };
  const handled = async () =>
    (await h.sql.query(`SELECT count(*)::int AS n FROM work_planning.inbox WHERE group_id = 'work-planning'`)).rows[0].n as number;
  const untilHandled = async (n: number) => {
    const deadline = Date.now() + 15_000;
    while ((await handled()) < n && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await handled()).toBe(n);
  };

  const eventually = async <T>(read: () => Promise<T>, expected: T): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (JSON.stringify(await read()) !== JSON.stringify(expected) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await read()).toEqual(expected);
  };

  it('moves the employee to the new post from the effective date, and a redelivery changes nothing', async () => {
    const rotation = message('DecisionIssued.v1', placement('KEP-ROTASI-1', {}));
    await transport.produce(TOPICS.careerDecisions, [rotation]);
    await untilHandled(1);
    await eventually(() => holdersOf('STAF-B', '2026-04-01'), [`${STAFF}:DEFINITIVE`]);

    expect((await supervisorOf(STAFF, '2026-03-31')).pejabatPenilai.nip).toBe(KABID_A);
    expect((await supervisorOf(STAFF, '2026-04-01')).pejabatPenilai.nip).toBe(KABID_B);
    expect(await holdersOf('STAF-A', '2026-03-31')).toEqual([`${STAFF}:DEFINITIVE`]);
    expect(await holdersOf('STAF-A', '2026-04-01')).toEqual([]);
    expect(await holdersOf('STAF-B', '2026-04-01')).toEqual([`${STAFF}:DEFINITIVE`]);

    const before = await h.eventCount();
    const republished = message('DecisionIssued.v1', placement('KEP-ROTASI-1', {}));
    await transport.produce(TOPICS.careerDecisions, [rotation, republished]);
    await untilHandled(2);
    expect(await h.eventCount()).toBe(before);
    expect(await holdersOf('STAF-B', '2026-04-01')).toEqual([`${STAFF}:DEFINITIVE`]);
  });

  it('applies a temporary placement as PLT until its last day, and ends it the day before it is revoked', async () => {
    const temporary = placement('KEP-SEMENTARA-1', {
      kind: 'PENEMPATAN_SEMENTARA',
      nip: KABID_A,
      effectiveDate: '2026-04-01',
      placement: { positionId: 'KASI-B', until: '2026-09-30' },
    });
    await transport.produce(TOPICS.careerDecisions, [message('DecisionIssued.v1', temporary)]);
    await untilHandled(3);
    await eventually(() => holdersOf('KASI-B', '2026-05-15'), [`${KABID_A}:PLT`]);
    expect(await holdersOf('KASI-B', '2026-03-31')).toEqual([]);
    expect(await holdersOf('KASI-B', '2026-05-15')).toEqual([`${KABID_A}:PLT`]);
    expect(await holdersOf('KABID-A', '2026-05-15')).toEqual([`${KABID_A}:DEFINITIVE`]);
    expect(await holdersOf('KASI-B', '2026-10-01')).toEqual([]);

    const revoked: DecisionRevokedV1 = {
      decisionId: 'KEP-SEMENTARA-1',
      kind: 'PENEMPATAN_SEMENTARA',
      nip: KABID_A,
      agencyId: 'DINKES',
      wasIssued: true,
      reason: 'Predikat berubah setelah keberatan.',
      changedFactId: randomUUID(),
      revokedAt: '2026-06-01T02:00:00.000Z',
    };
    const revocation = message('DecisionRevoked.v1', revoked);
    await transport.produce(TOPICS.careerDecisions, [revocation]);
    await untilHandled(4);
    await eventually(() => holdersOf('KASI-B', '2026-06-01'), []);
    expect(await holdersOf('KASI-B', '2026-05-31')).toEqual([`${KABID_A}:PLT`]);
    expect(await holdersOf('KASI-B', '2026-06-01')).toEqual([]);

    const before = await h.eventCount();
    await transport.produce(TOPICS.careerDecisions, [message('DecisionRevoked.v1', revoked)]);
    await untilHandled(5);
    expect(await h.eventCount()).toBe(before);
  });

  it('logs a placement the organisation refuses, applies nothing of it, and goes on with the next message', async () => {
    const before = await h.eventCount();
    const unknownPost = placement('KEP-PROMOSI-X', { kind: 'PROMOSI', nip: KABID_B, placement: { positionId: 'TIDAK-ADA', until: null } });
    const notPlacement = placement('KEP-PANGKAT-1', { kind: 'KENAIKAN_PANGKAT', placement: null });
    await transport.produce(TOPICS.careerDecisions, [message('DecisionIssued.v1', unknownPost), message('DecisionIssued.v1', notPlacement)]);
    await untilHandled(7);
    expect(await h.eventCount()).toBe(before);
    expect(await holdersOf('KABID-B', '2026-05-01')).toEqual([`${KABID_B}:DEFINITIVE`]);
  });
});
