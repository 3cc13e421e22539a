import { ArgumentsHost, Catch, RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { BaseRpcContext, Ctx, CustomTransportStrategy, EventPattern, MessageHandler, Payload, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom, Observable, throwError } from 'rxjs';
import type { EntityManager } from 'typeorm';
import { getContract, PublicEventType } from '@kinerja/contracts';
import type { HandlerContext, PublicEvent, PublicEventHandlers, ReceivedEvent, RunningConsumer } from '@kinerja/messaging';
import { runWithinDeadline, SHUTDOWN_DEADLINE_MS } from '../app/shutdown';

/**
 * The second argument of a public event handler: Nest's RPC context over the consumer's open
 * transaction. Whatever the handler writes through `manager` or `query` commits together with the
 * inbox row of the event (and, on the PostgreSQL log, the consumer offset), or not at all.
 */
export class PublicEventContext extends BaseRpcContext<[HandlerContext]> implements HandlerContext {
  constructor(private readonly transaction: HandlerContext) {
    super([transaction]);
  }

  get manager(): EntityManager {
    return this.transaction.manager;
  }

  query<Row = any>(sql: string, parameters?: unknown[]): Promise<Row[]> {
    return this.transaction.query<Row>(sql, parameters);
  }
}

/** A method that handles one public event type. */
export type PublicEventMethod<Type extends PublicEventType> = (event: PublicEvent<Type>, context: PublicEventContext) => Promise<void>;

/**
 * Handlers' errors reach the consumer runtime as they were thrown: it tells a lost database
 * (delivered again) from a failing handler (retried, then dead-lettered with the error's message).
 * Nest's default RPC filter would replace both with "Internal server error".
 */
@Catch()
class PassErrorsToTheConsumer implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

const PUBLIC_EVENT = { kinerjaPublicEvent: true };

/**
 * Nest's `@EventPattern(types)` for public event types, typed by the contract map: the method
 * takes `PublicEvent<type>` (a field the contract lacks is a compile error) and the
 * `PublicEventContext` of the inbox transaction. Put it on a method of a consumer controller listed
 * in the service's `consumer.handlers`; `PublicEventServer` accepts no other kind of handler.
 */
export function PublicEventPattern<Type extends PublicEventType>(...types: [Type, ...Type[]]) {
  return <Method extends PublicEventMethod<Type>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<Method>): void => {
    EventPattern(types, PUBLIC_EVENT)(target, key, descriptor);
    UseFilters(new PassErrorsToTheConsumer())(target, key, descriptor);
    // The event first, the context second, as @Payload() and @Ctx() would say.
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
  };
}

export interface PublicEventServerOptions {
  /** Starts the consumer runtime (inbox, batches, offsets after commit, dead letters) for these handlers. */
  start(handlers: PublicEventHandlers): Promise<RunningConsumer>;
  /** `await`: the service starts once the consumer runs; `background` (default): boot does not wait for it. */
  mode?: 'await' | 'background';
  /** A background start that failed. */
  onStartFailure(error: unknown): void;
  /** A shutdown step that was abandoned at the deadline. */
  onAbandoned(step: string, error: unknown): void;
}

/**
 * The custom transport strategy of other services' public events: Nest hands it the
 * `@PublicEventPattern` handlers of the consumer controllers, and it runs them under the
 * consumer runtime of `@kinerja/messaging` over our `Transport` port (Kafka or the PostgreSQL log),
 * each inside the transaction that records the event in the inbox. Connected by
 * `createServiceApp` (`app.connectMicroservice({ strategy })`).
 */
export class PublicEventServer extends Server implements CustomTransportStrategy {
  private consumer: RunningConsumer | null = null;
  private starting: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  /** When shutdown began (ms since the epoch), so the rest of the shutdown shares its deadline. */
  closeStartedAt: number | null = null;

  constructor(private readonly options: PublicEventServerOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    let handlers: PublicEventHandlers;
    try {
      handlers = this.publicEventHandlers();
    } catch (error) {
      callback(error);
      return;
    }
    if (Object.keys(handlers).length === 0) return callback();
    const starting = this.start(handlers);
    this.starting = starting;
    if (this.options.mode === 'await') {
      starting.then(() => callback(), (error: unknown) => callback(error));
      return;
    }
    starting.catch((error: unknown) => {
      if (this.closeStartedAt === null) this.options.onStartFailure(error);
    });
    callback();
  }

  /** Stops the consumer (the batch under way finishes and commits) within the shutdown deadline. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closeStartedAt = Date.now();
      await runWithinDeadline(
        [
          ['consumer', async () => this.consumer?.stop()],
          ['consumer start-up', async () => this.starting?.catch(() => undefined)],
        ],
        SHUTDOWN_DEADLINE_MS,
        this.options.onAbandoned,
      );
    })();
    return this.closing;
  }

  on(): never {
    throw new Error('PublicEventServer emits no events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async start(handlers: PublicEventHandlers): Promise<void> {
    const consumer = await this.options.start(handlers);
    if (this.closeStartedAt !== null) await consumer.stop();
    else this.consumer = consumer;
  }

  /** Nest's handlers by public event type; only `@PublicEventPattern` methods are accepted. */
  private publicEventHandlers(): PublicEventHandlers {
    const handlers: Record<string, (event: ReceivedEvent, transaction: HandlerContext) => Promise<void>> = {};
    for (const [pattern, handler] of this.getHandlers()) {
      if (!handler.isEventHandler || (handler.extras as typeof PUBLIC_EVENT | undefined)?.kinerjaPublicEvent !== true) {
        throw new Error(`${pattern}: public events are handled by @PublicEventPattern methods only (typed by the contract, errors passed through)`);
      }
      getContract(pattern);
      handlers[pattern] = (event, transaction) => invoke(handler, event, transaction);
    }
    return handlers as PublicEventHandlers;
  }
}

async function invoke(handler: MessageHandler, event: ReceivedEvent, transaction: HandlerContext): Promise<void> {
  const result: unknown = await handler(event, new PublicEventContext(transaction));
  if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
}
