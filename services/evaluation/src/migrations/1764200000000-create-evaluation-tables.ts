import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models (period_view, evaluation_view, unit_evaluation_view, open_objection_window), the local
 * organisation copy (org_*) and the evaluation facts behind the suggested rating.
 */
export class CreateEvaluationTables1764200000000 implements MigrationInterface {
  name = 'CreateEvaluationTables1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    const statements = [
      `CREATE TABLE ${s}.period_view (
         period_id text PRIMARY KEY, agency_id text NOT NULL, year integer NOT NULL, code text NOT NULL, kind text NOT NULL,
         name text NOT NULL, start_date text NOT NULL, end_date text NOT NULL, fill_deadline text NOT NULL,
         cadence text NOT NULL, rule_set_version text NOT NULL)`,
      `CREATE INDEX period_view_agency_year_idx ON ${s}.period_view (agency_id, year)`,
      `CREATE TABLE ${s}.evaluation_view (
         evaluation_id text PRIMARY KEY, employee_id text NOT NULL, period_id text NOT NULL, agency_id text NOT NULL,
         year integer NOT NULL, period_kind text NOT NULL, unit_id text NOT NULL, assessor_id text NOT NULL, status text NOT NULL,
         rating_hasil text NOT NULL, rating_perilaku text NOT NULL, predicate text NOT NULL, rule_set_version text NOT NULL,
         rating_hasil_source text NOT NULL, led_unit jsonb, justification text NOT NULL, suggestion jsonb,
         difference_from_suggestion jsonb NOT NULL, late boolean NOT NULL, submitted_at text NOT NULL,
         objection_window jsonb, objection jsonb, finalized_via text, finalized_at text)`,
      `CREATE INDEX evaluation_view_period_unit_idx ON ${s}.evaluation_view (period_id, unit_id)`,
      `CREATE INDEX evaluation_view_employee_idx ON ${s}.evaluation_view (employee_id)`,
      `CREATE INDEX evaluation_view_assessor_idx ON ${s}.evaluation_view (assessor_id, period_id)`,
      `CREATE TABLE ${s}.unit_evaluation_view (
         unit_evaluation_id text PRIMARY KEY, unit_id text NOT NULL, period_id text NOT NULL, agency_id text NOT NULL,
         organisation_predicate text, basis text, set_by text, set_at text, finalized boolean NOT NULL, finalization jsonb)`,
      `CREATE INDEX unit_evaluation_view_period_idx ON ${s}.unit_evaluation_view (period_id)`,
      `CREATE TABLE ${s}.open_objection_window (evaluation_id text PRIMARY KEY, closes_at timestamptz NOT NULL)`,
      `CREATE INDEX open_objection_window_closes_idx ON ${s}.open_objection_window (closes_at)`,
      `CREATE TABLE ${s}.org_unit (agency_id text NOT NULL, unit_id text NOT NULL, name text NOT NULL, parent_unit_id text,
         PRIMARY KEY (agency_id, unit_id))`,
      `CREATE TABLE ${s}.org_position (agency_id text NOT NULL, position_id text NOT NULL, name text NOT NULL, unit_id text NOT NULL,
         PRIMARY KEY (agency_id, position_id))`,
      `CREATE TABLE ${s}.org_reporting_line (agency_id text NOT NULL, position_id text NOT NULL, effective_from text NOT NULL,
         parent_position_id text, PRIMARY KEY (agency_id, position_id, effective_from))`,
      `CREATE TABLE ${s}.org_assignment (agency_id text NOT NULL, assignment_id text NOT NULL, nip text NOT NULL, position_id text NOT NULL,
         type text NOT NULL, from_date text NOT NULL, to_date text, ended_on text, PRIMARY KEY (agency_id, assignment_id))`,
      `CREATE INDEX org_assignment_nip_idx ON ${s}.org_assignment (nip)`,
      `CREATE TABLE ${s}.evaluation_facts (period_id text NOT NULL, employee_id text NOT NULL, facts jsonb NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (period_id, employee_id))`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const table of [
      'evaluation_facts',
      'org_assignment',
      'org_reporting_line',
      'org_position',
      'org_unit',
      'open_objection_window',
      'unit_evaluation_view',
      'evaluation_view',
      'period_view',
    ])
      await queryRunner.query(`DROP TABLE ${s}.${table}`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
