import { z } from 'zod';
import { serviceConfigSchema } from './config';

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const positiveInt = z.coerce.number({ invalid_type_error: 'must be a whole number' }).int().positive();
const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// connection string');
const topicPrefix = z.string().regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, underscore, hyphen');

/** `true`/`false` in the environment. */
export const envFlag = flag;

/** A service's defaults: its name, port and the stem of its two schemas (`<stem>_events`, `<stem>`). */
export interface EventSourcedDefaults {
  service: string;
  port: number;
  schema: string;
}

/**
 * The settings every event-sourced service reads (ARCHITECTURE §2, §6): schemas, projection lag,
 * read-your-writes, the transport with its relay and consumer. Spread into `eventSourcedConfigSchema`.
 */
export function eventSourcedEnv(defaults: EventSourcedDefaults) {
  return {
    PORT: z.coerce.number({ invalid_type_error: 'must be a port number' }).int().min(0).max(65535).default(defaults.port),
    SERVICE_NAME: z.string().min(1).default(defaults.service),
    /** The service's own event store tables. */
    EVENT_STORE_SCHEMA: schemaName.default(`${defaults.schema}_events`),
    /** Read models, migrations and projection checkpoints. */
    READ_MODEL_SCHEMA: schemaName.default(defaults.schema),
    /** /health/ready fails when a read model is more events behind than this. */
    PROJECTION_LAG_THRESHOLD: positiveInt.default(1000),
    /** How long a command's answer waits for its read model before answering 202. */
    READ_YOUR_WRITES_TIMEOUT_MS: positiveInt.default(5_000),
    /**
     * How often a replica without the service's lease (projections, reactors, audit anchors run at
     * its holder) tries to take it over, and how often the holder checks its lease's connection.
     */
    LEASE_RETRY_MS: positiveInt.default(1_000),
    /** Where public events go and come from: the PostgreSQL log (embedded default) or Kafka. */
    TRANSPORT: z.enum(['pg-log', 'kafka']).default('pg-log'),
    /** Comma-separated host:port; required with TRANSPORT=kafka. */
    KAFKA_BROKERS: z.string().optional(),
    /** Database of the PostgreSQL log; default DATABASE_URL. */
    MESSAGING_DATABASE_URL: postgresUrl.optional(),
    /** Runs the relay in this process (one per service; its lock makes extra ones wait). */
    RELAY_ENABLED: flag.default('true'),
    /** Runs the consumer of other services' public events in this process. */
    CONSUMER_ENABLED: flag.default('true'),
    /** Prepended to every contract topic, produced and consumed, for environments sharing one broker. */
    TOPIC_PREFIX: topicPrefix.optional(),
    /** The former name of TOPIC_PREFIX (work-planning, feedback-intake), still read when TOPIC_PREFIX is unset. */
    RELAY_TOPIC_PREFIX: topicPrefix.optional(),
  };
}

// A separate side of an intersection, so it is reported even when other variables are bad.
const transportRules = z.object({ TRANSPORT: z.unknown(), KAFKA_BROKERS: z.unknown() }).superRefine((cfg, ctx) => {
  if (cfg.TRANSPORT !== 'kafka') return;
  const brokers = typeof cfg.KAFKA_BROKERS === 'string' ? cfg.KAFKA_BROKERS.split(',').filter((b) => b.trim()) : [];
  if (brokers.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['KAFKA_BROKERS'], message: 'missing (required when TRANSPORT=kafka)' });
  else if (!brokers.every((b) => /^[^\s:]+:\d+$/.test(b.trim())))
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['KAFKA_BROKERS'], message: 'must be host:port[,host:port...]' });
});

/**
 * The schema of an event-sourced service's configuration: the platform settings, the event-sourced
 * ones of `eventSourcedEnv(defaults)` and the service's own `extra` settings (which may override a
 * default). Kafka brokers are required with TRANSPORT=kafka; `TOPIC_PREFIX` is resolved (default
 * empty). Chain `.and(...)`/`.superRefine(...)` for the service's own cross-checks.
 */
export function eventSourcedConfigSchema<Extra extends z.ZodRawShape = Record<never, never>>(defaults: EventSourcedDefaults, extra?: Extra) {
  const settings = serviceConfigSchema({ ...eventSourcedEnv(defaults), ...(extra ?? {}) } as ReturnType<typeof eventSourcedEnv> & Extra);
  return settings.and(transportRules).transform((cfg) => {
    const settled = cfg as z.infer<typeof settings>;
    return { ...settled, TOPIC_PREFIX: (settled.TOPIC_PREFIX ?? settled.RELAY_TOPIC_PREFIX ?? '') as string };
  });
}
