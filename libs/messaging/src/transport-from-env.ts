import { createKafkaTransport } from './kafka.transport';
import { createPgLogTransport } from './pg-log.transport';
import { Transport } from './transport.port';

export type TransportKind = 'kafka' | 'pg-log';

export interface TransportConfig {
  kind: TransportKind;
  /** kafka: bootstrap brokers. */
  brokers?: string[];
  /** pg-log: the database holding the log. */
  connectionString?: string;
}

/**
 * Reads `TRANSPORT` (`pg-log`, the embedded default, or `kafka`), `KAFKA_BROKERS` (comma-separated)
 * and `MESSAGING_DATABASE_URL` (else `DATABASE_URL`). Fails at once on a missing or unknown value.
 */
export function transportConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TransportConfig {
  const kind = (env.TRANSPORT ?? 'pg-log') as TransportKind;
  if (kind === 'kafka') {
    const brokers = (env.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter(Boolean);
    if (brokers.length === 0) throw new Error('TRANSPORT=kafka needs KAFKA_BROKERS (host:port,...)');
    return { kind, brokers };
  }
  if (kind === 'pg-log') {
    const connectionString = env.MESSAGING_DATABASE_URL ?? env.DATABASE_URL;
    if (!connectionString) throw new Error('TRANSPORT=pg-log needs MESSAGING_DATABASE_URL or DATABASE_URL');
    return { kind, connectionString };
  }
  throw new Error(`TRANSPORT must be kafka or pg-log, not ${String(env.TRANSPORT)}`);
}

export function createTransport(config: TransportConfig, clientId: string): Transport {
  return config.kind === 'kafka'
    ? createKafkaTransport({ brokers: config.brokers!, clientId })
    : createPgLogTransport({ connectionString: config.connectionString!, applicationName: `kinerja-pglog-${clientId}` });
}

export function createTransportFromEnv(clientId: string, env: NodeJS.ProcessEnv = process.env): Transport {
  return createTransport(transportConfigFromEnv(env), clientId);
}
