import { z } from 'zod';
import { envFlag, eventSourcedConfigSchema, loadConfig } from '@kinerja/platform';
import { DEFAULT_IKM_RULE_SET, IkmRuleSet, ikmRuleSetProblems } from './ikm/ikm.rules';
import { HOLIDAYS_ID_2026 } from './sla/holidays-id-2026';
import { EXAMPLE_SLA_POLICY, SlaPolicy, slaPolicyProblems } from './sla/sla-policy.rules';
import { Holiday, IsoWeekday, WorkingCalendar, workingCalendarProblems } from './sla/working-calendar.rules';

const positiveInt = z.coerce.number({ invalid_type_error: 'must be a whole number' }).int().positive();
const bool = envFlag;

/** The city's zone by its Indonesian name; an IANA name of one of the three is accepted as well. */
const CITY_TIME_ZONES: Record<string, string> = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
  'Asia/Jakarta': 'Asia/Jakarta',
  'Asia/Makassar': 'Asia/Makassar',
  'Asia/Jayapura': 'Asia/Jayapura',
};

/** JSON settings are parsed here and checked by the domain's `*Problems` helpers. */
function json<T>(what: string, problems: (value: T) => string[]) {
  return z.string().transform((text, ctx) => {
    let value: T;
    try {
      value = JSON.parse(text) as T;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${what} is not valid JSON` });
      return z.NEVER;
    }
    for (const problem of safeProblems(problems, value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    return value;
  });
}

function safeProblems<T>(problems: (value: T) => string[], value: T): string[] {
  try {
    return problems(value);
  } catch (error) {
    return [`malformed: ${(error as Error).message}`];
  }
}

const settings = eventSourcedConfigSchema({ service: 'feedback-intake', port: 3002, schema: 'feedback_intake' }, {
  /** Encrypted contact records and their per-record keys live apart from the read models. */
  PRIVACY_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier').default('feedback_intake_privacy'),
  /**
   * The key-encryption keys of the contact store, outside PostgreSQL (0700). Default: `privacy` in
   * AUTH_LOCAL_KEY_DIR. In production a volume of its own (or a secret store mounted there), never
   * in the database's backups.
   */
  PRIVACY_KEY_DIR: z.string().min(1).optional(),
  /** Hours between KEK rotations: the bound between an erasure and its data being unreadable from disk. */
  PRIVACY_KEK_ROTATION_HOURS: z.coerce.number({ invalid_type_error: 'must be a number of hours' }).positive().max(24 * 30).default(24),

  /** WIB, WITA or WIT (or its IANA name): local dates, working days and SLA deadlines. */
  CITY_TIME_ZONE: z
    .string()
    .default('WIB')
    .refine((v) => v in CITY_TIME_ZONES, 'must be WIB, WITA or WIT (Asia/Jakarta, Asia/Makassar, Asia/Jayapura)')
    .transform((v) => CITY_TIME_ZONES[v]),
  /** JSON array of { date, name, kind }; default: the 2026 national holidays and cuti bersama. */
  HOLIDAYS_JSON: z
    .string()
    .optional()
    .transform((text, ctx): readonly Holiday[] => {
      if (text === undefined) return HOLIDAYS_ID_2026;
      try {
        const value = JSON.parse(text);
        if (Array.isArray(value)) return value as Holiday[];
      } catch {
        // reported below
      }
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON array of { date, name, kind }' });
      return z.NEVER;
    }),
  CALENDAR_VERSION: z.string().min(1).default('id-2026-skb-1497-2-5-2025'),
  /** 'HH:MM': a complaint received on a working day before this local time counts that day. Unset: never. */
  SLA_RECEIPT_DAY_COUNTS_BEFORE: z.string().optional(),
  /** JSON { version, workingDaysByCategory }; default the EXAMPLE policy [U]. */
  SLA_POLICY_JSON: json<SlaPolicy>('SLA_POLICY_JSON', slaPolicyProblems).optional(),
  /** Calendar days after a resolution or rejection in which the complainant may reopen; unset = no limit. */
  COMPLAINT_REOPEN_WINDOW_DAYS: positiveInt.optional(),
  /** `EXACT_EQUAL` (1/9, the regulation) or a decimal per unsur such as `0.111`. */
  IKM_WEIGHT: z
    .string()
    .default('EXACT_EQUAL')
    .refine((v) => v === 'EXACT_EQUAL' || /^0\.\d{1,6}$/.test(v), 'must be EXACT_EQUAL or a decimal such as 0.111'),
  IKM_RULE_SET_VERSION: z.string().min(1).max(200).optional(),

  /** Longest texts, in characters. */
  COMPLAINT_DESCRIPTION_MAX: positiveInt.default(4000),
  TEXT_MAX: positiveInt.default(2000),
  FEEDBACK_COMMENT_MAX: positiveInt.default(1000),
  CONTACT_MAX: positiveInt.default(200),
  CONTINUOUS_FEEDBACK_MAX: positiveInt.default(4000),
  EVIDENCE_ITEMS_MAX: positiveInt.default(10),
  /** Largest body a citizens' endpoint accepts, in bytes (413 above). */
  PUBLIC_BODY_MAX_BYTES: positiveInt.default(16_384),

  /** Citizens' endpoints: requests per client address, and per target (unit or tracking code), per window. */
  RATE_LIMIT_WINDOW_SECONDS: positiveInt.default(60),
  RATE_LIMIT_PER_ADDRESS: positiveInt.default(30),
  RATE_LIMIT_PER_TARGET: positiveInt.default(600),
  /** The same submission from the same address within this window is accepted once. */
  DUPLICATE_WINDOW_SECONDS: positiveInt.default(600),
  /**
   * `required`: a citizens' submission carries a solved proof of work (`x-altcha` header; a
   * challenge from GET /public/challenge; the web service's pages solve it in the browser), or it
   * counts against the much smaller allowance for submissions without one (PUBLIC_WITHOUT_PROOF_*:
   * browsers without JavaScript). A solution that is present but wrong, expired or used is refused.
   */
  PUBLIC_PROOF_OF_WORK: z.enum(['off', 'required']).default('off'),
  /** With PUBLIC_PROOF_OF_WORK=required: submissions without a solution per client address per window; 0 refuses them all. */
  PUBLIC_WITHOUT_PROOF_PER_ADDRESS: z.coerce.number({ invalid_type_error: 'must be a whole number' }).int().min(0).max(100_000).default(3),
  /** ... and from all addresses together per window: a flood without proofs cannot crowd out the forms. */
  PUBLIC_WITHOUT_PROOF_TOTAL: positiveInt.max(1_000_000).default(100),
  PUBLIC_WITHOUT_PROOF_WINDOW_SECONDS: positiveInt.default(3600),
  /** The largest secret number of a challenge: the work is about half of it SHA-256 hashes. */
  PUBLIC_PROOF_OF_WORK_MAX_NUMBER: positiveInt.max(10_000_000).default(50_000),
  /** Shared by the instances behind one address (else each signs with a random secret of its own). */
  PUBLIC_PROOF_OF_WORK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Replaced by the platform's TRUSTED_PROXIES (a list of proxies): `true` trusted whatever the client wrote. */
  TRUST_PROXY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === 'false', 'removed: list the proxies in TRUSTED_PROXIES (e.g. loopback or 10.0.0.0/8) instead'),

  /** How often the SLA scheduler looks for passed deadlines. */
  SLA_SCHEDULER_INTERVAL_MS: positiveInt.default(60_000),
  SLA_SCHEDULER_ENABLED: bool.default('true'),
});

export const feedbackIntakeConfigSchema = settings.superRefine((cfg, ctx) => {
  for (const problem of workingCalendarProblems(calendarOf(cfg))) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['HOLIDAYS_JSON'], message: problem });
  for (const problem of ikmRuleSetProblems(ikmRuleSetOf(cfg))) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['IKM_WEIGHT'], message: problem });
});

type RawConfig = z.infer<typeof feedbackIntakeConfigSchema>;

export type FeedbackIntakeConfig = RawConfig & {
  calendar: WorkingCalendar;
  slaPolicy: SlaPolicy;
  ikmRuleSet: IkmRuleSet;
};

function calendarOf(cfg: Pick<RawConfig, 'CITY_TIME_ZONE' | 'HOLIDAYS_JSON' | 'CALENDAR_VERSION' | 'SLA_RECEIPT_DAY_COUNTS_BEFORE'>): WorkingCalendar {
  return {
    version: cfg.CALENDAR_VERSION,
    timeZone: cfg.CITY_TIME_ZONE,
    weekendDays: [6, 7] as IsoWeekday[],
    holidays: cfg.HOLIDAYS_JSON,
    ...(cfg.SLA_RECEIPT_DAY_COUNTS_BEFORE ? { receiptDayCountsBefore: cfg.SLA_RECEIPT_DAY_COUNTS_BEFORE } : {}),
  };
}

function ikmRuleSetOf(cfg: Pick<RawConfig, 'IKM_WEIGHT' | 'IKM_RULE_SET_VERSION'>): IkmRuleSet {
  if (cfg.IKM_WEIGHT === 'EXACT_EQUAL') return { ...DEFAULT_IKM_RULE_SET, ...(cfg.IKM_RULE_SET_VERSION ? { version: cfg.IKM_RULE_SET_VERSION } : {}) };
  return {
    ...DEFAULT_IKM_RULE_SET,
    version: cfg.IKM_RULE_SET_VERSION ?? `skm-permenpanrb-14-2017/decimal-${cfg.IKM_WEIGHT}`,
    weighting: { kind: 'DECIMAL', perUnsur: cfg.IKM_WEIGHT },
  };
}

/** Validated once at boot; throws ConfigError listing every bad variable. */
export function loadFeedbackIntakeConfig(env: Record<string, string | undefined> = process.env): FeedbackIntakeConfig {
  const raw = loadConfig(feedbackIntakeConfigSchema, env) as RawConfig;
  return { ...raw, calendar: calendarOf(raw), slaPolicy: raw.SLA_POLICY_JSON ?? EXAMPLE_SLA_POLICY, ikmRuleSet: ikmRuleSetOf(raw) };
}
