import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every get-* folder owns its read model: recorded_facts (the facts an admin records are events now,
 * EvaluationFactsRecorded; evaluation_facts, written outside the event store, goes: its rows were
 * never events, so they cannot be rebuilt: record them again) and curve_entry (Monitoring Kurva, no
 * longer read from evaluation_view).
 */
export class CreateRecordedFactsAndCurveEntries1764800000000 implements MigrationInterface {
  name = 'CreateRecordedFactsAndCurveEntries1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.recorded_facts (evaluation_id text PRIMARY KEY, facts jsonb NOT NULL)`);
    await queryRunner.query(`DROP TABLE ${s}.evaluation_facts`);
    await queryRunner.query(
      `CREATE TABLE ${s}.curve_entry (evaluation_id text PRIMARY KEY, period_id text NOT NULL, unit_id text NOT NULL, employee_id text NOT NULL,
         predicate text NOT NULL, status text NOT NULL)`,
    );
    await queryRunner.query(`CREATE INDEX curve_entry_period_unit_idx ON ${s}.curve_entry (period_id, unit_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.curve_entry`);
    await queryRunner.query(
      `CREATE TABLE ${s}.evaluation_facts (period_id text NOT NULL, employee_id text NOT NULL, facts jsonb NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (period_id, employee_id))`,
    );
    await queryRunner.query(`DROP TABLE ${s}.recorded_facts`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
