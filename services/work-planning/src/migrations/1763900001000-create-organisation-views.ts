import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organisation over time: `assignment_interval` and `reporting_line_interval` (as-of-date
 * supervisor look-ups in one indexed query), `unit_view` and `position_view` (the org tree).
 */
export class CreateOrganisationViews1763900001000 implements MigrationInterface {
  name = 'CreateOrganisationViews1763900001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.assignment_interval (
      id text PRIMARY KEY, agency_id text NOT NULL, assignment_id text NOT NULL, nip text NOT NULL,
      position_id text NOT NULL, type text NOT NULL, from_date date NOT NULL, to_date date)`);
    await queryRunner.query(`CREATE INDEX assignment_interval_nip_idx ON ${s}.assignment_interval (nip, from_date)`);
    await queryRunner.query(`CREATE INDEX assignment_interval_position_idx ON ${s}.assignment_interval (agency_id, position_id, from_date)`);
    await queryRunner.query(`CREATE TABLE ${s}.reporting_line_interval (
      id text PRIMARY KEY, agency_id text NOT NULL, position_id text NOT NULL, parent_position_id text, from_date date NOT NULL)`);
    await queryRunner.query(`CREATE INDEX reporting_line_interval_position_idx ON ${s}.reporting_line_interval (agency_id, position_id, from_date)`);
    await queryRunner.query(`CREATE TABLE ${s}.unit_view (
      id text PRIMARY KEY, agency_id text NOT NULL, unit_id text NOT NULL, name text NOT NULL, parent_unit_id text)`);
    await queryRunner.query(`CREATE INDEX unit_view_agency_idx ON ${s}.unit_view (agency_id)`);
    await queryRunner.query(`CREATE TABLE ${s}.position_view (
      id text PRIMARY KEY, agency_id text NOT NULL, position_id text NOT NULL, name text NOT NULL, kind text NOT NULL,
      unit_id text NOT NULL, established_on date NOT NULL)`);
    await queryRunner.query(`CREATE INDEX position_view_agency_idx ON ${s}.position_view (agency_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const t of ['position_view', 'unit_view', 'reporting_line_interval', 'assignment_interval']) await queryRunner.query(`DROP TABLE ${s}.${t}`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
