import { Kafka, logLevel } from 'kafkajs';
import { describeWithPrivateKafka, uniqueName } from './kafka';

describeWithPrivateKafka('a private Kafka broker', (kafka) => {
  it('runs on ports of its own and keeps its data across stop and start', async () => {
    expect(kafka.brokers).toHaveLength(1);
    expect(kafka.brokers[0]).not.toBe('127.0.0.1:9092');
    const client = () => new Kafka({ clientId: 'kt-private', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
    const topic = uniqueName('kt-private');
    const producer = client().producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'before the outage' }] });
    await producer.disconnect();

    await kafka.stop();
    await kafka.start();

    const consumer = client().consumer({ groupId: uniqueName('kt-private-group') });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const value = await new Promise<string>((done) => {
      void consumer.run({ eachMessage: async ({ message }) => done(message.value!.toString()) });
    });
    await consumer.disconnect();
    expect(value).toBe('before the outage');
  });
});
