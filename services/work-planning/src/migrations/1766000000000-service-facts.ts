import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: copies of feedback-intake's service records and complaint resolutions (the facts an
 * IKI bound to them is computed from), and on the realisation view what a computed value came from.
 */
export class ServiceFacts1766000000000 implements MigrationInterface {
  name = 'ServiceFacts1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.realisation_view ADD COLUMN computed jsonb`);
    await queryRunner.query(`CREATE TABLE ${s}.service_record_copy (
      agency_id text NOT NULL,
      source_id text NOT NULL,
      service_code text NOT NULL,
      unit_id text NOT NULL,
      officer_nip text NOT NULL,
      received_at timestamptz NOT NULL,
      completed_at timestamptz NOT NULL,
      standard_unit text NOT NULL,
      elapsed numeric NOT NULL,
      within_standard boolean NOT NULL,
      PRIMARY KEY (agency_id, source_id))`);
    await queryRunner.query(`CREATE INDEX service_record_copy_officer_idx ON ${s}.service_record_copy (officer_nip, service_code, completed_at)`);
    await queryRunner.query(`CREATE TABLE ${s}.complaint_resolution_copy (
      complaint_id text PRIMARY KEY,
      unit_id text NOT NULL,
      category text NOT NULL,
      resolved_by text NOT NULL,
      resolved_at timestamptz NOT NULL,
      within_sla boolean NOT NULL)`);
    await queryRunner.query(`CREATE INDEX complaint_resolution_copy_officer_idx ON ${s}.complaint_resolution_copy (resolved_by, resolved_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.complaint_resolution_copy`);
    await queryRunner.query(`DROP TABLE ${s}.service_record_copy`);
    await queryRunner.query(`ALTER TABLE ${s}.realisation_view DROP COLUMN computed`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
