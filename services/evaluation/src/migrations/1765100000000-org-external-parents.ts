import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The local organisation copy learns reporting lines that leave the agency (issue 14): to a
 * position of another agency (`parent_agency_id`) or to a city official, the kepala daerah
 * (`parent_official_id`).
 */
export class OrgExternalParents1765100000000 implements MigrationInterface {
  name = 'OrgExternalParents1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.org_reporting_line ADD COLUMN parent_agency_id text, ADD COLUMN parent_official_id text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.org_reporting_line DROP COLUMN parent_agency_id, DROP COLUMN parent_official_id`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
