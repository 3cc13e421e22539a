import { logLevel } from 'kafkajs';
import { describeWithKafka, startKafka, stopKafka } from '@kinerja/testing';
import { createKafkaTransport } from '../src';
import { messagingSuite } from './messaging-suite';

describeWithKafka('messaging over Kafka', (brokers) => {
  messagingSuite({
    name: 'kafka',
    offsetsWithHandler: false,
    createTransport: (clientId) => createKafkaTransport({ brokers, clientId, logLevel: logLevel.NOTHING }),
    childEnv: () => ({ TRANSPORT: 'kafka', KAFKA_BROKERS: brokers.join(',') }),
    async disrupt() {
      await stopKafka();
      await new Promise((r) => setTimeout(r, 2_000));
      await startKafka();
    },
  });
});
