import { PoolClient } from 'pg';

/**
 * The subscriber's own schema: raw facts, one table per kind, and the statistics as views over them.
 * Views join at query time, so a fact that arrives before the fact it joins to (another topic, or
 * another partition: Kafka orders per partition only) is counted as soon as its partner arrives;
 * until then it shows in `unresolved_joins`.
 */
export function schemaStatements(schema: string, timeZone: string): string[] {
  const s = schema;
  const zone = timeZone.replace(/'/g, "''");
  return [
    `CREATE SCHEMA IF NOT EXISTS ${s}`,

    // Dedupe: one row per public event applied; written in the transaction that applies it.
    `CREATE TABLE IF NOT EXISTS ${s}.processed_events (
       ce_id text PRIMARY KEY,
       ce_type text NOT NULL,
       topic text NOT NULL,
       kafka_partition integer NOT NULL,
       kafka_offset bigint NOT NULL,
       processed_at timestamptz NOT NULL DEFAULT now()
     )`,
    // Messages that failed the envelope or schema check: kept for inspection, never applied.
    `CREATE TABLE IF NOT EXISTS ${s}.rejected_events (
       topic text NOT NULL,
       kafka_partition integer NOT NULL,
       kafka_offset bigint NOT NULL,
       ce_id text,
       ce_type text,
       reason text NOT NULL,
       rejected_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (topic, kafka_partition, kafka_offset)
     )`,

    // EmployeeRegistered.v1 / EmployeeUpdated.v1: the employee's current agency (latest ce_time wins).
    `CREATE TABLE IF NOT EXISTS ${s}.employees (
       nip text PRIMARY KEY,
       agency_id text NOT NULL,
       status text NOT NULL,
       as_of timestamptz NOT NULL
     )`,
    // UnitCreated.v1: unit → agency, for the complaint events that carry only the unit.
    `CREATE TABLE IF NOT EXISTS ${s}.units (
       unit_id text PRIMARY KEY,
       agency_id text NOT NULL
     )`,
    // SkpApproved.v1 / SkpAmended.v1: every approved version of every SKP.
    `CREATE TABLE IF NOT EXISTS ${s}.skp_approvals (
       skp_id text NOT NULL,
       version integer NOT NULL,
       nip text NOT NULL,
       agency_id text NOT NULL,
       period_start date NOT NULL,
       period_end date NOT NULL,
       approved_at timestamptz NOT NULL,
       PRIMARY KEY (skp_id, version)
     )`,
    // PredicateFinalized.v1: every finalisation; the latest per employee and period counts.
    `CREATE TABLE IF NOT EXISTS ${s}.predicates_finalized (
       ce_id text PRIMARY KEY,
       seq bigserial NOT NULL,
       evaluation_id text NOT NULL,
       nip text NOT NULL,
       period_id text NOT NULL,
       period_kind text NOT NULL,
       unit_id text NOT NULL,
       predicate text NOT NULL,
       finalized_via text NOT NULL,
       finalized_at timestamptz NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS predicates_finalized_latest ON ${s}.predicates_finalized (nip, period_id, finalized_at DESC, seq DESC)`,
    // ComplaintResolved.v1 and ComplaintSlaBreached.v1 (once per deadline).
    `CREATE TABLE IF NOT EXISTS ${s}.complaint_resolutions (
       complaint_id text PRIMARY KEY,
       unit_id text NOT NULL,
       category text NOT NULL,
       resolved_at timestamptz NOT NULL,
       within_sla boolean NOT NULL
     )`,
    `CREATE TABLE IF NOT EXISTS ${s}.complaint_breaches (
       complaint_id text NOT NULL,
       due_at timestamptz NOT NULL,
       unit_id text NOT NULL,
       category text NOT NULL,
       detected_at timestamptz NOT NULL,
       PRIMARY KEY (complaint_id, due_at)
     )`,

    // Views are dropped and created again on every start, so a new version of this program can
    // change their columns; they hold no data.
    `DROP VIEW IF EXISTS ${s}.skp_completion, ${s}.predicate_distribution, ${s}.complaint_sla, ${s}.unresolved_joins, ${s}.latest_predicates, ${s}.complaints`,

    `CREATE VIEW ${s}.latest_predicates AS
       SELECT DISTINCT ON (nip, period_id) nip, period_id, period_kind, predicate, finalized_at
       FROM ${s}.predicates_finalized
       ORDER BY nip, period_id, finalized_at DESC, seq DESC`,

    // Employees of the agency (their current agency) against those of them with an approved SKP
    // whose period starts in the year; one row per agency and every year any SKP was approved for.
    `CREATE VIEW ${s}.skp_completion AS
       WITH approved AS (
         SELECT DISTINCT nip, EXTRACT(YEAR FROM period_start)::int AS year FROM ${s}.skp_approvals
       ), years AS (SELECT DISTINCT year FROM approved)
       SELECT e.agency_id,
              y.year,
              COUNT(*)::int AS employees,
              COUNT(a.nip)::int AS with_approved_skp,
              ROUND(100.0 * COUNT(a.nip) / COUNT(*), 1) AS completion_pct
       FROM ${s}.employees e
       CROSS JOIN years y
       LEFT JOIN approved a ON a.nip = e.nip AND a.year = y.year
       GROUP BY e.agency_id, y.year`,

    // The latest final predicate per employee and period, counted in the employee's agency. The
    // year is read from evaluation's period id layout <agencyId>:<year>:<code> (NULL otherwise).
    `CREATE VIEW ${s}.predicate_distribution AS
       SELECT e.agency_id,
              substring(p.period_id from '^[^:]+:([0-9]{4}):')::int AS year,
              p.period_id,
              p.period_kind,
              COUNT(*)::int AS employees,
              COUNT(*) FILTER (WHERE p.predicate = 'SANGAT_BAIK')::int AS sangat_baik,
              COUNT(*) FILTER (WHERE p.predicate = 'BAIK')::int AS baik,
              COUNT(*) FILTER (WHERE p.predicate = 'BUTUH_PERBAIKAN')::int AS butuh_perbaikan,
              COUNT(*) FILTER (WHERE p.predicate = 'KURANG_MISCONDUCT')::int AS kurang_misconduct,
              COUNT(*) FILTER (WHERE p.predicate = 'SANGAT_KURANG')::int AS sangat_kurang
       FROM ${s}.latest_predicates p
       JOIN ${s}.employees e ON e.nip = p.nip
       GROUP BY e.agency_id, p.period_id, p.period_kind`,

    // One row per complaint seen: its unit (the resolving one, else the last breached), whether it
    // was resolved and in time, whether a deadline was missed, and the local calendar year of its
    // resolution (or of its first missed deadline while open).
    `CREATE VIEW ${s}.complaints AS
       WITH breaches AS (
         SELECT complaint_id,
                (array_agg(unit_id ORDER BY detected_at DESC))[1] AS unit_id,
                MIN(due_at) AS first_due_at
         FROM ${s}.complaint_breaches
         GROUP BY complaint_id
       )
       SELECT complaint_id,
              COALESCE(r.unit_id, b.unit_id) AS unit_id,
              r.complaint_id IS NOT NULL AS resolved,
              COALESCE(r.within_sla, false) AS resolved_within_sla,
              b.complaint_id IS NOT NULL OR r.within_sla IS FALSE AS breached,
              EXTRACT(YEAR FROM COALESCE(r.resolved_at, b.first_due_at) AT TIME ZONE '${zone}')::int AS year
       FROM ${s}.complaint_resolutions r
       FULL JOIN breaches b USING (complaint_id)`,

    `CREATE VIEW ${s}.complaint_sla AS
       SELECT u.agency_id,
              c.year,
              COUNT(*)::int AS complaints,
              COUNT(*) FILTER (WHERE c.resolved)::int AS resolved,
              COUNT(*) FILTER (WHERE c.resolved_within_sla)::int AS resolved_within_sla,
              COUNT(*) FILTER (WHERE c.resolved AND NOT c.resolved_within_sla)::int AS resolved_late,
              COUNT(*) FILTER (WHERE NOT c.resolved AND c.breached)::int AS open_breached,
              COUNT(*) FILTER (WHERE c.breached)::int AS breached,
              ROUND(100.0 * COUNT(*) FILTER (WHERE c.resolved_within_sla) / NULLIF(COUNT(*) FILTER (WHERE c.resolved), 0), 1) AS within_sla_pct
       FROM ${s}.complaints c
       JOIN ${s}.units u ON u.unit_id = c.unit_id
       GROUP BY u.agency_id, c.year`,

    // Facts not yet counted because the fact they join to has not arrived (yet).
    `CREATE VIEW ${s}.unresolved_joins AS
       SELECT 'PredicateFinalized.v1' AS fact, 'EmployeeRegistered.v1' AS waiting_for, COUNT(*)::int AS count
       FROM ${s}.latest_predicates p WHERE NOT EXISTS (SELECT 1 FROM ${s}.employees e WHERE e.nip = p.nip)
       UNION ALL
       SELECT 'SkpApproved.v1', 'EmployeeRegistered.v1', COUNT(DISTINCT a.nip)::int
       FROM ${s}.skp_approvals a WHERE NOT EXISTS (SELECT 1 FROM ${s}.employees e WHERE e.nip = a.nip)
       UNION ALL
       SELECT 'ComplaintResolved.v1/ComplaintSlaBreached.v1', 'UnitCreated.v1', COUNT(*)::int
       FROM ${s}.complaints c WHERE NOT EXISTS (SELECT 1 FROM ${s}.units u WHERE u.unit_id = c.unit_id)`,
  ];
}

/** Creates the schema, tables and views; safe to run on every start and by several processes at once. */
export async function ensureSchema(client: PoolClient, schema: string, timeZone: string): Promise<void> {
  await client.query('BEGIN');
  try {
    // Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog: one at a time.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kinerja-analytics:${schema}`]);
    for (const statement of schemaStatements(schema, timeZone)) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
