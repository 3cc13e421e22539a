import type { IncomingMessage } from 'node:http';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { KeycloakAdmin, startProvisioning } from '@kinerja/identity';
import { createTransportFromEnv } from '@kinerja/messaging';
import { AuthenticationError, createLogger, databaseCheck, HealthRegistry, LocalIssuer, Logger, ServiceAppOptions, TokenVerifier } from '@kinerja/platform';
import { AppModule } from './app.module';
import { LocalAuthority } from './auth/authority';
import { Authority } from './auth/auth.controller';
import { OidcAuthority } from './auth/oidc.authority';
import { sessionView } from './auth/session-view';
import { publicUrlOf, serviceUrls, WebConfig } from './config';
import { consoleMiddleware, DEFAULT_CONSOLE_DIR } from './console/console-static';
import { setUpDocuments } from './documents/documents.setup';
import { PdfRenderer } from './pdf/render';
import { PublicModule } from './public/public.module';
import { publicPagesSecret } from './public/public-secret';
import { apiProxy } from './proxy/api-proxy';
import { sessionMiddleware, sessionOfRequest } from './session/session.middleware';
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
      postLogoutRedirectUri: `${publicUrl}/masuk`,
      ...(config.OIDC_DOCUMENTS_CLIENT_ID && config.OIDC_DOCUMENTS_CLIENT_SECRET
        ? { documentsClient: { clientId: config.OIDC_DOCUMENTS_CLIENT_ID, clientSecret: config.OIDC_DOCUMENTS_CLIENT_SECRET } }
        : {}),
    });
  }
  return new LocalAuthority(await LocalIssuer.open(config.AUTH_LOCAL_KEY_DIR), config.LOCAL_TOKEN_MINUTES);
}

/**
 * Employees' accounts in the city's Keycloak from the organisation (KEYCLOAK_ADMIN_URL): a consumer
 * group of its own on the services' public topics, its inbox in the web service's database.
 */
async function startAccountProvisioning(config: WebConfig, log: Logger): Promise<{ stop(): Promise<void> }> {
  const dataSource = new DataSource({ type: 'postgres', url: config.DATABASE_URL, schema: config.WEB_SCHEMA, extra: { max: 2 } });
  await dataSource.initialize();
  const transport = createTransportFromEnv(`${config.SERVICE_NAME}-provisioning`);
  const admin = new KeycloakAdmin({
    url: config.KEYCLOAK_ADMIN_URL!,
    realm: config.KEYCLOAK_REALM,
    credentials: { kind: 'client', clientId: config.KEYCLOAK_PROVISIONER_CLIENT_ID, clientSecret: config.KEYCLOAK_PROVISIONER_SECRET! },
  });
  const consumer = await startProvisioning({
    admin,
    transport,
    dataSource,
    ...(config.KEYCLOAK_INITIAL_PASSWORD ? { initialPassword: config.KEYCLOAK_INITIAL_PASSWORD } : {}),
    logger: { warn: (message, details) => log.warn(details ?? {}, message) },
  });
  log.info({ keycloak: config.KEYCLOAK_ADMIN_URL, realm: config.KEYCLOAK_REALM }, 'provisioning employees\' accounts into Keycloak');
  return {
    async stop() {
      await consumer.stop();
      await transport.close();
      await dataSource.destroy();
    },
  };
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
  const provisioning = config.KEYCLOAK_ADMIN_URL ? await startAccountProvisioning(config, log) : undefined;
  // One headless Chromium for every PDF the service prints (posters, official documents).
  const pdf = new PdfRenderer(config.CHROMIUM_PATH);
  const documents = await setUpDocuments(config, authority, pdf);
  return {
    module: AppModule.forRoot(config, store, authority, documents.documents, [PublicModule.forRoot(config, await publicPagesSecret(config), pdf, store)]),
    config,
    logger: log,
    verifier: noBearerTokens,
    store,
    openApi: { title: 'Kinerja web', description: "The console's backend-for-frontend: sign-in, the session, and /api/<service>/... forwarded with the person's token" },
    configure: (app: INestApplication) => {
      app.get(HealthRegistry).register(databaseCheck(() => store.ping()));
      app.use(sessionMiddleware(store));
      app.use(apiProxy({ store, urls: serviceUrls(config), accessToken: (data) => authority.accessToken(data), logger: log }));
      // The page carries the session it opens with, so the console does not wait for GET /auth/session.
      const sessionOf = async (req: IncomingMessage) => {
        const session = await sessionOfRequest(store, req);
        return session && sessionView(session.data, authority.mode, config.CITY_TIME_ZONE);
      };
      app.use(consoleMiddleware(config.CONSOLE_DIR ?? DEFAULT_CONSOLE_DIR, sessionOf));
    },
    onClose: [() => clearInterval(sweep), () => provisioning?.stop(), () => documents.close(), () => pdf.close(), () => store.close()],
  };
}
