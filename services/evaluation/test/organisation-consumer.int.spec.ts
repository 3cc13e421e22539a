import { randomUUID } from 'node:crypto';
import { TOPICS } from '@kinerja/contracts';
import { createPgLogTransport, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { AGENCY, bootHarness, Harness, NIP, organisationFacts } from './support/harness';

/** work-planning's public organisation events, as its relay publishes them. */
function publicEvents() {
  return organisationFacts().map((fact) => {
    const data = fact.type === 'PositionCreated' ? { ...fact.data, kind: 'PELAKSANA' } : fact.data;
    const id = randomUUID();
    const key = 'nip' in data ? data.nip : data.agencyId;
    return toOutgoingMessage({
      id,
      type: `${fact.type}.v1`,
      data,
      key,
      source: '/kinerja/work-planning',
      time: '2026-01-02T03:00:00.000Z',
      correlationId: id,
      traceparent: traceparentFor(id, id),
    });
  });
}

describe("the local organisation copy from work-planning's public events (consumer with inbox, PG log)", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await bootHarness('eval_consumer', { now: '2026-07-15T03:00:00Z' });
  });
  afterAll(async () => h?.close());

  const chainOf = async (nip: string, date: string) =>
    (await (await h.as('ADMIN_CITY', 'bkpsdm')).get(`/organisation/agencies/${AGENCY}/employees/${nip}/reporting-chain?date=${date}`)).body;

  const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 10_000;
    let value = await read();
    while (!ok(value) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = await read();
    }
    return value;
  };

  it('builds who rates whom from the events, ignores redeliveries, and follows an assignment that ends', async () => {
    const transport = createPgLogTransport({ connectionString: h.db.url });
    try {
      const messages = publicEvents();
      await transport.ensureTopic(TOPICS.workPlanning, 6);
      await transport.produce(TOPICS.workPlanning, messages);
      const chain = await eventually(() => chainOf(NIP.staf1, '2026-07-15'), (c) => c.atasanPejabatPenilaiId !== null);
      expect(chain).toMatchObject({ unitId: 'U-UMUM', pejabatPenilaiId: NIP.kaumum, atasanPejabatPenilaiId: NIP.sek });

      await transport.produce(TOPICS.workPlanning, messages);
      const endedId = randomUUID();
      const ended = toOutgoingMessage({
        id: endedId,
        type: 'AssignmentEnded.v1',
        data: { agencyId: AGENCY, assignmentId: `A-${NIP.kaumum}`, nip: NIP.kaumum, positionId: 'P-KAUMUM', lastDay: '2026-06-30' },
        key: NIP.kaumum,
        source: '/kinerja/work-planning',
        time: '2026-07-01T03:00:00.000Z',
        correlationId: endedId,
        traceparent: traceparentFor(endedId, endedId),
      });
      await transport.produce(TOPICS.workPlanning, [ended]);
      const after = await eventually(() => chainOf(NIP.staf1, '2026-07-15'), (c) => c.pejabatPenilaiId === NIP.sek);
      expect(after).toMatchObject({ pejabatPenilaiId: NIP.sek, atasanPejabatPenilaiId: NIP.kadis });
      expect(await chainOf(NIP.staf1, '2026-06-30')).toMatchObject({ pejabatPenilaiId: NIP.kaumum });

      const { rows } = await h.sql.query(`SELECT count(*)::int AS n FROM evaluation.inbox WHERE group_id = 'evaluation'`);
      expect(rows[0].n).toBe(messages.length + 1);
    } finally {
      await transport.close();
    }
  });
});
