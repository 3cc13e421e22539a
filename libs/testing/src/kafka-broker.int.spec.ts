import { Consumer, Kafka, KafkaMessage, logLevel, Partitioners } from 'kafkajs';
import { describeWithKafka, uniqueName } from './kafka';

// What the project needs from kafkajs 2.2.4 against the pinned broker of deploy/local/kafka.sh.
describeWithKafka('kafkajs against the local Kafka broker', (brokers) => {
  const kafka = new Kafka({ clientId: 'kinerja-testing', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    await admin.connect();
    await producer.connect();
  });
  afterAll(async () => {
    for (const c of consumers) await c.disconnect();
    await producer.disconnect();
    await admin.disconnect();
  });

  async function consume(topic: string, groupId: string, count: number): Promise<KafkaMessage[]> {
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const received: KafkaMessage[] = [];
    await new Promise<void>((done, fail) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
            for (const message of batch.messages) {
              received.push(message);
              resolveOffset(message.offset);
            }
            const last = batch.messages[batch.messages.length - 1];
            if (last) {
              await consumer.commitOffsets([
                { topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() },
              ]);
            }
            await heartbeat();
            if (received.length >= count) done();
          },
        })
        .catch(fail);
    });
    await consumer.disconnect();
    consumers.splice(consumers.indexOf(consumer), 1);
    return received;
  }

  it('creates a 6-partition topic, produces idempotently with acks -1, consumes in a group with explicit commits, resumes from them', async () => {
    const topic = uniqueName('kt-roundtrip');
    const groupId = uniqueName('kt-group');
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true })).toBe(true);
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata.partitions).toHaveLength(6);

    const message = (i: number) => ({ key: `nip-${i % 7}`, value: JSON.stringify({ i }), headers: { ce_id: `id-${i}` } });
    const first = Array.from({ length: 60 }, (_, i) => message(i));
    await producer.send({ topic, acks: -1, messages: first });

    const received = await consume(topic, groupId, first.length);
    expect(received).toHaveLength(first.length);
    const byKey = new Map<string, number[]>();
    for (const m of received) {
      const key = m.key!.toString();
      byKey.set(key, [...(byKey.get(key) ?? []), (JSON.parse(m.value!.toString()) as { i: number }).i]);
      expect(m.headers?.ce_id?.toString()).toMatch(/^id-\d+$/);
    }
    for (const values of byKey.values()) expect(values).toEqual([...values].sort((a, b) => a - b));

    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const total = committed[0].partitions.reduce((sum, p) => sum + Math.max(Number(p.offset), 0), 0);
    expect(total).toBe(first.length);

    const second = Array.from({ length: 10 }, (_, i) => message(100 + i));
    await producer.send({ topic, acks: -1, messages: second });
    const resumed = await consume(topic, groupId, second.length);
    expect(resumed.map((m) => (JSON.parse(m.value!.toString()) as { i: number }).i).sort((a, b) => a - b)).toEqual(
      second.map((_, i) => 100 + i),
    );
  });
});
