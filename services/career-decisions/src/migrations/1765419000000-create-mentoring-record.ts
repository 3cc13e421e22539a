import { MigrationInterface, QueryRunner } from 'typeorm';

/** mentoring_record_view: each person's mentoring relations, as mentee and as mentor (issue 19). */
export class CreateMentoringRecord1765419000000 implements MigrationInterface {
  name = 'CreateMentoringRecord1765419000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`CREATE TABLE ${s}.mentoring_record_view (nip text PRIMARY KEY, relations jsonb NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const s = quote(queryRunner.connection.driver.schema ?? 'public');
    await queryRunner.query(`DROP TABLE ${s}.mentoring_record_view`);
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
