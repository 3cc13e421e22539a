import { z } from 'zod';
import { envFlag, eventSourcedConfigSchema, loadConfig } from '@kinerja/platform';
import { isValidTimeZone } from './local-date';
import { RuleSet } from './rule-sets/rule-set';
import { loadRuleSetRegistry } from './rule-sets/rule-set-registry';

const settings = eventSourcedConfigSchema(
  { service: 'evaluation', port: 3003, schema: 'evaluation' },
  {
    /** The city's IANA time zone: fill deadlines and the keberatan window are counted in its calendar days. */
    CITY_TIME_ZONE: z.string().default('Asia/Jakarta'),
    /** Rule-set versions added to the built-in 2022.1: a JSON array (or one object) in a file, or inline. */
    RULE_SETS_FILE: z.string().min(1).optional(),
    RULE_SETS_JSON: z.string().min(1).optional(),
    /** Finalises predicates whose keberatan window ended without an objection. */
    SCHEDULER_ENABLED: envFlag.default('true'),
    SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
    /**
     * Notifications by e-mail (issue 16): `smtp://user:pass@host:port` or `smtps://...`. Unset: the
     * console only (nothing is e-mailed; notifications wait, and go out once it is set).
     */
    SMTP_URL: z
      .string()
      .url()
      .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
      .optional(),
    /** The sender of notification e-mails. */
    MAIL_FROM: z.string().min(3).default('Kinerja <kinerja@localhost>'),
    /** The console's address, for links in e-mails. */
    CONSOLE_URL: z.string().url().default('http://127.0.0.1:3000'),
    /** Sends e-mails and looks for deadlines (realisation, ratings, curve); one instance at a time (advisory lock). */
    NOTIFICATIONS_ENABLED: envFlag.default('true'),
    NOTIFICATIONS_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
    /** The local hour (city time zone) from which the day's digest goes out. */
    NOTIFICATION_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
    /** Days before a batas pengisian on which the reminders go out: realisations to employees, ratings to pejabat penilai, the curve to HR. */
    NOTIFICATION_REMINDER_DAYS: z
      .string()
      .regex(/^\d{1,2}(,\d{1,2})*$/, 'must be whole days separated by commas, e.g. 7,1')
      .default('7,1')
      .transform((value) => [...new Set(value.split(',').map(Number))].sort((a, b) => b - a)),
    /** How long before a complaint's SLA deadline the head of the unit is warned. */
    NOTIFICATION_SLA_WARNING_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(24),
  },
);

const crossRules = z
  .object({ CITY_TIME_ZONE: z.unknown(), RULE_SETS_FILE: z.unknown(), RULE_SETS_JSON: z.unknown() })
  .superRefine((cfg, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
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

