import { Inject, Injectable, InjectionToken, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_PARTITIONS } from '@kinerja/contracts';
import { createPostgresEventStore, PostgresEventStore } from '@kinerja/event-store';
import {
  createKafkaTransport,
  createPgLogTransport,
  createRelay,
  PublicEventHandlers,
  RelayOptions,
  Relay,
  RunningConsumer,
  startConsumer,
  Transport,
} from '@kinerja/messaging';
import { createDataSource, DataSourceConfig, ProjectionRunner, ReadModel } from '@kinerja/projections';
import { AUDITED_EVENT_STORE, AuditedEventStore } from '../audit/audit.controller';
import { databaseCheck, HealthRegistry, lagCheck } from '../health/health';
import { LOGGER } from '../app/platform.module';
import { Logger } from '../logging/logger';
import { instrumentEventStore } from '../metrics/instrument-event-store';
import { Metrics } from '../metrics/metrics';
import { runWithinDeadline, SHUTDOWN_DEADLINE_MS } from '../app/shutdown';

/** The uninstrumented PostgreSQL store (the projection runner, the relay and startup work read it). */
export const RAW_EVENT_STORE = Symbol('RAW_EVENT_STORE');
export const TRANSPORT = Symbol('TRANSPORT');
export const RELAY = Symbol('RELAY');
const OPTIONS = Symbol('EVENT_SOURCED_OPTIONS');
const CONSUMER = Symbol('EVENT_SOURCED_CONSUMER');
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
  /** Once projections, relay and consumer are started (schedulers, sagas). */
  afterStart?(): Promise<void> | void;
  /** First thing on shutdown, before the consumer, relay and stores close. */
  stop?(): Promise<void>;
}

export interface ConsumerSpec {
  topics: string[];
  handlers: PublicEventHandlers;
}

/** The config entries every event-sourced service has. SERVICE_NAME names the connections, the relay checkpoint and the consumer group. */
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
}

/** The brokers of KAFKA_BROKERS: trimmed host:port entries, anything else dropped. */
export function kafkaBrokersOf(config: { KAFKA_BROKERS?: string }): string[] {
  return (config.KAFKA_BROKERS ?? '').split(',').map((b) => b.trim()).filter((b) => /^[^\s:]+:\d+$/.test(b));
}

export interface EventSourcedOptions {
  config: EventSourcedConfig;
  /** The service's token for the instrumented event store its features inject. */
  eventStoreToken: InjectionToken;
  entities: DataSourceConfig['entities'];
  migrations: DataSourceConfig['migrations'];
  readModels: readonly ReadModel<any>[];
  transport: {
    /** No transport (and so no relay or consumer) when false. */
    enabled: boolean;
    /** Default SERVICE_NAME. */
    clientId?: string;
  };
  relay: {
    enabled: boolean;
    service: RelayOptions['service'];
    map: RelayOptions['map'];
    types: NonNullable<RelayOptions['filter']>['types'];
    topicPrefix: string;
    /** `background`: boot does not wait for the relay's lock (a second replica waits for the first one's). */
    start: 'await' | 'background';
  };
  consumer?: {
    enabled: boolean;
    start: 'await' | 'background';
    commitOffsetsWithHandler: boolean;
    /** Logged as fatal when a background start fails. */
    failureMessage?: string;
    spec: Injected<ConsumerSpec>;
  };
  lifecycle?: Injected<ServiceLifecycle>;
}

/** Readiness checks, then projections, relay, consumer and the service's own work; closes in reverse. */
@Injectable()
class EventSourcedInfrastructure implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: RunningConsumer | null = null;
  private readonly background: Promise<void>[] = [];
  private stopping = false;

  constructor(
    @Inject(OPTIONS) private readonly options: EventSourcedOptions,
    @Inject(RAW_EVENT_STORE) private readonly store: PostgresEventStore,
    private readonly dataSource: DataSource,
    private readonly runner: ProjectionRunner,
    private readonly health: HealthRegistry,
    private readonly metrics: Metrics,
    @Inject(TRANSPORT) private readonly transport: Transport | null,
    @Inject(RELAY) private readonly relay: Relay | null,
    @Inject(CONSUMER) private readonly consumerSpec: ConsumerSpec | null,
    @Inject(LIFECYCLE) private readonly lifecycle: ServiceLifecycle,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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
    await this.runner.start();
    if (this.relay) {
      const relay = this.relay;
      if (this.options.relay.start === 'await') await relay.start();
      else this.background.push(relay.start().catch((error) => this.logger.fatal({ err: error }, 'relay failed to start')));
      // The relay stops for good only on a mapping or schema error: a bug to fix, so make it loud.
      relay.done.catch((error) => this.logger.fatal({ err: error }, 'relay stopped: public events are not being published'));
    }
    const consumer = this.options.consumer;
    if (this.transport && consumer?.enabled && this.consumerSpec) {
      if (consumer.start === 'await') await this.startConsumer(this.transport, this.consumerSpec);
      else this.background.push(this.startConsumerInBackground(this.transport, this.consumerSpec, consumer.failureMessage ?? 'consumer failed to start'));
    }
    await this.lifecycle.afterStart?.();
  }

  private async startConsumer(transport: Transport, spec: ConsumerSpec): Promise<void> {
    for (const topic of spec.topics) await transport.ensureTopic(topic, DEFAULT_PARTITIONS);
    const log = this.logger.child({ component: 'consumer' });
    const consumer = await startConsumer({
      transport,
      dataSource: this.dataSource,
      groupId: this.options.config.SERVICE_NAME,
      topics: spec.topics,
      handlers: spec.handlers,
      metrics: this.metrics.registry,
      commitOffsetsWithHandler: this.options.consumer?.commitOffsetsWithHandler,
      logger: { warn: (message, details) => log.warn(details ?? {}, message) },
    });
    if (this.stopping) await consumer.stop();
    else this.consumer = consumer;
  }

  private async startConsumerInBackground(transport: Transport, spec: ConsumerSpec, failureMessage: string): Promise<void> {
    try {
      await this.startConsumer(transport, spec);
    } catch (error) {
      if (!this.stopping) this.logger.fatal({ err: error }, failureMessage);
    }
  }

  /**
   * In order, within SHUTDOWN_DEADLINE_MS altogether: with the broker or the database down a step
   * can wait for a connection that never comes. What is left undone then is safe to drop (offsets
   * and checkpoints only move after their work committed), so the rest is started without waiting.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await runWithinDeadline(
      [
        ['service', async () => this.lifecycle.stop?.()],
        ['consumer', async () => this.consumer?.stop()],
        ['relay', async () => this.relay?.stop()],
        ['background start-up', async () => void (await Promise.all(this.background))],
        ['transport', async () => this.transport?.close()],
        ['projections', () => this.runner.stop()],
        ['read-model database', () => this.dataSource.destroy()],
        ['event store', () => this.store.close()],
      ],
      SHUTDOWN_DEADLINE_MS,
      (step, error) => this.logger.warn({ step, err: error }, 'shutdown step abandoned'),
    );
  }
}

/**
 * The infrastructure every event-sourced service wires the same way: the PostgreSQL event store
 * (its own schema; instrumented under `eventStoreToken`), the read-model DataSource (migrations),
 * the projection runner, the transport with the relay and the consumer, readiness checks, the
 * store to audit (GET /audit/...), and start and shutdown in order. Spread `providers` into the
 * service's root module and `exports` into its exports.
 */
export function eventSourcedProviders(options: EventSourcedOptions): { providers: Provider[]; exports: InjectionToken[] } {
  const { config } = options;
  const providers: Provider[] = [
    { provide: OPTIONS, useValue: options },
    {
      provide: RAW_EVENT_STORE,
      useFactory: () => createPostgresEventStore({ connectionString: config.DATABASE_URL, schema: config.EVENT_STORE_SCHEMA, poolSize: config.DB_POOL_SIZE }),
    },
    {
      // Its presence mounts the audit endpoints (see auditModuleFor).
      provide: AUDITED_EVENT_STORE,
      inject: [RAW_EVENT_STORE],
      useFactory: (store: PostgresEventStore): AuditedEventStore => ({ service: config.SERVICE_NAME, store }),
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
      provide: TRANSPORT,
      useFactory: (): Transport | null => {
        const transport = options.transport;
        if (!transport.enabled) return null;
        const clientId = transport.clientId ?? config.SERVICE_NAME;
        return config.TRANSPORT === 'kafka'
          ? createKafkaTransport({ brokers: kafkaBrokersOf(config), clientId })
          : createPgLogTransport({ connectionString: config.MESSAGING_DATABASE_URL ?? config.DATABASE_URL, applicationName: `kinerja-pglog-${clientId}`, poolSize: config.DB_POOL_SIZE });
      },
    },
    {
      provide: RELAY,
      inject: [TRANSPORT, RAW_EVENT_STORE, Metrics, LOGGER],
      useFactory: (transport: Transport | null, store: PostgresEventStore, metrics: Metrics, logger: Logger): Relay | null => {
        if (!transport || !options.relay.enabled) return null;
        const log = logger.child({ component: 'relay' });
        return createRelay({
          name: config.SERVICE_NAME,
          service: options.relay.service,
          store,
          transport,
          connectionString: config.DATABASE_URL,
          map: options.relay.map,
          filter: { types: options.relay.types },
          topicPrefix: options.relay.topicPrefix,
          metrics: metrics.registry,
          logger: { warn: (message, details) => log.warn(details ?? {}, message) },
        });
      },
    },
    options.consumer
      ? { provide: CONSUMER, inject: options.consumer.spec.inject ?? [], useFactory: options.consumer.spec.useFactory }
      : { provide: CONSUMER, useValue: null },
    options.lifecycle
      ? { provide: LIFECYCLE, inject: options.lifecycle.inject ?? [], useFactory: options.lifecycle.useFactory }
      : { provide: LIFECYCLE, useValue: {} },
    EventSourcedInfrastructure,
  ];
  return { providers, exports: [options.eventStoreToken, DataSource, ProjectionRunner, AUDITED_EVENT_STORE] };
}
