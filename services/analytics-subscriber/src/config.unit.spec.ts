import { ConfigError, loadConfig } from './config';

const valid = { KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9093', DATABASE_URL: 'postgres://u@db:5432/stats' };

function problemsOf(env: Record<string, string | undefined>, mode: 'run' | 'stats' = 'run'): readonly string[] {
  try {
    loadConfig(env, mode);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('reads the brokers and applies the defaults', () => {
    expect(loadConfig(valid)).toEqual({
      brokers: ['127.0.0.1:9092', 'kafka-2:9093'],
      databaseUrl: 'postgres://u@db:5432/stats',
      schema: 'analytics',
      groupId: 'kinerja-analytics',
      topicPrefix: '',
      timeZone: 'Asia/Jakarta',
      logLevel: 'info',
      port: 3010,
    });
  });

  it('lists every bad variable at once', () => {
    expect(
      problemsOf({ KAFKA_BROKERS: 'localhost', DATABASE_URL: 'mysql://x', ANALYTICS_SCHEMA: 'Analytics; DROP', TIME_ZONE: 'Mars/Olympus', LOG_LEVEL: 'loud', TOPIC_PREFIX: 'a b', PORT: '99999' }),
    ).toEqual([
      'KAFKA_BROKERS: every entry must be host:port, got "localhost"',
      'DATABASE_URL: must be a postgres:// connection string',
      'ANALYTICS_SCHEMA: must be a lower-case identifier (a-z, 0-9, _; not starting with a digit; at most 63), got "Analytics; DROP"',
      `TOPIC_PREFIX: only letters, digits, '.', '_' and '-', got "a b"`,
      'TIME_ZONE: not an IANA time zone: "Mars/Olympus"',
      'LOG_LEVEL: one of debug, info, warn, error, got "loud"',
      'PORT: a port number (0–65535), got "99999"',
    ]);
  });

  it('names the missing required variables', () => {
    expect(problemsOf({})).toEqual([
      'KAFKA_BROKERS: missing (required), e.g. 127.0.0.1:9092 or host1:9092,host2:9092',
      'DATABASE_URL: missing (required), e.g. postgres://user:password@127.0.0.1:5432/analytics',
    ]);
  });

  it('does not need the brokers to print statistics', () => {
    expect(loadConfig({ DATABASE_URL: valid.DATABASE_URL, ANALYTICS_SCHEMA: 'stats_2026' }, 'stats')).toMatchObject({ brokers: [], schema: 'stats_2026' });
  });
});
