import { DynamicModule, INestApplication, Module, OnApplicationShutdown, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CustomStrategy } from '@nestjs/microservices';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { auditModuleFor } from '../audit/audit.module';
import { createTokenVerifier, TokenVerifier } from '../auth/token-verifier';
import { ConfigError, PlatformConfig } from '../config/config';
import { Clock, systemClock } from '../context/clock';
import { SimulatedClock } from '../context/simulated-clock';
import { requestContextMiddleware } from '../context/request-context';
import { AllExceptionsFilter } from '../errors/exception.filter';
import { HealthRegistry } from '../health/health';
import { createLogger, httpLogMiddleware, PinoNestLogger } from '../logging/logger';
import { PublicEventServer } from '../event-sourced/public-event-server';
import { Metrics } from '../metrics/metrics';
import { OPS_LISTENER, opsEndpointGuard, opsListenerSplit, requestTargetFilter, securityHeaders } from './hardening';
import { PlatformModule } from './platform.module';
import { ApiFacts, completeOpenApi } from '../openapi/complete-openapi';

export interface ServiceAppOptions {
  /** The service's composition root. */
  module: Type<unknown> | DynamicModule;
  config: PlatformConfig;
  logger?: Logger;
  clock?: Clock;
  /** Replaces the verifier AUTH_MODE would build. */
  verifier?: TokenVerifier;
  openApi?: {
    title?: string;
    description?: string;
    version?: string;
    /** The service's `openapi-facts.json` (answers and error codes per operation, see completeOpenApi); absent: none. */
    factsFile?: string;
  };
  /** Run after Nest closed the app's providers (SIGTERM/SIGINT or app.close()), in order. */
  onClose?: Array<() => Promise<unknown> | unknown>;
  /**
   * Express middleware of the service's own, mounted after the request context and log and before
   * Nest's body parsers and routes (the web service's proxy and static files).
   */
  configure?: (app: INestApplication) => void | Promise<void>;
}

/**
 * The service app, configured and initialised but not listening: the pino logger, request
 * context, request log and latency histogram, the error filter, the auth guard, /health,
 * /metrics, /audit for an event-sourced service, and the OpenAPI document at /docs and /docs-json.
 */
export async function createServiceApp(options: ServiceAppOptions): Promise<INestApplication> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ service: config.SERVICE_NAME, level: config.LOG_LEVEL });
  const metrics = new Metrics({ service: config.SERVICE_NAME });
  const verifier = options.verifier ?? (await createTokenVerifier(config));
  const onClose = options.onClose ?? [];

  @Module({})
  class ShutdownModule implements OnApplicationShutdown {
    async onApplicationShutdown(signal?: string) {
      for (const close of onClose) await close();
      logger.info({ signal }, 'service stopped');
      logger.flush();
    }
  }

  @Module({})
  class ServiceRootModule {}

  const root: DynamicModule = {
    module: ServiceRootModule,
    imports: [
      PlatformModule.forRoot({
        config,
        verifier,
        logger,
        metrics,
        health: new HealthRegistry(),
        clock: options.clock ?? (config.CLOCK_MODE === 'simulated' ? new SimulatedClock(config.CLOCK_START ? new Date(config.CLOCK_START) : new Date()) : systemClock),
      }),
      options.module,
      ...auditModuleFor(options.module),
      ShutdownModule,
    ],
  };
  const app = await NestFactory.create(root, { logger: new PinoNestLogger(logger), abortOnError: false });
  app.enableShutdownHooks();
  const http = app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void; set?: (setting: string, value: unknown) => void };
  http.disable?.('x-powered-by');
  // The client is the rightmost X-Forwarded-For hop that is not a configured proxy (proxy-addr).
  http.set?.('trust proxy', config.TRUSTED_PROXIES && config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false);
  app.use(requestContextMiddleware);
  app.use(httpLogMiddleware(logger, (info) => metrics.observeRequest(info)));
  app.use(securityHeaders());
  app.use(opsListenerSplit(config.OPS_PORT !== undefined));
  app.use(opsEndpointGuard(config.OPS_TOKEN));
  app.use(requestTargetFilter());
  app.useGlobalFilters(new AllExceptionsFilter(logger));
  await options.configure?.(app);

  SwaggerModule.setup('docs', app, openApiDocument(app, options), { jsonDocumentUrl: 'docs-json' });
  // Other services' public events: a Nest microservice on our own transport strategy.
  const publicEvents = publicEventServerOf(app);
  if (publicEvents) app.connectMicroservice<CustomStrategy>({ strategy: publicEvents });
  await app.init();
  if (publicEvents) await app.startAllMicroservices();
  return app;
}

/** The event-sourced service's consumer strategy; null where there is none (or CONSUMER_ENABLED is off). */
function publicEventServerOf(app: INestApplication): PublicEventServer | null {
  // Looked up in the module container first: Nest logs a failed `get` at error level (the web
  // service, which consumes nothing, has no such provider).
  const container = (app as unknown as { container?: { getModules(): Map<string, { providers: Map<unknown, unknown> }> } }).container;
  const provided = container ? [...container.getModules().values()].some((module) => module.providers.has(PublicEventServer)) : true;
  if (!provided) return null;
  try {
    return app.get(PublicEventServer, { strict: false });
  } catch {
    return null;
  }
}

function openApiDocument(app: INestApplication, options: ServiceAppOptions) {
  const factsFile = options.openApi?.factsFile;
  const facts = factsFile && existsSync(factsFile) ? (JSON.parse(readFileSync(factsFile, 'utf8')) as ApiFacts) : undefined;
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(options.openApi?.title ?? `Kinerja ${options.config.SERVICE_NAME}`)
      .setDescription(options.openApi?.description ?? '')
      .setVersion(options.openApi?.version ?? '0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
      .addSecurityRequirements('bearer')
      .build(),
  );
  return completeOpenApi(document, facts);
}

/**
 * The service's OpenAPI document without connecting to anything: Nest's preview mode builds the
 * module graph but instantiates no provider (no database, broker or key file is touched). The
 * console's API client is generated from it (`KINERJA_OPENAPI_OUT`, see bootstrapService).
 */
export async function serviceOpenApiDocument(options: ServiceAppOptions): Promise<Record<string, unknown>> {
  const logger = createLogger({ service: options.config.SERVICE_NAME, level: 'silent' });
  const unused: TokenVerifier = {
    verify: () => Promise.reject(new Error('preview mode verifies no token')),
  };
  const root: DynamicModule = {
    module: class OpenApiPreviewModule {},
    imports: [
      PlatformModule.forRoot({
        config: options.config,
        verifier: unused,
        logger,
        metrics: new Metrics({ service: options.config.SERVICE_NAME }),
        health: new HealthRegistry(),
        clock: systemClock,
      }),
      options.module,
      ...auditModuleFor(options.module),
    ],
  };
  const app = await NestFactory.create(root, { preview: true, logger: false, abortOnError: false });
  try {
    return openApiDocument(app, options) as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}

export interface ServiceListeners {
  /** The public listener's base URL (http://host:port). */
  url: string;
  /** The ops listener's base URL when OPS_PORT is configured: /metrics, /docs, /docs-json, /health/ready, /health. */
  opsUrl?: string;
}

const baseUrlOf = (server: Server, host: string) => {
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
};

/**
 * Listens on PORT (HOST), and with OPS_PORT on a second listener (OPS_HOST, default HOST) of the
 * same app, marked so that opsListenerSplit serves the operational endpoints only there. The ops
 * listener closes with the app.
 */
export async function listenService(app: INestApplication, config: PlatformConfig): Promise<ServiceListeners> {
  const host = config.HOST ?? '127.0.0.1';
  if (config.OPS_PORT !== undefined && config.OPS_PORT !== 0 && config.OPS_PORT === config.PORT) throw new ConfigError(['OPS_PORT: must differ from PORT (the ops listener is a second port)']);
  await app.listen(config.PORT, host);
  const url = baseUrlOf(app.getHttpServer() as Server, host);
  if (config.OPS_PORT === undefined) return { url };
  const handle = app.getHttpAdapter().getInstance() as (req: IncomingMessage, res: ServerResponse) => void;
  const ops = createServer((req, res) => {
    (req as IncomingMessage & { [OPS_LISTENER]?: boolean })[OPS_LISTENER] = true;
    handle(req, res);
  });
  const opsHost = config.OPS_HOST ?? host;
  try {
    await new Promise<void>((resolve, reject) => {
      ops.once('error', reject);
      ops.listen(config.OPS_PORT, opsHost, () => {
        ops.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  (app.getHttpServer() as Server).once('close', () => {
    ops.closeAllConnections();
    ops.close();
  });
  return { url, opsUrl: baseUrlOf(ops, opsHost) };
}

/**
 * The whole of a service's `main.ts`: create the app, listen on PORT (and OPS_PORT), log the URL as JSON. A boot
 * failure is logged and exits with status 1. With `KINERJA_OPENAPI_OUT=<file>` it writes the
 * OpenAPI document there instead and exits (nothing is connected).
 */
export async function bootstrapService(options: ServiceAppOptions): Promise<INestApplication> {
  const openApiOut = process.env.KINERJA_OPENAPI_OUT;
  if (openApiOut) {
    writeFileSync(openApiOut, JSON.stringify(await serviceOpenApiDocument(options), null, 2) + '\n');
    process.exit(0);
  }
  const logger = options.logger ?? createLogger({ service: options.config.SERVICE_NAME, level: options.config.LOG_LEVEL });
  try {
    const app = await createServiceApp({ ...options, logger });
    const { url, opsUrl } = await listenService(app, options.config);
    const { port } = new URL(url);
    logger.info({ url, host: options.config.HOST ?? '127.0.0.1', port: Number(port), docs: `${opsUrl ?? url}/docs`, ...(opsUrl ? { opsUrl } : {}) }, 'service listening');
    return app;
  } catch (error) {
    logger.fatal({ err: error }, 'service failed to start');
    logger.flush();
    process.exit(1);
  }
}

export interface RunServiceOptions<Config extends PlatformConfig> {
  /** Names the service in the log line of a bad configuration (SERVICE_NAME wins when set). */
  name: string;
  /** Validates the environment; throws ConfigError listing every bad variable. */
  loadConfig(): Config;
  /** The composition root for this configuration. */
  module(config: Config): Type<unknown> | DynamicModule;
  openApi: ServiceAppOptions['openApi'];
}

/**
 * A service's whole `main.ts`: validate the configuration (a bad one is one fatal JSON line on
 * stderr with every problem, exit 1), then `bootstrapService`.
 */
export function runService<Config extends PlatformConfig>(options: RunServiceOptions<Config>): Promise<INestApplication> {
  let config: Config;
  try {
    config = options.loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const line = { level: 'fatal', time: new Date().toISOString(), service: process.env.SERVICE_NAME ?? options.name, msg: error.message, problems: error.problems };
    process.stderr.write(JSON.stringify(line) + '\n');
    process.exit(1);
  }
  return bootstrapService({ module: options.module(config), config, openApi: options.openApi });
}
