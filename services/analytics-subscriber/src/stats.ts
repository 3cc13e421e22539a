import { Pool } from 'pg';

export interface SkpCompletionRow {
  agency_id: string;
  year: number;
  employees: number;
  with_approved_skp: number;
  completion_pct: string;
}

export interface PredicateDistributionRow {
  agency_id: string;
  year: number | null;
  period_id: string;
  period_kind: string;
  employees: number;
  sangat_baik: number;
  baik: number;
  butuh_perbaikan: number;
  kurang_misconduct: number;
  sangat_kurang: number;
}

export interface ComplaintSlaRow {
  agency_id: string;
  year: number;
  complaints: number;
  resolved: number;
  resolved_within_sla: number;
  resolved_late: number;
  open_breached: number;
  breached: number;
  /** Of the resolved ones; null when none is resolved. */
  within_sla_pct: string | null;
}

export interface UnresolvedJoinRow {
  fact: string;
  waiting_for: string;
  count: number;
}

export interface Statistics {
  skpCompletion: SkpCompletionRow[];
  predicateDistribution: PredicateDistributionRow[];
  complaintSla: ComplaintSlaRow[];
  unresolvedJoins: UnresolvedJoinRow[];
  processedEvents: number;
  rejectedEvents: number;
}

/** Reads every statistic from the views, sorted so that two reads of the same facts compare equal. */
export async function readStatistics(pool: Pool, schema: string): Promise<Statistics> {
  const rows = async <T>(sql: string) => (await pool.query(sql)).rows as T[];
  const [processed] = await rows<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${schema}.processed_events`);
  const [rejected] = await rows<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${schema}.rejected_events`);
  return {
    skpCompletion: await rows(`SELECT * FROM ${schema}.skp_completion ORDER BY agency_id, year`),
    predicateDistribution: await rows(`SELECT * FROM ${schema}.predicate_distribution ORDER BY agency_id, period_id`),
    complaintSla: await rows(`SELECT * FROM ${schema}.complaint_sla ORDER BY agency_id, year`),
    unresolvedJoins: await rows(`SELECT * FROM ${schema}.unresolved_joins ORDER BY fact`),
    processedEvents: processed.n,
    rejectedEvents: rejected.n,
  };
}

/** A plain text table: a header, a rule, one line per row. */
export function table(title: string, rows: readonly object[]): string {
  if (rows.length === 0) return `${title}\n  (no rows)\n`;
  const columns = Object.keys(rows[0]);
  const cells = rows.map((row) => columns.map((c) => String((row as Record<string, unknown>)[c] ?? '-')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const line = (values: string[]) => `  ${values.map((v, i) => v.padEnd(widths[i])).join('  ')}`.trimEnd();
  return [title, line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

export function formatStatistics(stats: Statistics): string {
  return [
    table('SKP completion (employees of the agency with an approved SKP for the year)', stats.skpCompletion),
    table('Predicate distribution (latest final predicate per employee and period)', stats.predicateDistribution),
    table('Complaint SLA', stats.complaintSla),
    table('Facts waiting for a join', stats.unresolvedJoins),
    `events applied: ${stats.processedEvents}, messages rejected: ${stats.rejectedEvents}\n`,
  ].join('\n');
}
