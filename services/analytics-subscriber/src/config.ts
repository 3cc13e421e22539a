/**
 * Configuration from the environment, validated once at start. Every bad or missing variable is
 * listed, so an operator fixes the deployment in one go.
 */
export interface SubscriberConfig {
  /** KAFKA_BROKERS: comma-separated host:port. */
  brokers: string[];
  /** DATABASE_URL: postgres:// connection string of the database the statistics live in. */
  databaseUrl: string;
  /** ANALYTICS_SCHEMA: the PostgreSQL schema this subscriber owns (default `analytics`). */
  schema: string;
  /** GROUP_ID: the Kafka consumer group (default `kinerja-analytics`). */
  groupId: string;
  /** TOPIC_PREFIX: prepended to every topic name (default empty; tests and demos use one). */
  topicPrefix: string;
  /** TIME_ZONE: IANA zone whose calendar year complaints are counted in (default `Asia/Jakarta`). */
  timeZone: string;
  /** LOG_LEVEL: debug | info | warn | error (default `info`). */
  logLevel: LogLevel;
  /** PORT: /health, /metrics and /docs (default 3010; 0 picks a free port). */
  port: number;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const BROKER = /^[A-Za-z0-9.-]+:[0-9]{1,5}$/;
/** Unquoted PostgreSQL identifier, so it can be spliced into DDL safely. */
const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `run` needs the broker; `stats` only reads the database. Throws ConfigError listing every problem.
 */
export function loadConfig(env: Env = process.env, mode: 'run' | 'stats' = 'run'): SubscriberConfig {
  const problems: string[] = [];
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const brokersRaw = value('KAFKA_BROKERS');
  const brokers = (brokersRaw ?? '').split(',').map((b) => b.trim()).filter((b) => b.length > 0);
  if (mode === 'run') {
    if (!brokersRaw) problems.push('KAFKA_BROKERS: missing (required), e.g. 127.0.0.1:9092 or host1:9092,host2:9092');
    else {
      const bad = brokers.filter((b) => !BROKER.test(b));
      if (bad.length > 0 || brokers.length === 0) problems.push(`KAFKA_BROKERS: every entry must be host:port, got ${JSON.stringify(brokersRaw)}`);
    }
  }

  const databaseUrl = value('DATABASE_URL');
  if (!databaseUrl) problems.push('DATABASE_URL: missing (required), e.g. postgres://user:password@127.0.0.1:5432/analytics');
  else if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL: must be a postgres:// connection string');

  const schema = value('ANALYTICS_SCHEMA') ?? 'analytics';
  if (!SCHEMA.test(schema)) problems.push(`ANALYTICS_SCHEMA: must be a lower-case identifier (a-z, 0-9, _; not starting with a digit; at most 63), got ${JSON.stringify(schema)}`);

  const groupId = value('GROUP_ID') ?? 'kinerja-analytics';
  if (groupId.length > 200) problems.push('GROUP_ID: at most 200 characters');

  const topicPrefix = env.TOPIC_PREFIX ?? '';
  if (!/^[A-Za-z0-9._-]*$/.test(topicPrefix)) problems.push(`TOPIC_PREFIX: only letters, digits, '.', '_' and '-', got ${JSON.stringify(topicPrefix)}`);

  const timeZone = value('TIME_ZONE') ?? 'Asia/Jakarta';
  if (!isTimeZone(timeZone)) problems.push(`TIME_ZONE: not an IANA time zone: ${JSON.stringify(timeZone)}`);

  const logLevel = (value('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);

  const portText = value('PORT') ?? '3010';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) problems.push(`PORT: a port number (0–65535), got ${JSON.stringify(portText)}`);

  if (problems.length > 0) throw new ConfigError(problems);
  return { brokers, databaseUrl: databaseUrl as string, schema, groupId, topicPrefix, timeZone, logLevel, port };
}
