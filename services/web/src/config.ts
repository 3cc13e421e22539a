import { z } from 'zod';
import { loadConfig, platformEnv, platformRules } from '@kinerja/platform';

const schemaName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case PostgreSQL identifier');
const url = z.string().url();

const settings = z.object(platformEnv).extend({
  PORT: z.coerce.number({ invalid_type_error: 'must be a port number' }).int().min(0).max(65535).default(3000),
  SERVICE_NAME: z.string().min(1).default('web'),
  /** The web service's own tables (sessions). */
  WEB_SCHEMA: schemaName.default('web'),
  /** The origin the browser uses (OIDC redirect, Secure cookies when https). Default http://127.0.0.1:PORT. */
  PUBLIC_URL: url.optional(),
  WORK_PLANNING_URL: url.default('http://127.0.0.1:3001'),
  FEEDBACK_INTAKE_URL: url.default('http://127.0.0.1:3002'),
  EVALUATION_URL: url.default('http://127.0.0.1:3003'),
  CAREER_DECISIONS_URL: url.default('http://127.0.0.1:3004'),
  /** A session ends after this long without a request, and in any case after SESSION_MAX_HOURS. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  /** Lifetime of an access token the web service mints in local mode; re-minted when it runs out. */
  LOCAL_TOKEN_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
  /** The city's time zone, shown with every date in the console. */
  CITY_TIME_ZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('id-ID', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone, e.g. Asia/Jakarta')
    .default('Asia/Jakarta'),
  /** The built console (vite build output). */
  CONSOLE_DIR: z.string().min(1).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Confidential client; leave out for a public client (PKCE only). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Default `${PUBLIC_URL}/auth/callback`. */
  OIDC_REDIRECT_URI: url.optional(),
  OIDC_SCOPES: z.string().min(1).default('openid profile'),
  /**
   * The official documents' own identity in OIDC mode: a confidential client of the provider with
   * a service account (client credentials), which the services take as AUDITOR (their
   * OIDC_READ_ONLY_CLIENTS). Without it, the verification page cannot compose a document again.
   */
  OIDC_DOCUMENTS_CLIENT_ID: z.string().min(1).optional(),
  OIDC_DOCUMENTS_CLIENT_SECRET: z.string().min(1).optional(),
  /**
   * Keycloak's base URL for account provisioning (its admin REST API). When set, the web service
   * creates employees' accounts from work-planning's public events and disables them when they
   * leave (libs/identity). Needs the messaging settings (TRANSPORT, ...) of the services.
   */
  KEYCLOAK_ADMIN_URL: url.optional(),
  KEYCLOAK_REALM: z.string().min(1).default('kinerja'),
  KEYCLOAK_PROVISIONER_CLIENT_ID: z.string().min(1).default('kinerja-provisioner'),
  KEYCLOAK_PROVISIONER_SECRET: z.string().min(1).optional(),
  /** A first password for new accounts, to be changed at the first sign-in (demo and development only). */
  KEYCLOAK_INITIAL_PASSWORD: z.string().min(8).optional(),
  /**
   * The citizens' pages' secret (form tokens, officers' opaque ids on their QR codes), at least 32
   * characters; every instance needs the same. Unset: a random one kept in AUTH_LOCAL_KEY_DIR.
   */
  PUBLIC_PAGES_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The headless Chromium that prints PDFs (posters, official documents; playwright-core, no browser download); Debian's by default. */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** The claim naming the person (their NIP). */
  OIDC_NIP_CLAIM: z.string().min(1).default('preferred_username'),
  /** The place written before the date in the documents' signature blocks ("Kota Kinerja, 5 Desember 2026"). */
  DOCUMENT_PLACE: z.string().min(1).max(100).default('Kota Kinerja'),
});

const oidcRules = z
  .object({
    AUTH_MODE: z.unknown(),
    OIDC_ISSUER: z.unknown(),
    OIDC_CLIENT_ID: z.unknown(),
    KEYCLOAK_ADMIN_URL: z.unknown(),
    KEYCLOAK_PROVISIONER_SECRET: z.unknown(),
    OIDC_DOCUMENTS_CLIENT_ID: z.unknown(),
    OIDC_DOCUMENTS_CLIENT_SECRET: z.unknown(),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.KEYCLOAK_ADMIN_URL !== undefined && cfg.KEYCLOAK_PROVISIONER_SECRET === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['KEYCLOAK_PROVISIONER_SECRET'], message: 'missing (required with KEYCLOAK_ADMIN_URL)' });
    }
    if ((cfg.OIDC_DOCUMENTS_CLIENT_ID === undefined) !== (cfg.OIDC_DOCUMENTS_CLIENT_SECRET === undefined)) {
      const missing = cfg.OIDC_DOCUMENTS_CLIENT_ID === undefined ? 'OIDC_DOCUMENTS_CLIENT_ID' : 'OIDC_DOCUMENTS_CLIENT_SECRET';
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [missing], message: 'missing (the documents client needs both its id and its secret)' });
    }
    if (cfg.AUTH_MODE !== 'oidc') return;
    for (const key of ['OIDC_ISSUER', 'OIDC_CLIENT_ID'] as const) {
      if (cfg[key] === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'missing (required when AUTH_MODE=oidc)' });
    }
  });

export const webConfigSchema = settings.and(oidcRules).superRefine(platformRules).transform((cfg) => cfg as z.infer<typeof settings>);
export type WebConfig = z.infer<typeof webConfigSchema>;

export const loadWebConfig = (env: Record<string, string | undefined> = process.env): WebConfig => loadConfig(webConfigSchema, env);

/** The four services the console reaches through `/api/<name>/...`. */
export const API_SERVICES = ['work-planning', 'feedback-intake', 'evaluation', 'career-decisions'] as const;
export type ApiService = (typeof API_SERVICES)[number];

export function serviceUrls(config: WebConfig): Record<ApiService, string> {
  return {
    'work-planning': config.WORK_PLANNING_URL,
    'feedback-intake': config.FEEDBACK_INTAKE_URL,
    'evaluation': config.EVALUATION_URL,
    'career-decisions': config.CAREER_DECISIONS_URL,
  };
}

export const publicUrlOf = (config: WebConfig): string => (config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/$/, '');
