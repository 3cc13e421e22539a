import { Kafka, logLevel } from 'kafkajs';
import { describeWithPrivateKafka } from '@kinerja/testing';
import { createKafkaTransport } from '../src';
import { messagingSuite } from './messaging-suite';

// A broker of its own: the outage test stops and restarts it while other suites use the shared one.
describeWithPrivateKafka('messaging over Kafka', (kafka) => {
  const brokers = kafka.brokers;
  messagingSuite({
    name: 'kafka',
    offsetsWithHandler: false,
    createTransport: (clientId) => createKafkaTransport({ brokers, clientId, logLevel: logLevel.NOTHING }),
    childEnv: () => ({ TRANSPORT: 'kafka', KAFKA_BROKERS: brokers.join(',') }),
    async dropTopics(prefix) {
      const admin = new Kafka({ clientId: 'messaging-suite-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      try {
        const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
        if (topics.length) await admin.deleteTopics({ topics });
      } finally {
        await admin.disconnect();
      }
    },
    async disrupt() {
      await kafka.stop();
      await new Promise((r) => setTimeout(r, 2_000));
      await kafka.start();
    },
  });
});
