import { ChainBreak, createPostgresEventStore, RecordedEvent } from '@kinerja/event-store';
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

/**
 * The employee's history as it stood at `asOf`, from the events alone: every stream whose name
 * contains the NIP (employee-, skp-, realisations-, evaluation-, performance-record-, training-log-,
 * improvement-case-...), read whole with `readStream(stream, { asOf })`; and, from the other streams
 * (decisions, continuous feedback, organisation...), only the events whose data holds the NIP as a
 * JSON string value. Ordered by recording time.
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
    const like = `%${options.nip.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    for (const [service, schema] of Object.entries(options.schemas)) {
      if (!found.has(schema)) continue;
      const { rows } = await pool.query<{ stream: string; own: boolean; revisions: string[] | null }>(
        `SELECT stream, bool_or(stream LIKE $2) AS own,
                array_agg(revision::text) FILTER (WHERE stream NOT LIKE $2) AS revisions
           FROM "${schema}".events
          WHERE recorded_at <= $3
            AND (stream LIKE $2 OR jsonb_path_exists(data, '$.** ? (@ == $nip)', jsonb_build_object('nip', $1::text)))
          GROUP BY stream ORDER BY stream`,
        [options.nip, like, options.asOf],
      );
      if (rows.length === 0) continue;
      const store = await createPostgresEventStore({ connectionString: options.databaseUrl, schema, poolSize: 2 });
      try {
        for (const row of rows) {
          const verified = await store.verifyChains(row.stream);
          chains.streams++;
          chains.breaks.push(...verified.breaks.map((b) => ({ ...b, service })));
          const keep = row.own ? null : new Set((row.revisions ?? []).map(Number));
          for (const event of await store.readStream(row.stream, { asOf: options.asOf })) {
            if (keep && !keep.has(event.revision)) continue;
            events.push(toReplayed(service, event, row.own ? 'own' : 'mentions'));
          }
        }
      } finally {
        await store.close();
      }
    }
  } finally {
    await pool.end();
  }
  events.sort(
    (a, b) =>
      a.recordedAt.localeCompare(b.recordedAt) || a.service.localeCompare(b.service) || a.stream.localeCompare(b.stream) || a.revision - b.revision,
  );
  chains.ok = chains.breaks.length === 0;
  return { nip: options.nip, asOf: options.asOf.toISOString(), events, chains };
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
