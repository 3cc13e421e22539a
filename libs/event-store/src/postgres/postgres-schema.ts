/**
 * DDL of the PostgreSQL event store (ARCHITECTURE §4). Every statement is idempotent; the caller
 * runs them under a transaction-level advisory lock so two processes starting at once do not race.
 *
 * - `streams`: one row per stream, its current revision. The expected revision is checked and bumped
 *   there (one UPDATE ... WHERE revision = expected, or INSERT ... ON CONFLICT DO NOTHING for a new
 *   stream) before any global position is drawn, so a loser of a race leaves no hole in revisions.
 * - `events`: global position (from a sequence), the writing transaction's id (`xid8`), event id
 *   (uuid, unique: the idempotency key), stream and revision (the primary key), type, data and
 *   metadata (jsonb), recorded_at (database clock, milliseconds), the hash and the previous hash.
 * - `append_events(...)`: the whole append in one round trip. The hash of each event is SHA-256 of
 *   the RFC 8785 canonical JSON of {data, id, metadata, previousHash, recordedAt, revision, stream,
 *   type} (keys in that, sorted, order). `data` and `metadata` arrive as canonical JSON text made by
 *   the client; the function splices them into the canonical text verbatim (never what jsonb gives
 *   back, which reorders keys), with the revision, the recorded-at instant and the previous hash,
 *   which only the database knows.
 */
export function schemaStatements(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    `CREATE TABLE IF NOT EXISTS ${s}.streams (
       stream text PRIMARY KEY,
       revision bigint NOT NULL
     )`,
    `CREATE SEQUENCE IF NOT EXISTS ${s}.event_position AS bigint`,
    `CREATE TABLE IF NOT EXISTS ${s}.events (
       position bigint NOT NULL,
       transaction_id xid8 NOT NULL,
       id uuid NOT NULL,
       stream text NOT NULL,
       revision bigint NOT NULL,
       type text NOT NULL,
       data jsonb NOT NULL,
       metadata jsonb NOT NULL,
       recorded_at timestamptz NOT NULL,
       hash text NOT NULL,
       previous_hash text,
       CONSTRAINT events_pkey PRIMARY KEY (stream, revision),
       CONSTRAINT events_id_key UNIQUE (id)
     )`,
    `CREATE INDEX IF NOT EXISTS events_global_order ON ${s}.events (transaction_id, position)`,
    appendFunction(s),
  ];
}

/** Codes of the expected revision passed to append_events. */
export const EXPECTED_NO_STREAM = -1;
export const EXPECTED_ANY = -2;
export const EXPECTED_STREAM_EXISTS = -3;

/** o_outcome of append_events. */
export const OUTCOME_APPENDED = 0;
export const OUTCOME_CONFLICT = 1;
export const OUTCOME_ALREADY_STORED = 2;

function appendFunction(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_events(
  p_stream text,
  p_stream_json text,
  p_expected bigint,
  p_ids uuid[],
  p_types text[],
  p_type_jsons text[],
  p_datas text[],
  p_metas text[]
) RETURNS TABLE (o_outcome int, o_revision bigint, o_txid xid8, o_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_n int := cardinality(p_ids);
  v_cur bigint;            -- the stream's revision before this append (-1: no stream)
  v_conflict boolean := false;
  v_prev text;             -- hash of the event at v_cur
  v_prev_at timestamptz;   -- its recorded_at
  v_at timestamptz;
  v_at_text text;
  v_hashes text[] := ARRAY[]::text[];
  v_prevs text[] := ARRAY[]::text[];
  v_count int;
  v_max bigint;
  v_txid xid8;
  v_position bigint;
BEGIN
  -- p_expected: >= 0 exact revision, -1 no_stream, -2 any, -3 stream_exists.
  LOOP
    IF p_expected <> -1 THEN
      UPDATE ${s}.streams AS st SET revision = st.revision + v_n
       WHERE st.stream = p_stream AND (p_expected < 0 OR st.revision = p_expected)
       RETURNING st.revision - v_n INTO v_cur;
      EXIT WHEN FOUND;
      IF p_expected <> -2 THEN v_conflict := true; EXIT; END IF;
    END IF;
    INSERT INTO ${s}.streams AS st (stream, revision) VALUES (p_stream, v_n - 1) ON CONFLICT DO NOTHING;
    IF FOUND THEN v_cur := -1; EXIT; END IF;
    IF p_expected = -1 THEN v_conflict := true; EXIT; END IF;
    -- 'any' and the stream was created meanwhile: bump it.
  END LOOP;

  IF v_conflict THEN
    SELECT st.revision INTO v_cur FROM ${s}.streams st WHERE st.stream = p_stream;
    v_cur := coalesce(v_cur, -1);
    -- A retry of an append that is already stored (all of its ids in this stream) is a no-op.
    SELECT count(*)::int, max(e.revision) INTO v_count, v_max
      FROM ${s}.events e WHERE e.id = ANY(p_ids) AND e.stream = p_stream;
    IF v_count = v_n THEN
      RETURN QUERY SELECT 2, e.revision, e.transaction_id, e.position
        FROM ${s}.events e WHERE e.stream = p_stream AND e.revision = v_max;
      RETURN;
    END IF;
    RETURN QUERY SELECT 1, v_cur, NULL::xid8, NULL::bigint;
    RETURN;
  END IF;

  IF v_cur >= 0 THEN
    SELECT e.hash, e.recorded_at INTO v_prev, v_prev_at
      FROM ${s}.events e WHERE e.stream = p_stream AND e.revision = v_cur;
  END IF;
  -- The database clock, to the millisecond (what a JS Date holds), never before the previous event.
  v_at := date_trunc('milliseconds', clock_timestamp());
  IF v_prev_at IS NOT NULL AND v_prev_at > v_at THEN v_at := v_prev_at; END IF;
  v_at_text := to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
  FOR i IN 1..v_n LOOP
    v_prevs[i] := v_prev;
    v_prev := encode(sha256(convert_to(
      '{"data":' || p_datas[i]
      || ',"id":"' || p_ids[i]::text
      || '","metadata":' || p_metas[i]
      || ',"previousHash":' || CASE WHEN v_prevs[i] IS NULL THEN 'null' ELSE '"' || v_prevs[i] || '"' END
      || ',"recordedAt":"' || v_at_text
      || '","revision":' || (v_cur + i)::text
      || ',"stream":' || p_stream_json
      || ',"type":' || p_type_jsons[i]
      || '}', 'UTF8')), 'hex');
    v_hashes[i] := v_prev;
  END LOOP;

  v_txid := pg_current_xact_id();
  WITH ins AS (
    INSERT INTO ${s}.events
      (position, transaction_id, id, stream, revision, type, data, metadata, recorded_at, hash, previous_hash)
    SELECT nextval('${s}.event_position'), v_txid, u.id, p_stream, v_cur + u.ord, u.type,
           u.data::jsonb, u.meta::jsonb, v_at, v_hashes[u.ord], v_prevs[u.ord]
      FROM unnest(p_ids, p_types, p_datas, p_metas) WITH ORDINALITY AS u(id, type, data, meta, ord)
    RETURNING position
  )
  SELECT max(ins.position) INTO v_position FROM ins;
  RETURN QUERY SELECT 0, v_cur + v_n, v_txid, v_position;
END
$fn$`;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Invalid schema name "${name}": lower-case letters, digits and _ only`);
  }
  return `"${name}"`;
}
