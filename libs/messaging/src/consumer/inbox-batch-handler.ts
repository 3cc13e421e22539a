import { DataSource, QueryRunner } from 'typeorm';
import { isConnectionError } from '@kinerja/event-store';
import { sleep } from '../timing';
import { MessageBatch } from '../transport.port';
import { ConsumerMetrics } from './consumer-metrics';
import { DeadLetterPublisher } from './dead-letter-publisher';
import { Inbox } from './inbox';
import { HandlerContext, parseMessage, ParsedMessage, PublicEventHandlers, ReceivedEvent } from './received-event';

export interface RetryPolicy {
  /** Tries before the message goes to the dead-letter topic. Default 5. */
  maxAttempts: number;
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

/** A failure of the handler's own code: counted against the message's attempts. */
class HandlerFailure extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'HandlerFailure';
  }
}

export interface InboxBatchHandlerOptions {
  dataSource: DataSource;
  handlers: PublicEventHandlers;
  inbox: Inbox;
  deadLetters: DeadLetterPublisher;
  metrics: ConsumerMetrics;
  retry: RetryPolicy;
  /** Commit the offset in the handlers' transaction where the batch offers it (the PostgreSQL log). */
  commitOffsetsWithHandler: boolean;
  onApplied?: (events: ReceivedEvent[]) => void;
}

/**
 * One partition's batch: invalid messages are dead-lettered at once; runs of valid ones are applied
 * in one transaction with their inbox rows; when a handler fails, the run is applied one message
 * at a time, the failing one retried with backoff and then dead-lettered. Returns how far it got.
 */
export class InboxBatchHandler {
  constructor(private readonly options: InboxBatchHandlerOptions) {}

  readonly handle = async (batch: MessageBatch): Promise<{ nextOffset: string }> => {
    const items = batch.messages.map((message) => parseMessage(message, this.options.handlers));
    let i = 0;
    while (i < items.length && batch.isRunning()) {
      const item = items[i];
      if (item.kind === 'invalid') {
        await this.options.deadLetters.publish(item.message, item.reason, item.error, 0);
        i++;
        continue;
      }
      let end = i;
      while (end < items.length && items[end].kind !== 'invalid') end++;
      try {
        await this.applyInTransaction(batch, items.slice(i, end));
        i = end;
      } catch (error) {
        if (!(error instanceof HandlerFailure)) throw error;
        // Something in the run failed: apply it one message at a time to find and retry the culprit.
        for (; i < end; i++) {
          if (!(await this.applyWithRetries(batch, items[i]))) break;
        }
        if (i < end) break;
      }
      await batch.heartbeat();
    }
    const nextOffset = i < items.length ? items[i].message.offset : (BigInt(items[items.length - 1].message.offset) + 1n).toString();
    this.options.metrics.lag(batch.topic, batch.partition, batch.highWatermark, nextOffset);
    return { nextOffset };
  };

  /** Applies a run of messages in one transaction. Throws HandlerFailure for the handlers' errors. */
  private async applyInTransaction(batch: MessageBatch, run: ParsedMessage[]): Promise<void> {
    const runner: QueryRunner = this.options.dataSource.createQueryRunner();
    const applied: ReceivedEvent[] = [];
    let duplicates = 0;
    try {
      await runner.startTransaction();
      const context: HandlerContext = { manager: runner.manager, query: (sql, parameters) => runner.query(sql, parameters) };
      const events = run.flatMap((item) => (item.kind === 'event' ? [item] : []));
      const fresh = await this.options.inbox.record(runner, batch.topic, batch.partition, events.map((e) => e.event));
      for (const item of events) {
        if (!fresh.delete(item.event.id)) {
          duplicates++;
          continue;
        }
        try {
          await item.handler(item.event, context);
        } catch (error) {
          // Not the message's fault: no attempt is counted, the batch is delivered again.
          if (isConnectionError(error)) throw error;
          throw new HandlerFailure(error);
        }
        applied.push(item.event);
      }
      if (this.options.commitOffsetsWithHandler && batch.commitInTransaction) {
        await batch.commitInTransaction(runner, (BigInt(run[run.length - 1].message.offset) + 1n).toString());
      }
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    const { metrics } = this.options;
    metrics.count(batch.topic, 'applied', applied.length);
    metrics.count(batch.topic, 'duplicate', duplicates);
    metrics.count(batch.topic, 'skipped', run.filter((r) => r.kind === 'skip').length);
    if (applied.length) this.options.onApplied?.(applied);
  }

  /** One message, its own transaction per attempt. False when the consumer is stopping first. */
  private async applyWithRetries(batch: MessageBatch, item: ParsedMessage): Promise<boolean> {
    const { retry } = this.options;
    let lastError = '';
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      try {
        await this.applyInTransaction(batch, [item]);
        return true;
      } catch (error) {
        if (!(error instanceof HandlerFailure)) throw error;
        lastError = error.message;
        if (attempt < retry.maxAttempts) {
          this.options.metrics.count(batch.topic, 'retried');
          await pause(batch, Math.min(retry.initialDelayMs * retry.factor ** (attempt - 1), retry.maxDelayMs));
          if (!batch.isRunning()) return false;
        }
      }
    }
    await this.options.deadLetters.publish(item.message, 'handler', lastError, retry.maxAttempts);
    return true;
  }
}

/** Waits `ms` while the consumer runs, keeping its group membership alive. */
async function pause(batch: MessageBatch, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && batch.isRunning()) {
    await sleep(Math.min(1000, until - Date.now()));
    await batch.heartbeat();
  }
}
