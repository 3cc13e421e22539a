import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * org_change replaces org_version: a row per agency and transaction that wrote an organisation fact
 * into the local copy, the agency's version the number of its rows. A counter row per agency was
 * locked by every consumer transaction that moved it until that transaction committed, and the
 * consumer's partitions (a batch of facts each) waited on one another: in the http bench's import
 * of 2,000 people, six of evaluation's connections waited at once and a command's read model timed
 * out. Rows of different transactions never conflict.
 */
export class CreateOrgChange1765520000000 implements MigrationInterface {
  name = 'CreateOrgChange1765520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.org_change (agency_id text NOT NULL, tx xid8 NOT NULL, PRIMARY KEY (agency_id, tx))`);
    await queryRunner.query(`DROP TABLE ${s}.org_version`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.org_version (agency_id text PRIMARY KEY, version bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO ${s}.org_version (agency_id, version) SELECT agency_id, count(*) FROM ${s}.org_change GROUP BY agency_id`);
    await queryRunner.query(`DROP TABLE ${s}.org_change`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
