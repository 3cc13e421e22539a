import { ChainBreak, createPostgresEventStore, PostgresEventStore, RecordedEvent } from '@kinerja/event-store';
import { Pool } from 'pg';

export interface ReplayedEvent {
  service: string;
  stream: string;
  revision: number;
  type: string;
  recordedAt: string;
  occurredAt: string | null;
  actor: { id: string | null; role: string | null };
  ruleSetVersion: string | null;
  /** `own`: the stream is named after the employee; `mentions`: another stream's event names the NIP in its data. */
  relation: 'own' | 'mentions';
  data: unknown;
}

export interface ReplayHistory {
  nip: string;
  asOf: string;
  events: ReplayedEvent[];
  /** The hash chains of the streams read, verified whole (as they are now). */
  chains: { ok: boolean; streams: number; breaks: (ChainBreak & { service: string })[] };
}

export interface ReplayOptions {
  databaseUrl: string;
  schemas: Record<string, string>;
  nip: string;
  asOf: Date;
}

/** What one service's event store holds of the employee's history at `asOf`. */
export interface StoreReplay {
  events: ReplayedEvent[];
  /** The streams read, their chains verified whole (as they are now). */
  streams: number;
  breaks: ChainBreak[];
}

/**
 * One store's part of the history (see `auditReplay`): every stream whose name contains the NIP,
 * read whole with `readStream(stream, { asOf })`; from the other streams only the events whose data
 * holds the NIP as a JSON string value. In stream order.
 */
export async function replayStore(store: PostgresEventStore, service: string, nip: string, asOf: Date): Promise<StoreReplay> {
  const like = `%${nip.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const { rows } = await store.pool.query<{ stream: string; own: boolean; revisions: string[] | null }>(
    `SELECT stream, bool_or(stream LIKE $2) AS own,
            array_agg(revision::text) FILTER (WHERE stream NOT LIKE $2) AS revisions
       FROM "${store.schema}".events
      WHERE recorded_at <= $3
        AND (stream LIKE $2 OR jsonb_path_exists(data, '$.** ? (@ == $nip)', jsonb_build_object('nip', $1::text)))
      GROUP BY stream ORDER BY stream`,
    [nip, like, asOf],
  );
  const out: StoreReplay = { events: [], streams: 0, breaks: [] };
  for (const row of rows) {
    const verified = await store.verifyChains(row.stream);
    out.streams++;
    out.breaks.push(...verified.breaks);
    const keep = row.own ? null : new Set((row.revisions ?? []).map(Number));
    for (const event of await store.readStream(row.stream, { asOf })) {
      if (keep && !keep.has(event.revision)) continue;
      out.events.push(toReplayed(service, event, row.own ? 'own' : 'mentions'));
    }
  }
  return out;
}

/** Recording time, then service, stream and revision. */
export function sortReplayed(events: ReplayedEvent[]): ReplayedEvent[] {
  return events.sort(
    (a, b) =>
      a.recordedAt.localeCompare(b.recordedAt) || a.service.localeCompare(b.service) || a.stream.localeCompare(b.stream) || a.revision - b.revision,
  );
}

/**
 * The employee's history as it stood at `asOf`, from the events alone, across the services' stores
 * (`replayStore` for each), ordered by recording time.
 */
export async function auditReplay(options: ReplayOptions): Promise<ReplayHistory> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  const events: ReplayedEvent[] = [];
  const chains: ReplayHistory['chains'] = { ok: true, streams: 0, breaks: [] };
  try {
    const { rows: present } = await pool.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_schema = ANY($1) AND table_name = 'events'`,
      [Object.values(options.schemas)],
    );
    const found = new Set(present.map((r) => r.schema));
    for (const [service, schema] of Object.entries(options.schemas)) {
      if (!found.has(schema)) continue;
      const store = await createPostgresEventStore({ connectionString: options.databaseUrl, schema, poolSize: 2 });
      try {
        const part = await replayStore(store, service, options.nip, options.asOf);
        events.push(...part.events);
        chains.streams += part.streams;
        chains.breaks.push(...part.breaks.map((b) => ({ ...b, service })));
      } finally {
        await store.close();
      }
    }
  } finally {
    await pool.end();
  }
  chains.ok = chains.breaks.length === 0;
  return { nip: options.nip, asOf: options.asOf.toISOString(), events: sortReplayed(events), chains };
}

const AS_OF = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * An as-of instant: a date (YYYY-MM-DD, meaning the end of that day, UTC) or an ISO 8601 date-time
 * with its offset; null for anything else, including days that do not exist (2025-02-30).
 */
export function parseAsOf(text: string): Date | null {
  const match = AS_OF.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || calendar.getUTCDate() !== day) return null;
  const asOf = new Date(match[4] ? text : `${text}T23:59:59.999Z`);
  return Number.isNaN(asOf.getTime()) ? null : asOf;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toReplayed(service: string, event: RecordedEvent, relation: ReplayedEvent['relation']): ReplayedEvent {
  const m = event.metadata ?? {};
  return {
    service,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    occurredAt: text(m.occurredAt),
    actor: { id: text(m.actorId), role: text(m.actorRole) },
    ruleSetVersion: text(m.ruleSetVersion),
    relation,
    data: event.data,
  };
}

/** One line per event, its data below it. */
export function formatReplay(history: ReplayHistory): string {
  const lines = [`appraisal history of ${history.nip} as of ${history.asOf} (${history.events.length} events)`];
  for (const e of history.events) {
    const actor = e.actor.id ? ` by ${e.actor.id}${e.actor.role ? ` (${e.actor.role})` : ''}` : '';
    const rules = e.ruleSetVersion ? ` rules ${e.ruleSetVersion}` : '';
    const mention = e.relation === 'mentions' ? ' [mentions]' : '';
    lines.push(`${e.recordedAt}  ${e.service}  ${e.stream}@${e.revision}  ${e.type}${actor}${rules}${mention}`);
    lines.push(`    ${JSON.stringify(e.data)}`);
  }
  lines.push(
    history.chains.ok
      ? `hash chains of the ${history.chains.streams} streams read: ok`
      : `HASH CHAINS BROKEN: ${history.chains.breaks.map((b) => `${b.service} ${b.stream}@${b.revision} ${b.reason}`).join('; ')}`,
  );
  return `${lines.join('\n')}\n`;
}
