import { isIP } from 'node:net';
import { z } from 'zod';
import { auditAnchorDir, auditAnchorIntervalSeconds, auditSigningKeyFile } from '../audit/audit-config';

/** The environment is wrong: thrown once at boot, before anything listens or connects. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment once at boot. Every bad or missing variable is listed, not just the
 * first one, so an operator fixes the deployment in one go.
 */
export function loadConfig<Schema extends z.ZodTypeAny>(
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map(describeIssue));
}

function describeIssue(issue: z.ZodIssue): string {
  const name = issue.path.join('.') || '(environment)';
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `${name}: missing (required)`;
  return `${name}: ${issue.message}`;
}

const trustedProxies = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((entry) => entry.trim()).filter((entry) => entry !== ''))
  .superRefine((entries, ctx) => {
    for (const entry of entries) {
      if (!isProxyEntry(entry)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${entry}: not an address, a CIDR range, loopback, linklocal or uniquelocal (trusting every hop lets clients pick their address)` });
    }
  });

function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^[0-9]{1,3}$/.test(bits) && Number(bits) <= max;
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Settings every service reads (docs/design.md §9: config only from the environment). */
export const platformEnv = {
  PORT: z.coerce.number({ invalid_type_error: 'must be a port number' }).int().min(0).max(65535),
  /** The address to listen on: this machine only unless configured (containers set 0.0.0.0). */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .min(1)
    .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// connection string'),
  SERVICE_NAME: z.string().min(1),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  AUTH_MODE: z.enum(['local', 'oidc']).default('local'),
  AUTH_LOCAL_KEY_DIR: z.string().min(1).default('.data/auth'),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_JWKS_URL: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  /** The access token's claim naming the person (their NIP); Keycloak's username is the NIP. */
  OIDC_NIP_CLAIM: z.string().min(1).default('preferred_username'),
  /**
   * Clients of the city's provider (comma-separated client ids) whose own tokens (client
   * credentials, `azp` = the client) act as AUDITOR: read-only systems such as the web service's
   * official documents, which must compose a document whoever asks to verify it. Empty by default.
   */
  OIDC_READ_ONLY_CLIENTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((id) => id.trim()).filter((id) => id.length > 0))
    .refine((ids) => ids.every((id) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(id)), 'must be client ids, comma-separated'),
  AUDIT_SIGNING_KEY_FILE: auditSigningKeyFile,
  AUDIT_ANCHOR_DIR: auditAnchorDir,
  AUDIT_ANCHOR_INTERVAL_SECONDS: auditAnchorIntervalSeconds,
  /** Connections per pool (event store, read models, PostgreSQL log): a process holds about three pools. */
  DB_POOL_SIZE: z.coerce.number({ invalid_type_error: 'must be a whole number' }).int().min(1).max(100).default(10),
  /** `simulated`: the demo and end-to-end runs move time forward through PUT /simulation/clock. */
  CLOCK_MODE: z.enum(['system', 'simulated']).default('system'),
  /** Where a simulated clock starts (ISO 8601); default: the real now. */
  CLOCK_START: z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2025-01-02T02:00:00Z' }).optional(),
  /** When set, /metrics, /docs (-json, -yaml) and /health/ready need `Authorization: Bearer <OPS_TOKEN>` (/health stays open). */
  OPS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * A second listener for the operational endpoints: when set, /metrics, /docs, /docs-json,
   * /docs-yaml and /health/ready are served only there (404 on PORT), and PORT serves only the API; /health is
   * on both. Put it on an address only operators reach (OPS_HOST). Combines with OPS_TOKEN.
   */
  OPS_PORT: z.coerce.number({ invalid_type_error: 'must be a port number' }).int().min(0).max(65535).optional(),
  /** The address of the ops listener; default HOST. */
  OPS_HOST: z.string().min(1).optional(),
  /**
   * The proxies whose X-Forwarded-For is believed, comma-separated: addresses, CIDR ranges, or
   * `loopback`, `linklocal`, `uniquelocal`. The client is the rightmost address not in the list
   * (Express's `trust proxy` with addresses). Unset: the socket's address; `true` is refused.
   */
  TRUSTED_PROXIES: trustedProxies,
};

/**
 * The platform's cross-check of the parsed settings (after defaults): OPS_PORT must not be PORT.
 * For `.superRefine` on a service's whole schema.
 */
export function platformRules(cfg: { PORT?: unknown; OPS_PORT?: unknown }, ctx: z.RefinementCtx): void {
  if (typeof cfg.OPS_PORT === 'number' && cfg.OPS_PORT !== 0 && cfg.OPS_PORT === cfg.PORT) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['OPS_PORT'], message: 'must differ from PORT (the ops listener is a second port)' });
  }
}

/**
 * The schema of a service's configuration: the platform settings plus the service's own.
 * `extra` may also override a platform entry (e.g. give PORT or SERVICE_NAME a default).
 * In `oidc` mode the issuer, its JWKS URL and the audience are required.
 */
export function serviceConfigSchema<Extra extends z.ZodRawShape = Record<never, never>>(extra?: Extra) {
  const settings = z.object(platformEnv).extend((extra ?? {}) as Extra);
  // A separate side of an intersection, so these rules are reported even when other variables are bad.
  const oidcRules = z
    .object({ AUTH_MODE: z.unknown(), OIDC_ISSUER: z.unknown(), OIDC_JWKS_URL: z.unknown(), OIDC_AUDIENCE: z.unknown() })
    .superRefine((cfg, ctx) => {
      if (cfg.AUTH_MODE !== 'oidc') return;
      for (const key of ['OIDC_ISSUER', 'OIDC_JWKS_URL', 'OIDC_AUDIENCE'] as const) {
        if (cfg[key] === undefined) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'missing (required when AUTH_MODE=oidc)' });
        }
      }
    });
  return settings.and(oidcRules).superRefine(platformRules).transform((cfg) => cfg as z.infer<typeof settings>);
}

/** What the platform itself needs from a service's validated configuration. */
export interface PlatformConfig {
  PORT: number;
  HOST?: string;
  DATABASE_URL: string;
  SERVICE_NAME: string;
  LOG_LEVEL: (typeof logLevels)[number];
  AUTH_MODE: 'local' | 'oidc';
  AUTH_LOCAL_KEY_DIR: string;
  OIDC_ISSUER?: string;
  OIDC_JWKS_URL?: string;
  OIDC_AUDIENCE?: string;
  OIDC_NIP_CLAIM?: string;
  OIDC_READ_ONLY_CLIENTS?: string[];
  AUDIT_SIGNING_KEY_FILE?: string;
  AUDIT_ANCHOR_DIR?: string;
  AUDIT_ANCHOR_INTERVAL_SECONDS?: number;
  DB_POOL_SIZE?: number;
  CLOCK_MODE?: 'system' | 'simulated';
  CLOCK_START?: string;
  OPS_TOKEN?: string;
  OPS_PORT?: number;
  OPS_HOST?: string;
  TRUSTED_PROXIES?: string[];
}
