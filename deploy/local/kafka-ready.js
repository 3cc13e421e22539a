// Exits 0 once a Kafka broker answers an admin describeCluster: `node kafka-ready.js host:port [timeout-seconds]`.
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const [broker = '127.0.0.1:9092', timeoutArg = '30'] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutArg) * 1000;

async function attempt() {
  const kafka = new Kafka({
    clientId: 'kinerja-kafka-ready',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 3000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 3, initialRetryTime: 200 } });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null) return false;
    // Also wait for the group coordinator (it creates __consumer_offsets on first use), so that
    // the first consumer of a test does not meet "coordinator loading" errors.
    await admin.describeGroups(['kinerja-kafka-ready']);
    // Likewise the transaction coordinator, which serves an idempotent producer's InitProducerId.
    await producer.connect();
    return true;
  } finally {
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}

(async () => {
  for (;;) {
    const ok = await attempt().catch((error) => {
      if (process.env.KAFKA_READY_DEBUG) console.error(error.message);
      return false;
    });
    if (ok) process.exit(0);
    if (Date.now() >= deadline) process.exit(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
})();
