import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * org_version: a counter per agency, moved by every organisation fact written into the local copy,
 * so that a chart read from the copy can be kept in memory and checked with one small statement
 * (OrganisationDirectory.chartOf). An agency without a row has not changed since the table came.
 */
export class CreateOrgVersion1765500000000 implements MigrationInterface {
  name = 'CreateOrgVersion1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.org_version (agency_id text PRIMARY KEY, version bigint NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.org_version`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
