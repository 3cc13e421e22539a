import { Controller, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { deadLetterTopicOf } from '@kinerja/contracts';
import { createPgLogTransport, PgLogTransport, PublicEvent, publicEventId, startConsumer, toOutgoingMessage, traceparentFor } from '@kinerja/messaging';
import { createTestDatabase, TestDatabase, waitUntil } from '@kinerja/testing';
import { PublicEventContext, PublicEventPattern, PublicEventServer } from './public-event-server';

const TOPIC = 'pes.kinerja.work-planning.v1';
const GROUP = 'pes';

@Controller()
class EmployeesConsumer {
  @PublicEventPattern('EmployeeRegistered.v1')
  async registered(event: PublicEvent<'EmployeeRegistered.v1'>, context: PublicEventContext): Promise<void> {
    await context.query('INSERT INTO seen (nip) VALUES ($1)', [event.data.nip]);
    if (event.data.name === 'Poison') throw new Error(`no agency ${event.data.agencyId}`);
  }
}

@Controller()
class UntypedConsumer {
  @EventPattern('EmployeeRegistered.v1')
  async registered(): Promise<void> {}
}

const employee = (nip: string, name: string) => {
  const id = publicEventId(`internal-${nip}`, 0, 'EmployeeRegistered.v1');
  return toOutgoingMessage({
    id,
    type: 'EmployeeRegistered.v1',
    data: { nip, name, status: 'PNS', agencyId: 'PES' },
    key: nip,
    source: '/kinerja/work-planning',
    time: '2026-07-01T03:00:00.000Z',
    correlationId: id,
    traceparent: traceparentFor(id, id),
  });
};

describe('PublicEventServer: consumer controllers as a Nest microservice over our transport (PG log)', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let transport: PgLogTransport;
  const apps: INestApplication[] = [];

  const boot = async (controller: new () => unknown): Promise<INestApplication> => {
    @Module({ controllers: [controller] })
    class ConsumerModule {}
    const app = await NestFactory.create(ConsumerModule, { logger: false, abortOnError: false });
    apps.push(app);
    const server = new PublicEventServer({
      mode: 'await',
      start: (handlers) =>
        startConsumer({
          transport,
          dataSource,
          groupId: GROUP,
          topics: [TOPIC],
          handlers,
          retry: { maxAttempts: 2, initialDelayMs: 10, factor: 1, maxDelayMs: 10 },
          commitOffsetsWithHandler: true,
        }),
      onStartFailure: (error) => {
        throw error;
      },
      onAbandoned: () => undefined,
    });
    app.connectMicroservice({ strategy: server });
    await app.init();
    await app.startAllMicroservices();
    return app;
  };

  beforeAll(async () => {
    db = await createTestDatabase('msg_pes');
    dataSource = new DataSource({ type: 'postgres', url: db.url });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE seen (nip text NOT NULL)');
    transport = createPgLogTransport({ connectionString: db.url, applicationName: 'pes-test' });
    await transport.ensureTopic(TOPIC, 1);
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    await transport?.close();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('applies an event in the inbox transaction, and dead-letters a failing one with the error the handler threw', async () => {
    await boot(EmployeesConsumer);
    await transport.produce(TOPIC, [employee('199001012015031001', 'Siti'), employee('199001012015031002', 'Poison'), employee('199001012015031003', 'Budi')]);
    const dlq = deadLetterTopicOf(TOPIC, GROUP);
    const dead = await waitUntil(
      async () => (await dataSource.query(`SELECT headers FROM kinerja_log.messages WHERE topic = $1`, [dlq])) as { headers: Record<string, string> }[],
      (rows) => rows.length === 1,
      { what: 'the dead letter' },
    );
    expect(dead[0].headers).toMatchObject({ dlq_reason: 'handler', dlq_error: 'no agency PES', dlq_attempts: '2' });
    const seen = await waitUntil(
      async () => ((await dataSource.query('SELECT nip FROM seen ORDER BY nip')) as { nip: string }[]).map((r) => r.nip),
      (nips) => nips.length === 2,
      { what: 'the applied events' },
    );
    // The failing handler's insert rolled back with its transaction; its inbox row too.
    expect(seen).toEqual(['199001012015031001', '199001012015031003']);
    const inbox = (await dataSource.query('SELECT count(*)::int AS n FROM inbox WHERE group_id = $1', [GROUP])) as { n: number }[];
    expect(inbox[0].n).toBe(2);
  });

  it('refuses to start with a handler that is a plain @EventPattern', async () => {
    await expect(boot(UntypedConsumer)).rejects.toThrow(/@PublicEventPattern methods only/);
  });
});
