import { MigrationInterface, QueryRunner } from 'typeorm';

/** replaced_fact: the re-evaluation saga's work list (with decision_register), instead of its own checkpoint. */
export class CreateReplacedFact1764700000000 implements MigrationInterface {
  name = 'CreateReplacedFact1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(
      `CREATE TABLE ${s}.replaced_fact (previous_fact_id text PRIMARY KEY, fact_id text NOT NULL, nip text NOT NULL, year integer NOT NULL,
         reason text NOT NULL, changed_at text NOT NULL, change_event_id text NOT NULL)`,
    );
    await queryRunner.query(`DROP TABLE ${s}.saga_checkpoint`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.saga_checkpoint (name text PRIMARY KEY, position text NOT NULL)`);
    await queryRunner.query(`DROP TABLE ${s}.replaced_fact`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
