import { z } from 'zod';
import { loadConfig, serviceConfigSchema } from '@kinerja/platform';
import { DEFAULT_RULE_SETS } from './rule-sets/default-rule-set';
import { RuleSet, validateRuleSet } from './rule-sets/rule-set';

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

const settings = serviceConfigSchema({
  PORT: z.coerce.number({ invalid_type_error: 'must be a port number' }).int().min(0).max(65535).default(3004),
  SERVICE_NAME: z.string().min(1).default('career-decisions'),
  EVENT_STORE_SCHEMA: schemaName.default('career_decisions_events'),
  READ_MODEL_SCHEMA: schemaName.default('career_decisions'),
  PROJECTION_LAG_THRESHOLD: z.coerce.number().int().positive().default(1000),
  /** Career rule-set versions added to the built-in 2022.1: a JSON array (or one object). */
  RULE_SETS_JSON: z.string().min(1).optional(),
  TRANSPORT: z.enum(['pg-log', 'kafka']).default('pg-log'),
  KAFKA_BROKERS: z.string().optional(),
  MESSAGING_DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// connection string')
    .optional(),
  /** Publishes DecisionIssued.v1 / DecisionRevoked.v1 on kinerja.career-decisions.v1 from this process. */
  RELAY_ENABLED: flag.default('true'),
  /** Consumes evaluation's PredicateSet.v1 and PredicateFinalized.v1 into the performance record. */
  CONSUMER_ENABLED: flag.default('true'),
  TOPIC_PREFIX: z.string().regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, underscore, hyphen').default(''),
  /** Re-evaluates the decisions resting on a predicate that changed. */
  SAGA_ENABLED: flag.default('true'),
});

function ruleSetsOf(json: string | undefined): { ruleSets: RuleSet[]; problems: string[] } {
  const problems: string[] = [];
  const extra: RuleSet[] = [];
  if (json !== undefined) {
    try {
      const parsed = JSON.parse(json);
      extra.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    } catch (error) {
      problems.push(`RULE_SETS_JSON: not JSON (${(error as Error).message})`);
    }
  }
  const ruleSets = [...DEFAULT_RULE_SETS, ...extra];
  for (const r of ruleSets) for (const issue of validateRuleSet(r)) problems.push(`rule set ${String(r?.version)}: ${issue}`);
  const versions = ruleSets.map((r) => r?.version);
  if (new Set(versions).size !== versions.length) problems.push('rule sets: a version is repeated (a correction is a new version)');
  return { ruleSets, problems };
}

const crossRules = z.object({ TRANSPORT: z.unknown(), KAFKA_BROKERS: z.unknown(), RULE_SETS_JSON: z.unknown() }).superRefine((cfg, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  if (cfg.TRANSPORT === 'kafka') {
    const brokers = typeof cfg.KAFKA_BROKERS === 'string' ? cfg.KAFKA_BROKERS.split(',').filter((b) => b.trim()) : [];
    if (brokers.length === 0) issue('KAFKA_BROKERS', 'missing (required when TRANSPORT=kafka)');
  }
  for (const problem of ruleSetsOf(typeof cfg.RULE_SETS_JSON === 'string' ? cfg.RULE_SETS_JSON : undefined).problems) issue('RULE_SETS_JSON', problem);
});

export const careerConfigSchema = settings.and(crossRules).transform((cfg) => {
  const settled = cfg as z.infer<typeof settings>;
  return { ...settled, ruleSets: ruleSetsOf(settled.RULE_SETS_JSON).ruleSets as readonly RuleSet[] };
});

export type CareerConfig = z.infer<typeof careerConfigSchema>;

/** Validated once at boot; throws ConfigError listing every bad variable. */
export const loadCareerConfig = (env: Record<string, string | undefined> = process.env): CareerConfig => loadConfig(careerConfigSchema, env);

