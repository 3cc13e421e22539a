import { PostgresEventStore } from '@kinerja/event-store';
import { AnchorDocument, anchoredHeadsHold, AnchorLedger, AnchorReason, appendAnchor, buildAnchor, readAnchorFile, StoreIdentity, storeIdentity } from './anchor';
import { readHeads } from './digest';
import { AuditFinding, formatFinding } from './findings';
import { AnchorHistory } from './inspect';
import { CityKey } from './signing';

export interface AnchorerOptions {
  service: string;
  store: PostgresEventStore;
  /** Signs the anchors; null: unsigned anchors (they then prove nothing against whoever can write the file). */
  key: CityKey | null;
  /** The append-only anchor file; null: none (the anchors go only to `publish`). */
  file: string | null;
  /** Between two periodic anchors. */
  intervalMs: number;
  /** Publishes an anchor outside the database (the service's topic). */
  publish?: (anchor: AnchorDocument) => Promise<void>;
  /** Longest wait for `publish` (it must not hold a shutdown while the broker is down). Default 10 s. */
  publishTimeoutMs?: number;
  /** Longest wait for the last anchor at `stop` (the database may be gone too). Default 20 s. */
  stopTimeoutMs?: number;
  logger?: {
    info?(message: string, details?: Record<string, unknown>): void;
    warn(message: string, details?: Record<string, unknown>): void;
    error(message: string, details?: Record<string, unknown>): void;
  };
}

export type AnchorOutcome =
  | { anchored: true; anchor: AnchorDocument }
  | { anchored: false; why: 'empty' | 'unchanged' | 'failed' }
  /** The store no longer holds what an earlier anchor recorded: not anchored, so the evidence stays. */
  | { anchored: false; why: 'contradicted'; findings: AuditFinding[] };

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Anchors one service's event store: at start, every `intervalMs` while something changed, and at
 * stop, it signs the digest (see anchor.ts) and appends it to the file, then publishes it. It never
 * anchors a store that contradicts an earlier anchor (a head gone or rewritten): that would bless
 * the change; it logs an error instead, every time, and verification keeps reporting it.
 */
export class Anchorer {
  private ledger = new AnchorLedger();
  /** This process's anchors, for GET /audit/anchors where there is no anchor file (the last 1000 whole). */
  readonly history = new AnchorHistory(1000);
  private identity: StoreIdentity | null = null;
  private timer: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: AnchorerOptions) {}

  /** The anchors of this store so far (read from the file at start, then this process's own). */
  get anchors(): AnchorLedger {
    return this.ledger;
  }

  get file(): string | null {
    return this.options.file;
  }

  /**
   * Anchors once, then periodically. Never rejects. Again after `pause()` (a replica taking the
   * work over): the file is read again first, as another replica may have anchored meanwhile.
   */
  async start(): Promise<AnchorOutcome> {
    if (this.stopped) {
      this.stopped = false;
      if (this.options.file) this.identity = null;
    }
    const outcome = await this.anchor('startup');
    this.schedule();
    return outcome;
  }

  /** The store's identity and, from the file, its chain of anchors so far: once, before the first anchor. */
  private async load(): Promise<StoreIdentity> {
    if (this.identity) return this.identity;
    const { store, file, key, logger } = this.options;
    const identity = await storeIdentity(store.pool, store.schema);
    if (file) {
      const read = readAnchorFile(file, identity, key?.publicKey ?? null);
      this.ledger = read.ledger;
      for (const warning of read.warnings) logger?.warn(`audit anchors: ${warning}`, { file });
      if (read.ledger.findings.length > 0) logger?.error('audit anchors: the anchor file has problems', { file, findings: read.ledger.findings.map(formatFinding) });
    }
    this.identity = identity;
    return identity;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.anchor('periodic').finally(() => this.schedule());
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** One anchor, after any still under way; never rejects. */
  anchor(reason: AnchorReason): Promise<AnchorOutcome> {
    const next = this.queue.then(() =>
      this.anchorNow(reason).catch((error: unknown): AnchorOutcome => {
        this.options.logger?.error('audit anchor failed', { reason, error: (error as Error).message });
        return { anchored: false, why: 'failed' };
      }),
    );
    this.queue = next;
    return next;
  }

  /** Stops the timer without a last anchor (another replica takes the anchoring over); `start()` resumes. */
  async pause(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.queue;
  }

  /** Stops the timer and anchors one last time, within `stopTimeoutMs`. */
  async stop(): Promise<AnchorOutcome> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const ms = this.options.stopTimeoutMs ?? 20_000;
    return withTimeout(this.anchor('shutdown'), ms, 'the shutdown anchor').catch((error: unknown): AnchorOutcome => {
      this.options.logger?.error('audit anchor failed', { reason: 'shutdown', error: (error as Error).message });
      return { anchored: false, why: 'failed' };
    });
  }

  private async anchorNow(reason: AnchorReason): Promise<AnchorOutcome> {
    const { store, file, publish, logger } = this.options;
    const identity = await this.load();
    const heads = await readHeads(store.pool, store.schema);
    const ledger = this.ledger;
    if (heads.length === 0 && ledger.anchors === 0) return { anchored: false, why: 'empty' };
    const now = new Map(heads.map((h) => [h.stream, h]));
    const moved = [...ledger.heads].filter(([stream, h]) => now.get(stream)?.revision !== h.revision || now.get(stream)?.hash !== h.hash);
    if (ledger.anchors > 0 && moved.length === 0 && heads.length === ledger.view.size) return { anchored: false, why: 'unchanged' };
    // Streams that moved must still hold their anchored head (a stream only grows).
    const findings = await anchoredHeadsHold(store.pool, store.schema, new Map(moved), new Map(heads.map((h) => [h.stream, h.revision])));
    if (findings.length > 0) {
      logger?.error('audit anchor refused: the event store no longer holds what an earlier anchor recorded', {
        service: this.options.service,
        findings: findings.map(formatFinding),
      });
      return { anchored: false, why: 'contradicted', findings };
    }
    const anchor = buildAnchor({ service: this.options.service, store: identity, heads, ledger, reason, key: this.options.key, now: new Date() });
    if (file) {
      try {
        await appendAnchor(file, anchor);
      } catch (error) {
        logger?.error('audit anchor not written: the anchor file cannot be appended to', { file, error: (error as Error).message });
        return { anchored: false, why: 'failed' };
      }
    }
    if (publish) {
      try {
        await withTimeout(publish(anchor), this.options.publishTimeoutMs ?? 10_000, 'publishing the anchor');
      } catch (error) {
        logger?.warn('audit anchor not published on the topic', { sequence: anchor.sequence, error: (error as Error).message });
        // Without a file the topic is the only copy: the chain does not move on.
        if (!file) return { anchored: false, why: 'failed' };
      }
    }
    ledger.apply(anchor, null, true);
    this.history.add(anchor);
    logger?.info?.('audit anchor', { reason, sequence: anchor.sequence, streams: anchor.streams, events: anchor.events, merkleRoot: anchor.merkleRoot, heads: anchor.heads.length });
    return { anchored: true, anchor };
  }
}
