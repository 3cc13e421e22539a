import { z } from 'zod';
import { loadConfig, serviceConfigSchema } from '@kinerja/platform';

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const settings = serviceConfigSchema({
  PORT: z.coerce.number({ invalid_type_error: 'must be a port number' }).int().min(0).max(65535).default(3001),
  SERVICE_NAME: z.string().min(1).default('work-planning'),
  /** The service's own event store tables. */
  EVENT_STORE_SCHEMA: schemaName.default('work_planning_events'),
  /** Read models, migrations and projection checkpoints. */
  READ_MODEL_SCHEMA: schemaName.default('work_planning'),
  /** /health/ready fails when a read model is more events behind than this. */
  PROJECTION_LAG_THRESHOLD: z.coerce.number().int().positive().default(1000),
  /** Where public events go: the PostgreSQL log (embedded default) or Kafka. */
  TRANSPORT: z.enum(['pg-log', 'kafka']).default('pg-log'),
  /** Comma-separated host:port; required with TRANSPORT=kafka. */
  KAFKA_BROKERS: z.string().optional(),
  /** Database of the PostgreSQL log; default DATABASE_URL. */
  MESSAGING_DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// connection string')
    .optional(),
  /** Runs the relay in this process (one per service; the lock makes extra ones wait). */
  RELAY_ENABLED: flag.default('true'),
  /** Consumes career-decisions' placement decisions in this process. */
  CONSUMER_ENABLED: flag.default('true'),
  /** Prepended to the contract topics, for environments sharing one broker. */
  RELAY_TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, underscore, hyphen').default(''),
  /** Largest evidence file accepted for a realisation (bukti dukung). */
  EVIDENCE_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  /** Batas Pengisian: realisations recorded after the end of this day after the period are marked late. */
  REALISATION_DEADLINE_DAYS: z.coerce.number().int().min(0).max(90).default(10),
});

const transportRules = z.object({ TRANSPORT: z.unknown(), KAFKA_BROKERS: z.unknown() }).superRefine((cfg, ctx) => {
  if (cfg.TRANSPORT !== 'kafka') return;
  const brokers = typeof cfg.KAFKA_BROKERS === 'string' ? cfg.KAFKA_BROKERS.split(',').filter((b) => b.trim()) : [];
  if (brokers.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['KAFKA_BROKERS'], message: 'missing (required when TRANSPORT=kafka)' });
  else if (!brokers.every((b) => /^[^\s:]+:\d+$/.test(b.trim())))
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['KAFKA_BROKERS'], message: 'must be host:port[,host:port...]' });
});

export const workPlanningConfigSchema = settings.and(transportRules).transform((cfg) => cfg as z.infer<typeof settings>);

export type WorkPlanningConfig = z.infer<typeof workPlanningConfigSchema>;

/** Validated once at boot; throws ConfigError listing every bad variable. */
export const loadWorkPlanningConfig = (env: Record<string, string | undefined> = process.env): WorkPlanningConfig =>
  loadConfig(workPlanningConfigSchema, env);

