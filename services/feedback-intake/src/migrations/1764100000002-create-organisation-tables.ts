import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * work-planning's organisation as effective-dated facts (kept by the consumer of
 * `kinerja.work-planning.v1`): positions, their reporting lines as (from, parent), assignments as
 * intervals, and the approved SKP plans (for their RHK). Answers "who was the pejabat penilai of
 * NIP on date D" and "is this RHK on the employee's SKP for the period".
 */
export class CreateOrganisationTables1764100000002 implements MigrationInterface {
  name = 'CreateOrganisationTables1764100000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.org_position (
      agency_id text NOT NULL,
      position_id text NOT NULL,
      unit_id text NOT NULL,
      kind text NOT NULL,
      PRIMARY KEY (agency_id, position_id))`);
    await queryRunner.query(`CREATE TABLE ${s}.org_reporting_line (
      agency_id text NOT NULL,
      position_id text NOT NULL,
      effective_from date NOT NULL,
      parent_position_id text,
      PRIMARY KEY (agency_id, position_id, effective_from))`);
    await queryRunner.query(`CREATE TABLE ${s}.org_assignment (
      agency_id text NOT NULL,
      assignment_id text NOT NULL,
      nip text NOT NULL,
      position_id text NOT NULL,
      type text NOT NULL,
      from_date date NOT NULL,
      to_date date,
      PRIMARY KEY (agency_id, assignment_id))`);
    await queryRunner.query(`CREATE INDEX org_assignment_nip_idx ON ${s}.org_assignment (nip)`);
    await queryRunner.query(`CREATE INDEX org_assignment_position_idx ON ${s}.org_assignment (agency_id, position_id)`);
    await queryRunner.query(`CREATE TABLE ${s}.skp_plan (
      skp_id text PRIMARY KEY,
      nip text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      version integer NOT NULL,
      pejabat_penilai_nip text NOT NULL,
      rhk_ids jsonb NOT NULL)`);
    await queryRunner.query(`CREATE INDEX skp_plan_nip_idx ON ${s}.skp_plan (nip, period_start)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const table of ['skp_plan', 'org_assignment', 'org_reporting_line', 'org_position']) await queryRunner.query(`DROP TABLE ${s}.${table}`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
