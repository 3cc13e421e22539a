import { z } from 'zod';
import { envFlag, eventSourcedConfigSchema, loadConfig } from '@kinerja/platform';
import { DEFAULT_RULE_SETS } from './rule-sets/default-rule-set';
import { RuleSet, validateRuleSet } from './rule-sets/rule-set';

const settings = eventSourcedConfigSchema(
  { service: 'career-decisions', port: 3004, schema: 'career_decisions' },
  {
    /** Career rule-set versions added to the built-in 2022.1: a JSON array (or one object). */
    RULE_SETS_JSON: z.string().min(1).optional(),
    /** Re-evaluates the decisions resting on a predicate that changed. */
    SAGA_ENABLED: envFlag.default('true'),
    /** How often the re-evaluation saga looks for decisions resting on a replaced predicate. */
    SAGA_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  },
);

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

const crossRules = z.object({ RULE_SETS_JSON: z.unknown() }).superRefine((cfg, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  for (const problem of ruleSetsOf(typeof cfg.RULE_SETS_JSON === 'string' ? cfg.RULE_SETS_JSON : undefined).problems) issue('RULE_SETS_JSON', problem);
});

export const careerConfigSchema = settings.and(crossRules).transform((cfg) => {
  const settled = cfg as z.infer<typeof settings>;
  return { ...settled, ruleSets: ruleSetsOf(settled.RULE_SETS_JSON).ruleSets as readonly RuleSet[] };
});

export type CareerConfig = z.infer<typeof careerConfigSchema>;

/** Validated once at boot; throws ConfigError listing every bad variable. */
export const loadCareerConfig = (env: Record<string, string | undefined> = process.env): CareerConfig => loadConfig(careerConfigSchema, env);

