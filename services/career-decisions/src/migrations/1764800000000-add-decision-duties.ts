import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * decision_register: who approved, rejected and issued (separation of duties shown in the console),
 * the fact whose change last re-issued or revoked the decision; replaced_fact: the predicates before
 * and after. Rows written before stay null until `kinerja rebuild career-decisions`.
 */
export class AddDecisionDuties1764800000000 implements MigrationInterface {
  name = 'AddDecisionDuties1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(
      `ALTER TABLE ${s}.decision_register ADD COLUMN approved_by text, ADD COLUMN rejected_by text, ADD COLUMN issued_by text, ADD COLUMN changed_fact_id text`,
    );
    await queryRunner.query(`ALTER TABLE ${s}.replaced_fact ADD COLUMN previous_predicate text, ADD COLUMN predicate text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`ALTER TABLE ${s}.replaced_fact DROP COLUMN previous_predicate, DROP COLUMN predicate`);
    await queryRunner.query(`ALTER TABLE ${s}.decision_register DROP COLUMN approved_by, DROP COLUMN rejected_by, DROP COLUMN issued_by, DROP COLUMN changed_fact_id`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
