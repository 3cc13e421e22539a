import { Pool } from 'pg';
import { PgLogCatalog } from './pg-log-catalog';

/** Deletes messages older than `retentionMs` (as Kafka's `retention.ms`), now and every `intervalMs`. */
export class PgLogRetention {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly catalog: PgLogCatalog,
    private readonly retentionMs: number,
  ) {}

  /** Deletes the messages past retention now, in slices of 5,000; returns how many. */
  async prune(): Promise<number> {
    await this.catalog.migrate();
    const s = this.catalog.s;
    let deleted = 0;
    for (;;) {
      const { rowCount } = await this.pool.query(
        `DELETE FROM ${s}.messages WHERE ctid = ANY (ARRAY(
           SELECT ctid FROM ${s}.messages WHERE "timestamp" < now() - make_interval(secs => $1::double precision / 1000) LIMIT 5000))`,
        [this.retentionMs],
      );
      deleted += rowCount ?? 0;
      if (!rowCount) return deleted;
    }
  }

  /** Prunes every `intervalMs` while the process runs (0 = never). */
  start(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => void this.prune().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
