import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The city's leadership as data (issue 14): a reporting line may name a position of another agency
 * (`parent_agency_id`) or a city official (`parent_official_id`), and `official_view` lists the
 * officials (the kepala daerah as PPK).
 */
export class CityLeadership1765100000000 implements MigrationInterface {
  name = 'CityLeadership1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.reporting_line_interval ADD COLUMN parent_agency_id text, ADD COLUMN parent_official_id text`);
    await queryRunner.query(`CREATE INDEX reporting_line_interval_parent_idx ON ${s}.reporting_line_interval (parent_position_id)`);
    await queryRunner.query(`CREATE TABLE ${s}.official_view (official_id text PRIMARY KEY, name text NOT NULL, office text NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.official_view`);
    await queryRunner.query(`DROP INDEX ${s}.reporting_line_interval_parent_idx`);
    await queryRunner.query(`ALTER TABLE ${s}.reporting_line_interval DROP COLUMN parent_agency_id, DROP COLUMN parent_official_id`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
