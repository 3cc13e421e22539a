import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_PARTITIONS, inboundTopicOf, ServiceRecordReportedV1, toCloudEventHeaders } from '@kinerja/contracts';
import { createTransport, Transport } from '@kinerja/messaging';

/**
 * What an agency's own system (SIAK, a queue machine) does to report completed applications as a
 * stream: `ServiceRecordReported.v1`, CloudEvents in binary mode, on feedback-intake's inbound
 * topic, keyed by agency — on the transport the system runs on (the PostgreSQL log of the embedded
 * default, or Kafka).
 */
export interface InboundStream {
  send(records: readonly ServiceRecordReportedV1[], now: string): Promise<void>;
  close(): Promise<void>;
}

export function openInboundStream(options: { transport: 'pg-log' | 'kafka'; databaseUrl: string; kafkaBrokers?: string; topicPrefix?: string }): InboundStream {
  const transport: Transport = createTransport(
    options.transport === 'kafka'
      ? { kind: 'kafka', brokers: (options.kafkaBrokers ?? '').split(',').map((b) => b.trim()).filter(Boolean) }
      : { kind: 'pg-log', connectionString: options.databaseUrl },
    'kinerja-demo-agency-systems',
  );
  const topic = `${options.topicPrefix ?? ''}${inboundTopicOf('feedback-intake')}`;
  let ensured: Promise<void> | null = null;
  return {
    async send(records, now) {
      ensured ??= transport.ensureTopic(topic, DEFAULT_PARTITIONS);
      await ensured;
      await transport.produce(
        topic,
        records.map((record) => ({
          key: record.agencyId,
          value: JSON.stringify(record),
          headers: toCloudEventHeaders({
            id: randomUUID(),
            type: 'ServiceRecordReported.v1',
            source: `/agency/${record.agencyId.toLowerCase()}/layanan`,
            time: now,
            subject: record.agencyId,
            correlationId: randomUUID(),
            traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
          }),
        })),
      );
    },
    close: () => transport.close(),
  };
}
