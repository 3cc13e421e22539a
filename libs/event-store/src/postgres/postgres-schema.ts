/**
 * DDL of the PostgreSQL event store (docs/design.md §4). Every statement is idempotent; the caller
 * runs them under a transaction-level advisory lock so two processes starting at once do not race.
 *
 * - `streams`: one row per stream, its current revision. The expected revision is checked and bumped
 *   there (one UPDATE ... WHERE revision = expected, or INSERT ... ON CONFLICT DO NOTHING for a new
 *   stream) before any global position is drawn, so a loser of a race leaves no hole in revisions.
 * - `events`: global position (from a sequence), the writing transaction's id (`xid8`), event id
 *   (uuid, unique: the idempotency key), stream and revision (the primary key), type, data and
 *   metadata (jsonb), recorded_at (database clock, milliseconds), the hash and the previous hash.
 * - `append_batch(...)`: one or more appends (items) in one round trip and one transaction, each
 *   with its own expectation and outcome. The hash of each event (hash scheme 2, `hash_scheme`) is
 *   SHA-256 of the RFC 8785 canonical JSON of {data, id, metadata, position, previousHash,
 *   recordedAt, revision, stream, transactionId, type} (keys in that, sorted, order; position and
 *   transactionId as decimal strings). `data` and `metadata` arrive as canonical JSON text made by
 *   the client; the function splices them into the canonical text verbatim (never what jsonb gives
 *   back, which reorders keys), with the revision, the recorded-at instant, the previous hash, the
 *   position and the transaction id, which only the database knows. Positions are drawn once every
 *   item passed its check, so the hashes are computed after that, in a second pass.
 * - Events written before hash scheme 2 keep `hash_scheme` 1 (the same text without position and
 *   transactionId): their hashes cannot be recomputed without rewriting history, so the verifier
 *   checks their order against what the design allows instead (see `ChainChecker`).
 */
export function schemaStatements(schema: string): string[] {
  const s = quoteIdent(schema);
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,
    // Every append rewrites its stream's row: room on the page keeps that a HOT update (no index write).
    `CREATE TABLE IF NOT EXISTS ${s}.streams (
       stream text PRIMARY KEY,
       revision bigint NOT NULL
     ) WITH (fillfactor = 50)`,
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
       hash_scheme smallint NOT NULL DEFAULT 1,
       CONSTRAINT events_pkey PRIMARY KEY (stream, revision),
       CONSTRAINT events_id_key UNIQUE (id)
     )`,
    `CREATE INDEX IF NOT EXISTS events_global_order ON ${s}.events (transaction_id, position)`,
    // A store created before hash scheme 2: its events keep scheme 1. Checked first, because ALTER
    // TABLE takes an exclusive lock on the table even when the column exists.
    `DO $do$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = '${schema}' AND table_name = 'events' AND column_name = 'hash_scheme') THEN
         ALTER TABLE ${s}.events ADD COLUMN hash_scheme smallint NOT NULL DEFAULT 1;
       END IF;
     END $do$`,
    appendFunction(s),
  ];
}

/** Codes of the expected revision passed to append_batch. */
export const EXPECTED_NO_STREAM = -1;
export const EXPECTED_ANY = -2;
export const EXPECTED_STREAM_EXISTS = -3;

/** o_outcome of append_batch, per item. */
export const OUTCOME_APPENDED = 0;
export const OUTCOME_CONFLICT = 1;
/**
 * A conflict of an item some of whose ids are stored: a retry of a stored append, or a duplicate.
 * 3, as the function's duplicate outcome was before it stopped looking ids up first: during a
 * rolling upgrade a process of either version reads the other's outcomes right (2, "already
 * stored" with the stored revision and position, is no longer returned; a newer process takes it
 * as appended, which it was).
 */
export const OUTCOME_STORED_IDS = 3;

function appendFunction(s: string): string {
  return `CREATE OR REPLACE FUNCTION ${s}.append_batch(
  p_streams text[],
  p_stream_jsons text[],
  p_expecteds bigint[],
  p_counts int[],
  p_ids uuid[],
  p_types text[],
  p_type_jsons text[],
  p_datas text[],
  p_metas text[]
) RETURNS TABLE (o_item int, o_outcome int, o_revision bigint, o_txid xid8, o_position bigint)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_items int := cardinality(p_streams);
  v_off int := 0;          -- events of the items before this one
  v_n int;
  v_stream text;
  v_expected bigint;
  v_cur bigint;            -- the stream's revision before this item (-1: no stream)
  v_conflict boolean;
  v_stored boolean;        -- a conflicting item has ids already stored
  v_prev text;             -- hash of the event at v_cur
  v_prev_at timestamptz;   -- its recorded_at
  v_at timestamptz;
  v_k int;
  v_total int := 0;        -- events to insert
  v_txid xid8;
  v_positions bigint[];
  v_prev_k int;            -- the previous event's index in a_* when it is in this batch
  -- streams appended earlier in this batch: their last revision, last event (index in a_*) and recorded_at
  m_streams text[] := ARRAY[]::text[];
  m_revs bigint[] := ARRAY[]::bigint[];
  m_lasts int[] := ARRAY[]::int[];
  m_ats timestamptz[] := ARRAY[]::timestamptz[];
  -- the events to insert
  a_src int[] := ARRAY[]::int[];       -- index into p_ids / p_types / p_datas / p_metas
  a_items int[] := ARRAY[]::int[];     -- index into p_stream_jsons
  a_streams text[] := ARRAY[]::text[];
  a_revs bigint[] := ARRAY[]::bigint[];
  a_ats timestamptz[] := ARRAY[]::timestamptz[];
  a_hashes text[] := ARRAY[]::text[];
  a_prevs text[] := ARRAY[]::text[];   -- the stored previous hash (first event of a stream in this batch)
  a_prev_ks int[] := ARRAY[]::int[];   -- else the previous event's index in a_*
  -- one result per item
  r_outcomes int[] := array_fill(0, ARRAY[v_items]);
  r_revs bigint[] := array_fill(NULL::bigint, ARRAY[v_items]);
  r_txids xid8[] := array_fill(NULL::xid8, ARRAY[v_items]);
  r_positions bigint[] := array_fill(NULL::bigint, ARRAY[v_items]);
  r_last int[] := array_fill(NULL::int, ARRAY[v_items]);   -- the item's last event in a_*
BEGIN
  -- Each item is one append: p_counts[item] events of p_streams[item], expecting p_expecteds[item]
  -- (>= 0 exact revision, -1 no_stream, -2 any, -3 stream_exists). Items are independent: a
  -- conflict skips its item only. The caller orders items by stream so that concurrent batches lock
  -- streams rows in one order. Event ids are not looked up first: an id already stored fails the
  -- whole call (unique violation on events_id_key), and the caller sorts the batch out. Looking
  -- every id up in advance cost a third of the function (planned on each call: a cached plan of
  -- "id = ANY(array)" made while the table was small scans it whole).
  FOR item IN 1 .. v_items LOOP
    v_n := p_counts[item];
    v_stream := p_streams[item];
    v_expected := p_expecteds[item];

    -- Check and bump the revision before any position is drawn: a loser leaves no hole.
    v_conflict := false;
    v_cur := NULL;
    LOOP
      IF v_expected <> -1 THEN
        UPDATE ${s}.streams AS st SET revision = st.revision + v_n
         WHERE st.stream = v_stream AND (v_expected < 0 OR st.revision = v_expected)
         RETURNING st.revision - v_n INTO v_cur;
        EXIT WHEN FOUND;
        IF v_expected <> -2 THEN v_conflict := true; EXIT; END IF;
      END IF;
      INSERT INTO ${s}.streams AS st (stream, revision) VALUES (v_stream, v_n - 1) ON CONFLICT DO NOTHING;
      IF FOUND THEN v_cur := -1; EXIT; END IF;
      IF v_expected = -1 THEN v_conflict := true; EXIT; END IF;
      -- 'any' and the stream was created meanwhile: bump it.
    END LOOP;
    IF v_conflict THEN
      -- A retry of a stored append conflicts with the revision its first try left: it has stored
      -- ids (outcome 3, sorted out by the caller). Looked up on conflicts only, planned each time.
      EXECUTE 'SELECT EXISTS (SELECT 1 FROM ${s}.events e WHERE e.id = ANY($1))' INTO v_stored USING p_ids[v_off + 1 : v_off + v_n];
      SELECT st.revision INTO v_cur FROM ${s}.streams st WHERE st.stream = v_stream;
      r_outcomes[item] := CASE WHEN v_stored THEN 3 ELSE 1 END;
      r_revs[item] := coalesce(v_cur, -1);
      v_off := v_off + v_n;
      CONTINUE;
    END IF;

    -- The previous event: appended earlier in this batch, or stored.
    v_prev := NULL;
    v_prev_k := NULL;
    v_prev_at := NULL;
    IF v_cur >= 0 THEN
      v_k := array_position(m_streams, v_stream);
      IF v_k IS NOT NULL THEN
        v_prev_k := m_lasts[v_k];
        v_prev_at := m_ats[v_k];
      ELSE
        SELECT e.hash, e.recorded_at INTO v_prev, v_prev_at
          FROM ${s}.events e WHERE e.stream = v_stream AND e.revision = v_cur;
      END IF;
    END IF;
    -- The database clock, to the millisecond (what a JS Date holds), never before the previous event.
    v_at := date_trunc('milliseconds', clock_timestamp());
    IF v_prev_at IS NOT NULL AND v_prev_at > v_at THEN v_at := v_prev_at; END IF;
    FOR i IN 1 .. v_n LOOP
      v_total := v_total + 1;
      a_src[v_total] := v_off + i;
      a_items[v_total] := item;
      a_streams[v_total] := v_stream;
      a_revs[v_total] := v_cur + i;
      a_ats[v_total] := v_at;
      a_prevs[v_total] := v_prev;
      a_prev_ks[v_total] := v_prev_k;
      v_prev := NULL;
      v_prev_k := v_total;
    END LOOP;
    v_k := array_position(m_streams, v_stream);
    IF v_k IS NULL THEN
      v_k := cardinality(m_streams) + 1;
      m_streams[v_k] := v_stream;
    END IF;
    m_revs[v_k] := v_cur + v_n;
    m_lasts[v_k] := v_total;
    m_ats[v_k] := v_at;
    r_revs[item] := v_cur + v_n;
    r_last[item] := v_total;
    v_off := v_off + v_n;
  END LOOP;

  IF v_total > 0 THEN
    -- Positions are drawn only now, for the events of the items that passed their checks.
    v_txid := pg_current_xact_id();
    v_positions := ARRAY(SELECT nextval('${s}.event_position') FROM generate_series(1, v_total));
    -- Hash scheme 2: the hashes include the position and the transaction id, known only now.
    FOR k IN 1 .. v_total LOOP
      IF a_prev_ks[k] IS NOT NULL THEN a_prevs[k] := a_hashes[a_prev_ks[k]]; END IF;
      a_hashes[k] := encode(sha256(convert_to(
        '{"data":' || p_datas[a_src[k]]
        || ',"id":"' || p_ids[a_src[k]]::text
        || '","metadata":' || p_metas[a_src[k]]
        || ',"position":"' || v_positions[k]::text
        || '","previousHash":' || CASE WHEN a_prevs[k] IS NULL THEN 'null' ELSE '"' || a_prevs[k] || '"' END
        || ',"recordedAt":"' || to_char(a_ats[k] AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
        || '","revision":' || a_revs[k]::text
        || ',"stream":' || p_stream_jsons[a_items[k]]
        || ',"transactionId":"' || v_txid::text
        || '","type":' || p_type_jsons[a_src[k]]
        || '}', 'UTF8')), 'hex');
    END LOOP;
    INSERT INTO ${s}.events
      (position, transaction_id, id, stream, revision, type, data, metadata, recorded_at, hash, previous_hash, hash_scheme)
    SELECT v_positions[u.k], v_txid, p_ids[u.src], u.stream, u.rev, p_types[u.src],
           p_datas[u.src]::jsonb, p_metas[u.src]::jsonb, u.at, u.hash, u.prev, 2
      FROM unnest(a_src, a_streams, a_revs, a_ats, a_hashes, a_prevs) WITH ORDINALITY AS u(src, stream, rev, at, hash, prev, k);
  END IF;

  RETURN QUERY
    SELECT r.item::int, r.outcome,
           r.rev,
           CASE WHEN r.last IS NULL THEN r.txid ELSE v_txid END,
           CASE WHEN r.last IS NULL THEN r.pos ELSE v_positions[r.last] END
      FROM unnest(r_outcomes, r_revs, r_txids, r_positions, r_last) WITH ORDINALITY AS r(outcome, rev, txid, pos, last, item);
END
$fn$`;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Invalid schema name "${name}": lower-case letters, digits and _ only`);
  }
  return `"${name}"`;
}
