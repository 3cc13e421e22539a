import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service delivery (issue 19): the standards with their versions, the completed applications
 * (judged), who resolved each complaint, and the records the stream channel could not accept.
 */
export class CreateServiceDeliveryTables1766000000000 implements MigrationInterface {
  name = 'CreateServiceDeliveryTables1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.service_standard_view (
      key text PRIMARY KEY,
      agency_id text NOT NULL,
      service_code text NOT NULL,
      version integer NOT NULL,
      name text NOT NULL,
      amount numeric NOT NULL,
      unit text NOT NULL,
      effective_from date NOT NULL,
      set_by text NOT NULL,
      set_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX service_standard_view_agency_idx ON ${s}.service_standard_view (agency_id, service_code)`);
    await queryRunner.query(`CREATE TABLE ${s}.service_record_view (
      key text PRIMARY KEY,
      agency_id text NOT NULL,
      source_id text NOT NULL,
      service_code text NOT NULL,
      unit_id text NOT NULL,
      officer_nip text NOT NULL,
      received_at timestamptz NOT NULL,
      completed_at timestamptz NOT NULL,
      channel text NOT NULL,
      standard_version integer NOT NULL,
      standard_amount numeric NOT NULL,
      standard_unit text NOT NULL,
      elapsed numeric NOT NULL,
      within_standard boolean NOT NULL,
      batch_id text NOT NULL)`);
    await queryRunner.query(`CREATE INDEX service_record_view_officer_idx ON ${s}.service_record_view (officer_nip, completed_at)`);
    await queryRunner.query(`CREATE INDEX service_record_view_unit_idx ON ${s}.service_record_view (unit_id, completed_at)`);
    await queryRunner.query(`CREATE UNIQUE INDEX service_record_view_source_idx ON ${s}.service_record_view (agency_id, source_id)`);
    await queryRunner.query(`CREATE TABLE ${s}.complaint_handling_view (
      complaint_id text PRIMARY KEY,
      unit_id text NOT NULL,
      category text NOT NULL,
      resolved_by text NOT NULL,
      resolved_at timestamptz NOT NULL,
      within_sla boolean NOT NULL)`);
    await queryRunner.query(`CREATE INDEX complaint_handling_view_officer_idx ON ${s}.complaint_handling_view (resolved_by, resolved_at)`);
    await queryRunner.query(`CREATE TABLE ${s}.service_record_rejection (
      message_id text PRIMARY KEY,
      agency_id text NOT NULL,
      source_id text NOT NULL,
      problems jsonb NOT NULL,
      rejected_at timestamptz NOT NULL)`);
    await queryRunner.query(`CREATE INDEX service_record_rejection_agency_idx ON ${s}.service_record_rejection (agency_id, rejected_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const table of ['service_record_rejection', 'complaint_handling_view', 'service_record_view', 'service_standard_view']) await queryRunner.query(`DROP TABLE ${s}.${table}`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
