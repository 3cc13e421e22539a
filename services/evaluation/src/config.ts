import { z } from 'zod';
import { loadConfig, serviceConfigSchema } from '@kinerja/platform';
import { isValidTimeZone } from './local-date';
import { RuleSet } from './rule-sets/rule-set';
import { loadRuleSetRegistry } from './rule-sets/rule-set-registry';

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const settings = serviceConfigSchema({
  PORT: z.coerce.number({ invalid_type_error: 'must be a port number' }).int().min(0).max(65535).default(3003),
  SERVICE_NAME: z.string().min(1).default('evaluation'),
  EVENT_STORE_SCHEMA: schemaName.default('evaluation_events'),
  READ_MODEL_SCHEMA: schemaName.default('evaluation'),
  PROJECTION_LAG_THRESHOLD: z.coerce.number().int().positive().default(1000),
  /** The city's IANA time zone: fill deadlines and the keberatan window are counted in its calendar days. */
  CITY_TIME_ZONE: z.string().default('Asia/Jakarta'),
  /** Rule-set versions added to the built-in 2022.1: a JSON array (or one object) in a file, or inline. */
  RULE_SETS_FILE: z.string().min(1).optional(),
  RULE_SETS_JSON: z.string().min(1).optional(),
  TRANSPORT: z.enum(['pg-log', 'kafka']).default('pg-log'),
  KAFKA_BROKERS: z.string().optional(),
  MESSAGING_DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// connection string')
    .optional(),
  /** Publishes the public events of kinerja.evaluation.v1 from this process. */
  RELAY_ENABLED: flag.default('true'),
  /** Consumes work-planning's public organisation events into the local organisation copy. */
  CONSUMER_ENABLED: flag.default('true'),
  /** Prepended to contract topics (produced and consumed), for environments sharing one broker. */
  TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, underscore, hyphen').default(''),
  /** Finalises predicates whose keberatan window ended without an objection. */
  SCHEDULER_ENABLED: flag.default('true'),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
});

const crossRules = z
  .object({ TRANSPORT: z.unknown(), KAFKA_BROKERS: z.unknown(), CITY_TIME_ZONE: z.unknown(), RULE_SETS_FILE: z.unknown(), RULE_SETS_JSON: z.unknown() })
  .superRefine((cfg, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (cfg.TRANSPORT === 'kafka') {
      const brokers = typeof cfg.KAFKA_BROKERS === 'string' ? cfg.KAFKA_BROKERS.split(',').filter((b) => b.trim()) : [];
      if (brokers.length === 0) issue('KAFKA_BROKERS', 'missing (required when TRANSPORT=kafka)');
      else if (!brokers.every((b) => /^[^\s:]+:\d+$/.test(b.trim()))) issue('KAFKA_BROKERS', 'must be host:port[,host:port...]');
    }
    const zone = cfg.CITY_TIME_ZONE ?? 'Asia/Jakarta';
    if (!isValidTimeZone(zone)) issue('CITY_TIME_ZONE', `unknown IANA time zone ${String(zone)}`);
    const { ruleSets, problems } = loadRuleSetRegistry({
      file: typeof cfg.RULE_SETS_FILE === 'string' ? cfg.RULE_SETS_FILE : undefined,
      json: typeof cfg.RULE_SETS_JSON === 'string' ? cfg.RULE_SETS_JSON : undefined,
    });
    for (const problem of problems) issue('RULE_SETS', problem);
    if (problems.length === 0 && isValidTimeZone(zone))
      for (const ruleSet of ruleSets)
        if (!ruleSet.objection.allowedTimeZones.includes(zone as string))
          issue('CITY_TIME_ZONE', `${String(zone)} is not allowed by rule set ${ruleSet.version} (${ruleSet.objection.allowedTimeZones.join(', ')})`);
  });

export const evaluationConfigSchema = settings.and(crossRules).transform((cfg) => {
  const settled = cfg as z.infer<typeof settings>;
  const { ruleSets } = loadRuleSetRegistry({ file: settled.RULE_SETS_FILE, json: settled.RULE_SETS_JSON });
  return { ...settled, ruleSets: ruleSets as readonly RuleSet[] };
});

export type EvaluationConfig = z.infer<typeof evaluationConfigSchema>;

/** Validated once at boot; throws ConfigError listing every bad variable (rule sets included). */
export const loadEvaluationConfig = (env: Record<string, string | undefined> = process.env): EvaluationConfig =>
  loadConfig(evaluationConfigSchema, env);

