import { MigrationInterface, QueryRunner } from 'typeorm';

/** talent_facts_view (assessments, penalties) and employee_directory (names from work-planning's EmployeeRegistered.v1). */
export class CreateTalentTables1764500000000 implements MigrationInterface {
  name = 'CreateTalentTables1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const statement of [
      `CREATE TABLE ${s}.talent_facts_view (nip text PRIMARY KEY, agency_id text NOT NULL, assessment jsonb, penalties jsonb NOT NULL)`,
      `CREATE INDEX talent_facts_view_agency_idx ON ${s}.talent_facts_view (agency_id)`,
      `CREATE TABLE ${s}.employee_directory (nip text PRIMARY KEY, name text NOT NULL, status text NOT NULL, agency_id text NOT NULL)`,
    ])
      await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const table of ['employee_directory', 'talent_facts_view']) await queryRunner.query(`DROP TABLE ${s}.${table}`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
