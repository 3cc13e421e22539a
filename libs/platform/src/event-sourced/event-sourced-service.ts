import { Inject, Injectable, InjectionToken, OnApplicationBootstrap, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { Anchorer, anchorFileOf, anchorPublisher, loadCityKey } from '@kinerja/audit';
import { DEFAULT_PARTITIONS, getContract, ProducingService } from '@kinerja/contracts';
import { createPostgresEventStore, EventStore, PostgresEventStore } from '@kinerja/event-store';
import { createKafkaTransport, createPgLogTransport, createRelay, PublicEventHandlers, RelayOptions, Relay, startConsumer, Transport } from '@kinerja/messaging';
import { createDataSource, DataSourceConfig, ProjectionRunner, ReadModel } from '@kinerja/projections';
import { AUDITED_EVENT_STORE, AuditedEventStore } from '../audit/audit.controller';
import { databaseCheck, HealthRegistry, lagCheck } from '../health/health';
import { LOGGER } from '../app/platform.module';
import { Logger } from '../logging/logger';
import { instrumentEventStore } from '../metrics/instrument-event-store';
import { Metrics } from '../metrics/metrics';
import { DeadlineReactor } from '../reactor/deadline-reactor';
import { PublicEventServer } from './public-event-server';
import { ReadYourWrites } from './read-your-writes';
import { Commands } from './commands';
import { Clock, CLOCK } from '../context/clock';
import { runWithinDeadline, SHUTDOWN_DEADLINE_MS } from '../app/shutdown';
import { Lease } from './lease';

/** The uninstrumented PostgreSQL store (the projection runner, the relay and startup work read it). */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
export const TRANSPORT = Symbol('TRANSPORT');
export const RELAY = Symbol('RELAY');
/** Signs and publishes the store's audit anchors where the relay runs; null elsewhere. */
export const ANCHORER = Symbol('ANCHORER');
const OPTIONS = Symbol('EVENT_SOURCED_OPTIONS');
const LIFECYCLE = Symbol('EVENT_SOURCED_LIFECYCLE');

/** Something resolved from the container: `inject` tokens are passed to `useFactory` in order. */
export interface Injected<T> {
  inject?: InjectionToken[];
  useFactory: (...deps: any[]) => T;
}

/** A service's own startup and shutdown work around the shared infrastructure. */
export interface ServiceLifecycle {
  /** Before the projections start (after the readiness checks are registered). */
  beforeProjections?(): Promise<void>;
  /** Once projections, relay, consumer and reactors are started. */
  afterStart?(): Promise<void> | void;
  /** First thing on shutdown, before the reactors, consumer, relay and stores stop. */
  stop?(): Promise<void>;
}

/**
 * The config entries every event-sourced service has (`eventSourcedConfigSchema`). SERVICE_NAME names
 * the connections, the relay checkpoint and the consumer group.
 */
export interface EventSourcedConfig {
  SERVICE_NAME: string;
  DATABASE_URL: string;
  EVENT_STORE_SCHEMA: string;
  READ_MODEL_SCHEMA: string;
  PROJECTION_LAG_THRESHOLD: number;
  TRANSPORT: 'kafka' | 'pg-log';
  MESSAGING_DATABASE_URL?: string;
  /** Comma-separated host:port, used with TRANSPORT=kafka (each service's config requires it then). */
  KAFKA_BROKERS?: string;
  /** Connections per pool; default 10. */
  DB_POOL_SIZE?: number;
  AUDIT_SIGNING_KEY_FILE?: string;
  AUDIT_ANCHOR_DIR?: string;
  AUDIT_ANCHOR_INTERVAL_SECONDS?: number;
  RELAY_ENABLED: boolean;
  CONSUMER_ENABLED: boolean;
  /** Prepended to every contract topic, produced and consumed. */
  TOPIC_PREFIX: string;
  READ_YOUR_WRITES_TIMEOUT_MS?: number;
  /** How often a replica without the lease tries to take it over (and the holder checks its connection). Default 1000 ms. */
  LEASE_RETRY_MS?: number;
}

/** The topics that carry these public event types, with the prefix. */
export function topicsOf(types: readonly string[], prefix: string): string[] {
  return [...new Set(types.map((type) => `${prefix}${getContract(type).topic}`))].sort();
}

/** The brokers of KAFKA_BROKERS: trimmed host:port entries, anything else dropped. */
export function kafkaBrokersOf(config: { KAFKA_BROKERS?: string }): string[] {
  return (config.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter((b) => /^[^\s:]+:\d+$/.test(b));
}

export interface EventSourcedOptions {
  config: EventSourcedConfig;
  /** The producing service: its contracts are the only ones the relay may publish. */
  service: ProducingService;
  /** The service's token for the instrumented event store its features inject. */
  eventStoreToken: InjectionToken;
  entities: DataSourceConfig['entities'];
  migrations: DataSourceConfig['migrations'];
  readModels: readonly ReadModel<any>[];
  /** Internal events → public ones (RELAY_ENABLED turns it off in a process). */
  relay: {
    map: RelayOptions['map'];
    /** The internal event types the mapping reads. */
    types: NonNullable<RelayOptions['filter']>['types'];
    /** `background` (default): boot does not wait for the relay's lock (a second replica waits for the first one's). */
    start?: 'await' | 'background';
    /** The transport's client id; default SERVICE_NAME. */
    clientId?: string;
  };
  /**
   * Other services' public events (CONSUMER_ENABLED turns it off): consumer controllers whose
   * `@PublicEventPattern(type)` methods handle them, run by `PublicEventServer` (a Nest custom
   * transport strategy); the topics follow from the types. Offsets commit with the handler's
   * transaction when the PostgreSQL log lives in the service's database.
   */
  consumer?: {
    start?: 'await' | 'background';
    /** Logged as fatal when a background start fails. */
    failureMessage?: string;
    handlers: Type<unknown>[];
  };
  /** Provided by the slices' modules; started after the consumer when their `enabled` says so, stopped first. */
  reactors?: Type<DeadlineReactor<any>>[];
  lifecycle?: Injected<ServiceLifecycle>;
}

/** Readiness checks, then projections, relay, consumer and the service's own work; closes in reverse. */
@Injectable()
class EventSourcedInfrastructure implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly background: Promise<void>[] = [];
  private lease: Lease | null = null;

  constructor(
    @Inject(OPTIONS) private readonly options: EventSourcedOptions,
    @Inject(RAW_EVENT_STORE) private readonly store: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly runner: ProjectionRunner,
    private readonly health: HealthRegistry,
    @Inject(TRANSPORT) private readonly transport: Transport | null,
    @Inject(RELAY) private readonly relay: Relay | null,
    @Inject(ANCHORER) private readonly anchorer: Anchorer | null,
    @Inject(PublicEventServer) private readonly consumer: PublicEventServer | null,
    @Inject(LIFECYCLE) private readonly lifecycle: ServiceLifecycle,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly moduleRef: ModuleRef,
  ) {}

  private get reactors(): DeadlineReactor<unknown>[] {
    return (this.options.reactors ?? []).map((type) => this.moduleRef.get(type, { strict: false }));
  }

  async onApplicationBootstrap(): Promise<void> {
    this.health.register(databaseCheck(() => this.dataSource.query('SELECT 1'), 'read-model-database'));
    this.health.register(databaseCheck(() => this.store.pool.query('SELECT 1'), 'event-store'));
    // Kafka mode: not ready while the broker is unreachable (nothing would be published or consumed).
    const transport = this.transport;
    if (transport) this.health.register({ name: 'transport', check: () => transport.ready() });
    this.health.register(
      lagCheck('projections', async () => Math.max(0, ...(await this.runner.lag()).map((lag) => lag.events)), this.options.config.PROJECTION_LAG_THRESHOLD),
    );
    await this.lifecycle.beforeProjections?.();
    // The work that runs once per service across its replicas, each piece held by one replica (the
    // lease's claims): projections live there and followed elsewhere; each enabled reactor; the
    // audit anchors where the relay may run. Another replica takes a claim over when its holder's
    // connection ends.
    await this.runner.follow();
    const { config } = this.options;
    const log = this.logger.child({ component: 'lease' });
    const anchorer = this.anchorer;
    this.lease = new Lease({
      connectionString: config.DATABASE_URL,
      label: config.READ_MODEL_SCHEMA,
      retryMs: config.LEASE_RETRY_MS,
      claims: [
        {
          name: `${config.READ_MODEL_SCHEMA}/projections`,
          acquired: () => this.runner.start(),
          lost: async (why) => (why === 'stopped' ? this.runner.stop() : this.runner.follow()),
        },
        ...(anchorer
          ? [
              {
                // One chain per anchor file: replicas sharing the file share the claim.
                name: `${config.EVENT_STORE_SCHEMA}/audit-anchors ${anchorer.file ?? '(no file)'}`,
                // The first anchor reads every stream's head: not waited for.
                acquired: async () => void this.background.push(anchorer.start().then(() => undefined)),
                // At shutdown the last anchor, as without replicas; otherwise another replica anchors next.
                lost: async (why: 'connection-lost' | 'stopped') => (why === 'stopped' ? void (await anchorer.stop()) : anchorer.pause()),
              },
            ]
          : []),
        ...this.reactors
          .filter((reactor) => reactor.enabled)
          .map((reactor) => ({ name: `${config.EVENT_STORE_SCHEMA}/reactor/${reactor.name}`, acquired: async () => reactor.start(), lost: () => reactor.stop() })),
      ],
      logger: { info: (details, message) => log.info(details, message), warn: (details, message) => log.warn(details, message) },
    });
    const held = await this.lease.start();
    if (!held.includes(`${config.READ_MODEL_SCHEMA}/projections`)) log.info({ held }, 'another replica runs the projections: this one follows their checkpoints');
    if (this.relay) {
      const relay = this.relay;
      if (this.options.relay.start === 'await') await relay.start();
      else this.background.push(relay.start().catch((error) => this.logger.fatal({ err: error }, 'relay failed to start')));
      // The relay stops for good only on a mapping or schema error: a bug to fix, so make it loud.
      relay.done.catch((error) => this.logger.fatal({ err: error }, 'relay stopped: public events are not being published'));
    }
    // The consumer starts with the app's microservice (PublicEventServer), after this.
    await this.lifecycle.afterStart?.();
  }

  /**
   * In order, within SHUTDOWN_DEADLINE_MS altogether: with the broker or the database down a step
   * can wait for a connection that never comes. What is left undone then is safe to drop (offsets
   * and checkpoints only move after their work committed), so the rest is started without waiting.
   * The consumer's microservice closed first (Nest closes microservices before these hooks): its
   * time counts against the same deadline.
   */
  async onApplicationShutdown(): Promise<void> {
    const started = this.consumer?.closeStartedAt ?? Date.now();
    await runWithinDeadline(
      [
        ['service', async () => this.lifecycle.stop?.()],
        ['reactors', async () => { for (const reactor of this.reactors) await reactor.stop(); }],
        ['consumer', async () => this.consumer?.close()],
        ['relay', async () => this.relay?.stop()],
        ['background start-up', async () => void (await Promise.all(this.background))],
        // After the last write this process makes, before the transport closes: the reactors and
        // projections stopped, the last audit anchor where this replica anchors, and the lease
        // given back (another replica takes over at once).
        ['lease', async () => this.lease?.stop()],
        ['transport', async () => this.transport?.close()],
        ['projections', () => this.runner.stop()],
        ['read-model database', () => this.dataSource.destroy()],
        ['event store', () => this.store.close()],
      ],
      SHUTDOWN_DEADLINE_MS - (Date.now() - started),
      (step, error) => this.logger.warn({ step, err: error }, 'shutdown step abandoned'),
    );
  }
}

/**
 * The infrastructure every event-sourced service wires the same way: the PostgreSQL event store
 * (its own schema; instrumented under `eventStoreToken`), the read-model DataSource (migrations),
 * the projection runner, the transport with the relay and the consumer's transport strategy
 * (`PublicEventServer`), readiness checks, the store to audit (GET /audit/...), and start and
 * shutdown in order. Spread `providers` into the service's root module, `exports` into its exports
 * and `controllers` (the consumer controllers) into its controllers.
 */
export function eventSourcedProviders(options: EventSourcedOptions): { providers: Provider[]; exports: InjectionToken[]; controllers: Type<unknown>[] } {
  const { config } = options;
  const anchorFile = config.AUDIT_ANCHOR_DIR ? anchorFileOf(resolve(config.AUDIT_ANCHOR_DIR), config.SERVICE_NAME) : null;
  const providers: Provider[] = [
    { provide: OPTIONS, useValue: options },
    {
      provide: RAW_EVENT_STORE,
      useFactory: () => createPostgresEventStore({ connectionString: config.DATABASE_URL, schema: config.EVENT_STORE_SCHEMA, poolSize: config.DB_POOL_SIZE }),
    },
    {
      // Its presence mounts the audit endpoints (see auditModuleFor).
      provide: AUDITED_EVENT_STORE,
      inject: [RAW_EVENT_STORE, ANCHORER],
      useFactory: (store: PostgresEventStore, anchorer: Anchorer | null): AuditedEventStore => ({
        service: config.SERVICE_NAME,
        store,
        anchorer,
        anchorFile,
      }),
    },
    {
      provide: options.eventStoreToken,
      inject: [RAW_EVENT_STORE, Metrics],
      useFactory: (store: PostgresEventStore, metrics: Metrics) => instrumentEventStore(store, metrics),
    },
    {
      provide: DataSource,
      useFactory: () =>
        createDataSource({
          url: config.DATABASE_URL,
          schema: config.READ_MODEL_SCHEMA,
          entities: options.entities,
          migrations: options.migrations,
          applicationName: config.SERVICE_NAME,
          poolSize: config.DB_POOL_SIZE,
        }),
    },
    {
      provide: ProjectionRunner,
      inject: [DataSource, RAW_EVENT_STORE, Metrics, LOGGER],
      useFactory: (dataSource: DataSource, store: PostgresEventStore, metrics: Metrics, logger: Logger) =>
        new ProjectionRunner({
          dataSource,
          store,
          readModels: options.readModels,
          registry: metrics.registry,
          logger: logger.child({ component: 'projections' }),
        }),
    },
    {
      provide: ReadYourWrites,
      inject: [ProjectionRunner],
      useFactory: (runner: ProjectionRunner) => new ReadYourWrites(runner, config.READ_YOUR_WRITES_TIMEOUT_MS),
    },
    {
      provide: Commands,
      inject: [options.eventStoreToken, CLOCK, ReadYourWrites],
      useFactory: (store: EventStore, clock: Clock, visible: ReadYourWrites) => new Commands(store, clock, visible),
    },
    {
      provide: TRANSPORT,
      useFactory: (): Transport | null => {
        if (!config.RELAY_ENABLED && !(options.consumer && config.CONSUMER_ENABLED)) return null;
        const clientId = options.relay.clientId ?? config.SERVICE_NAME;
        return config.TRANSPORT === 'kafka'
          ? createKafkaTransport({ brokers: kafkaBrokersOf(config), clientId })
          : createPgLogTransport({ connectionString: config.MESSAGING_DATABASE_URL ?? config.DATABASE_URL, applicationName: `kinerja-pglog-${clientId}`, poolSize: config.DB_POOL_SIZE });
      },
    },
    {
      provide: RELAY,
      inject: [TRANSPORT, RAW_EVENT_STORE, Metrics, LOGGER],
      useFactory: (transport: Transport | null, store: PostgresEventStore, metrics: Metrics, logger: Logger): Relay | null => {
        if (!transport || !config.RELAY_ENABLED) return null;
        const log = logger.child({ component: 'relay' });
        return createRelay({
          name: config.SERVICE_NAME,
          service: options.service,
          store,
          transport,
          connectionString: config.DATABASE_URL,
          map: options.relay.map,
          filter: { types: options.relay.types },
          topicPrefix: config.TOPIC_PREFIX,
          metrics: metrics.registry,
          logger: { warn: (message, details) => log.warn(details ?? {}, message) },
        });
      },
    },
    {
      provide: ANCHORER,
      inject: [TRANSPORT, RAW_EVENT_STORE, LOGGER],
      useFactory: (transport: Transport | null, store: PostgresEventStore, logger: Logger): Anchorer | null => {
        if (!transport || !config.RELAY_ENABLED) return null;
        const log = logger.child({ component: 'audit-anchor' });
        return new Anchorer({
          service: config.SERVICE_NAME,
          store,
          key: config.AUDIT_SIGNING_KEY_FILE ? loadCityKey(config.AUDIT_SIGNING_KEY_FILE, false) : null,
          file: anchorFile,
          intervalMs: (config.AUDIT_ANCHOR_INTERVAL_SECONDS ?? 300) * 1000,
          publish: anchorPublisher(transport, options.service, config.TOPIC_PREFIX),
          logger: {
            info: (message, details) => log.info(details ?? {}, message),
            warn: (message, details) => log.warn(details ?? {}, message),
            error: (message, details) => log.error(details ?? {}, message),
          },
        });
      },
    },
    {
      provide: PublicEventServer,
      inject: [TRANSPORT, DataSource, Metrics, LOGGER],
      useFactory: (transport: Transport | null, dataSource: DataSource, metrics: Metrics, logger: Logger): PublicEventServer | null => {
        const consumer = options.consumer;
        if (!transport || !consumer || !config.CONSUMER_ENABLED) return null;
        const log = logger.child({ component: 'consumer' });
        return new PublicEventServer({
          mode: consumer.start,
          start: async (handlers: PublicEventHandlers) => {
            const topics = topicsOf(Object.keys(handlers), config.TOPIC_PREFIX);
            for (const topic of topics) await transport.ensureTopic(topic, DEFAULT_PARTITIONS);
            return startConsumer({
              transport,
              dataSource,
              groupId: config.SERVICE_NAME,
              // Systems sharing a Kafka broker tell their groups apart by their topic prefix (the inbox keeps the service's name).
              ...(config.TRANSPORT === 'kafka' && config.TOPIC_PREFIX ? { transportGroupId: `${config.TOPIC_PREFIX}${config.SERVICE_NAME}` } : {}),
              topics,
              handlers,
              metrics: metrics.registry,
              commitOffsetsWithHandler: config.TRANSPORT === 'pg-log' && !config.MESSAGING_DATABASE_URL,
              logger: { warn: (message, details) => log.warn(details ?? {}, message) },
            });
          },
          onStartFailure: (error) => logger.fatal({ err: error }, consumer.failureMessage ?? 'consumer failed to start'),
          onAbandoned: (step, error) => logger.warn({ step, err: error }, 'shutdown step abandoned'),
        });
      },
    },
    options.lifecycle
      ? { provide: LIFECYCLE, inject: options.lifecycle.inject ?? [], useFactory: options.lifecycle.useFactory }
      : { provide: LIFECYCLE, useValue: {} },
    EventSourcedInfrastructure,
  ];
  return {
    providers,
    exports: [options.eventStoreToken, DataSource, ProjectionRunner, ReadYourWrites, Commands, AUDITED_EVENT_STORE],
    controllers: options.consumer?.handlers ?? [],
  };
}
