import { CommandActor, CommandDraft, CommandMetadata, Decider, DomainError, DomainEvent } from '@kinerja/domain';
import { EventMetadata, EventStore, handle, WrongExpectedRevisionError } from '@kinerja/event-store';
import { Clock } from '../context/clock';
import { Logger } from '../logging/logger';

export interface DeadlineReactorOptions {
  /** Names the reactor in logs (`component`). */
  name: string;
  /** Who its commands are from: `{ id: 'system:<name>', role: 'SYSTEM' }`. */
  actor: CommandActor;
  store: EventStore;
  clock: Clock;
  logger: Logger;
  /** Time between passes while started; the first pass comes after min(intervalMs, 1 s). */
  intervalMs: number;
  /** Whether the service starts it (its `<NAME>_ENABLED` setting); `runOnce` and `tick` work regardless. */
  enabled: boolean;
  /** Items read per page. Default 200. */
  pageSize?: number;
  /** Items acted on at once: streams are independent, a few at a time keeps the pool busy without starving requests. Default 4. */
  parallel?: number;
}

/**
 * One way to act on what has come due (the SLA breach of a complaint, the end of a keberatan window,
 * a decision resting on a replaced predicate): each pass reads the due items from a read model, in
 * pages, and acts on each through a decider. Exactly once across restarts and replicas, because the
 * work list is recomputed from the read model and every act is a command whose decider emits nothing
 * once done, appended with the revision it read: a concurrent instance's copy fails with
 * WrongExpectedRevisionError and an item no longer due with a DomainError, and both are skipped.
 *
 * A subclass names its work: `due` (the next page after `after`, in a stable order) and `act`.
 */
export abstract class DeadlineReactor<Item> {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<number> | null = null;
  private stopped = true;
  private readonly log: Logger;

  protected constructor(private readonly options: DeadlineReactorOptions) {
    this.log = options.logger.child({ component: options.name });
  }

  /** The due items at `now`, after the item `after` (null: from the first), at most `limit`. */
  protected abstract due(now: Date, limit: number, after: Item | null): Promise<Item[]>;

  /** Acts on one item; true when it recorded something. */
  protected abstract act(item: Item, now: Date): Promise<boolean>;

  /** Its name (`component` in logs; its lease claim across replicas). */
  get name(): string {
    return this.options.name;
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** One pass of its own, now; returns how many items it acted on. */
  async runOnce(): Promise<number> {
    const now = this.options.clock.now();
    const pageSize = this.options.pageSize ?? 200;
    const parallel = this.options.parallel ?? 4;
    let acted = 0;
    let after: Item | null = null;
    for (;;) {
      const page = await this.due(now, pageSize, after);
      for (let i = 0; i < page.length; i += parallel) {
        const results = await Promise.all(page.slice(i, i + parallel).map((item) => this.actOnce(item, now)));
        acted += results.filter(Boolean).length;
      }
      if (page.length < pageSize) break;
      after = page[page.length - 1];
    }
    if (acted > 0) this.log.info({ acted }, `${this.options.name}: acted on due items`);
    return acted;
  }

  /** The timer's pass: joins the one in progress instead of starting another. A failed pass is logged and counts 0. */
  tick(): Promise<number> {
    this.pass ??= this.runOnce()
      .catch((error) => {
        this.log.error({ err: error }, `${this.options.name}: pass failed`);
        return 0;
      })
      .finally(() => (this.pass = null));
    return this.pass;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const next = (delay: number) => {
      this.timer = setTimeout(() => void this.tick().finally(() => !this.stopped && next(this.options.intervalMs)), delay);
      this.timer.unref();
    };
    next(Math.min(this.options.intervalMs, 1_000));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.pass;
  }

  /**
   * Decides `command` as the reactor's actor at `now` on `stream` and appends what it emits; true
   * when something was appended. `metadata` adds to the events' metadata (agency, causation).
   */
  protected async decide<Command extends { metadata: CommandMetadata }, Event extends DomainEvent, State>(
    stream: string,
    decider: Decider<Command, Event, State>,
    command: CommandDraft<Command>,
    now: Date,
    metadata: Partial<EventMetadata> = {},
  ): Promise<boolean> {
    const { actor, store } = this.options;
    const { append } = await handle(store, stream, decider, { ...command, metadata: { now, actor } } as unknown as Command, {
      actorId: actor.id,
      actorRole: actor.role,
      occurredAt: now.toISOString(),
      ...metadata,
    });
    return append !== undefined;
  }

  private async actOnce(item: Item, now: Date): Promise<boolean> {
    try {
      return await this.act(item, now);
    } catch (error) {
      // Another instance won the race, or the item stopped being due after the read model was read: next pass.
      if (error instanceof WrongExpectedRevisionError || error instanceof DomainError) return false;
      throw error;
    }
  }
}
