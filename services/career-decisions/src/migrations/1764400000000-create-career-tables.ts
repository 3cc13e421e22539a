import { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models (employee_record_view, decision_register) and the re-evaluation saga's checkpoint. */
export class CreateCareerTables1764400000000 implements MigrationInterface {
  name = 'CreateCareerTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const statement of [
      `CREATE TABLE ${s}.employee_record_view (nip text PRIMARY KEY, agency_id text, employment jsonb, years jsonb NOT NULL)`,
      `CREATE INDEX employee_record_view_agency_idx ON ${s}.employee_record_view (agency_id)`,
      `CREATE TABLE ${s}.decision_register (
         decision_id text PRIMARY KEY, kind text NOT NULL, nip text NOT NULL, agency_id text NOT NULL, status text NOT NULL,
         effective_date text NOT NULL, fact_ids jsonb NOT NULL, issue integer NOT NULL, reason text, proposed_by text NOT NULL,
         updated_at text NOT NULL)`,
      `CREATE INDEX decision_register_agency_idx ON ${s}.decision_register (agency_id, status)`,
      `CREATE INDEX decision_register_facts_idx ON ${s}.decision_register USING gin (fact_ids)`,
      `CREATE TABLE ${s}.saga_checkpoint (name text PRIMARY KEY, position text NOT NULL)`,
    ])
      await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    for (const table of ['saga_checkpoint', 'decision_register', 'employee_record_view']) await queryRunner.query(`DROP TABLE ${s}.${table}`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
