import { INestApplication } from '@nestjs/common';
import { AuthenticationError, createLogger, databaseCheck, HealthRegistry, LocalIssuer, Logger, ServiceAppOptions, TokenVerifier } from '@kinerja/platform';
import { AppModule } from './app.module';
import { LocalAuthority } from './auth/authority';
import { Authority } from './auth/auth.controller';
import { OidcAuthority } from './auth/oidc.authority';
import { publicUrlOf, serviceUrls, WebConfig } from './config';
import { consoleMiddleware, DEFAULT_CONSOLE_DIR } from './console/console-static';
import { apiProxy } from './proxy/api-proxy';
import { sessionMiddleware } from './session/session.middleware';
import { SessionStore } from './session/session.store';

/** The web service takes no bearer token itself: the browser is known by its session cookie. */
const noBearerTokens: TokenVerifier = {
  verify: () => Promise.reject(new AuthenticationError('TOKEN_NOT_ACCEPTED', 'Layanan web tidak menerima token; masuk melalui konsol.')),
};

async function authorityFor(config: WebConfig): Promise<Authority> {
  if (config.AUTH_MODE === 'oidc') {
    const publicUrl = publicUrlOf(config);
    return OidcAuthority.discover({
      issuer: config.OIDC_ISSUER!,
      clientId: config.OIDC_CLIENT_ID!,
      ...(config.OIDC_CLIENT_SECRET ? { clientSecret: config.OIDC_CLIENT_SECRET } : {}),
      redirectUri: config.OIDC_REDIRECT_URI ?? `${publicUrl}/auth/callback`,
      scopes: config.OIDC_SCOPES,
      nipClaim: config.OIDC_NIP_CLAIM,
      grantsClaim: config.OIDC_GRANTS_CLAIM,
      postLogoutRedirectUri: `${publicUrl}/masuk`,
    });
  }
  return new LocalAuthority(await LocalIssuer.open(config.AUTH_LOCAL_KEY_DIR), config.LOCAL_TOKEN_MINUTES);
}

/**
 * Everything main.ts and the tests give bootstrapService / createServiceApp: the sessions, the
 * authority of the configured mode, and the proxy and console mounted before Nest's body parsers.
 */
export async function webAppOptions(config: WebConfig, logger?: Logger): Promise<ServiceAppOptions & { store: SessionStore }> {
  const log = logger ?? createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const store = new SessionStore({
    connectionString: config.DATABASE_URL,
    schema: config.WEB_SCHEMA,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxHours: config.SESSION_MAX_HOURS,
    poolSize: config.DB_POOL_SIZE ?? 4,
  });
  await store.migrate();
  const authority = await authorityFor(config);
  const sweep = setInterval(() => void store.removeExpired().catch((err: unknown) => log.warn({ err }, 'expired sessions not removed')), 10 * 60_000);
  sweep.unref();
  return {
    module: AppModule.forRoot(config, store, authority),
    config,
    logger: log,
    verifier: noBearerTokens,
    store,
    openApi: { title: 'Kinerja web', description: "The console's backend-for-frontend: sign-in, the session, and /api/<service>/... forwarded with the person's token" },
    configure: (app: INestApplication) => {
      app.get(HealthRegistry).register(databaseCheck(() => store.ping()));
      app.use(sessionMiddleware(store));
      app.use(apiProxy({ store, urls: serviceUrls(config), accessToken: (data) => authority.accessToken(data), logger: log }));
      app.use(consoleMiddleware(config.CONSOLE_DIR ?? DEFAULT_CONSOLE_DIR));
    },
    onClose: [() => clearInterval(sweep), () => store.close()],
  };
}
